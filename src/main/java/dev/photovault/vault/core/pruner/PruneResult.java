package dev.photovault.vault.core.pruner;

/**
 * What a prune did (or, in a dry run, would do).
 *
 * @param chunksReferenced chunks some snapshot needs
 * @param chunksDeleted    unreferenced chunks removed
 * @param bytesFreed       stored bytes those chunks took
 * @param chunksInGrace    unreferenced chunks kept because they are younger than the grace period
 * @param indexesReplaced  index deltas replaced by one rebuilt index
 * @param chunksLocked     unreferenced chunks kept because their S3 Object Lock has not ended (a later prune
 *                         deletes them)
 * @param lockedUntil      when the last of those locks ends, or null
 */
public record PruneResult(long chunksReferenced, long chunksDeleted, long bytesFreed, long chunksInGrace,
        int indexesReplaced, long chunksLocked, java.time.Instant lockedUntil) {

    public PruneResult(long chunksReferenced, long chunksDeleted, long bytesFreed, long chunksInGrace,
            int indexesReplaced) {
        this(chunksReferenced, chunksDeleted, bytesFreed, chunksInGrace, indexesReplaced, 0, null);
    }
}
