package dev.photovault.vault.core.pruner;

/**
 * What a prune did (or, in a dry run, would do).
 *
 * @param chunksReferenced chunks some snapshot needs
 * @param chunksDeleted    unreferenced chunks removed
 * @param bytesFreed       stored bytes those chunks took
 * @param chunksInGrace    unreferenced chunks kept because they are younger than the grace period
 * @param indexesReplaced  index deltas replaced by one rebuilt index
 */
public record PruneResult(long chunksReferenced, long chunksDeleted, long bytesFreed, long chunksInGrace,
        int indexesReplaced) {
}
