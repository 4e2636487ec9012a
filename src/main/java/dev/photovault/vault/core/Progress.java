package dev.photovault.vault.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a long run (backup, restore, check), written by its workers and sampled by whoever shows
 * progress. "Items" are files, or chunks for a check.
 */
public final class Progress {

    private final AtomicLong itemsTotal = new AtomicLong();
    private final AtomicLong bytesTotal = new AtomicLong();
    private final AtomicLong itemsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private volatile boolean totalsFinal;

    public void addTotal(long items, long bytes) {
        itemsTotal.addAndGet(items);
        bytesTotal.addAndGet(bytes);
    }

    /** The totals will not grow any more (e.g. the source tree has been walked). */
    public void totalsFinal() {
        totalsFinal = true;
    }

    public void itemDone() {
        itemsDone.incrementAndGet();
    }

    public void bytesDone(long bytes) {
        bytesDone.addAndGet(bytes);
    }

    public long itemsTotal() {
        return itemsTotal.get();
    }

    public long bytesTotal() {
        return bytesTotal.get();
    }

    public long itemsDone() {
        return itemsDone.get();
    }

    public long bytesDone() {
        return bytesDone.get();
    }

    public boolean areTotalsFinal() {
        return totalsFinal;
    }
}
