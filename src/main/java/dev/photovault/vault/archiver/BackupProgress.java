package dev.photovault.vault.archiver;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of a running backup, sampled by whoever shows progress. */
public final class BackupProgress {

    final AtomicLong filesTotal = new AtomicLong();
    final AtomicLong bytesTotal = new AtomicLong();
    final AtomicLong filesDone = new AtomicLong();
    final AtomicLong bytesDone = new AtomicLong();
    volatile boolean scanned;

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

    /** Whether the totals are final (the source tree has been walked). */
    public boolean scanned() {
        return scanned;
    }
}
