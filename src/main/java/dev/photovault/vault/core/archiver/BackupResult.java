package dev.photovault.vault.core.archiver;

import dev.photovault.vault.core.snapshot.SnapshotHeader;

/**
 * The outcome of a backup.
 *
 * @param snapshotId the new snapshot's id, or null for a dry run
 * @param header     its header, with statistics and the items that could not be read
 */
public record BackupResult(String snapshotId, SnapshotHeader header) {
}
