package dev.photovault.vault.core.snapshot;

/**
 * What the backup that wrote a snapshot did.
 *
 * @param files          files in the snapshot
 * @param directories    folders in the snapshot
 * @param totalBytes     content bytes of all files
 * @param filesNew       files whose content was read (new or changed)
 * @param filesUnchanged files taken from the parent without reading
 * @param bytesRead      content bytes read from the source
 * @param chunksNew      chunks this backup added to the repository
 * @param bytesNew       plaintext bytes of those chunks
 * @param bytesStored    bytes written to the store for them (with encryption overhead)
 * @param durationMillis how long the backup took
 */
public record SnapshotStats(long files, long directories, long totalBytes, long filesNew, long filesUnchanged,
        long bytesRead, long chunksNew, long bytesNew, long bytesStored, long durationMillis) {
}
