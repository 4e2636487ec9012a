package dev.photovault.vault.checker;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of a running check. */
public final class CheckProgress {

    final AtomicLong chunksTotal = new AtomicLong();
    final AtomicLong chunksDone = new AtomicLong();
    final AtomicLong bytesDone = new AtomicLong();

    public long chunksTotal() {
        return chunksTotal.get();
    }

    public long chunksDone() {
        return chunksDone.get();
    }

    public long bytesDone() {
        return bytesDone.get();
    }
}
