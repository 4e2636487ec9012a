package dev.photovault.vault.restorer;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of a running restore. */
public final class RestoreProgress {

    final AtomicLong filesTotal = new AtomicLong();
    final AtomicLong bytesTotal = new AtomicLong();
    final AtomicLong filesDone = new AtomicLong();
    final AtomicLong bytesDone = new AtomicLong();

    public long filesTotal() {
        return filesTotal.get();
    }

    public long bytesTotal() {
        return bytesTotal.get();
    }

    public long filesDone() {
        return filesDone.get();
    }

    public long bytesDone() {
        return bytesDone.get();
    }
}
