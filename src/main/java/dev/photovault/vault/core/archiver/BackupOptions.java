package dev.photovault.vault.core.archiver;

import java.util.List;

/**
 * How to run a folder backup.
 *
 * @param tags    labels for the snapshot
 * @param dryRun  read and chunk everything, write nothing
 * @param workers files processed at once
 * @param parent  a snapshot id to compare against instead of the latest one of the same paths, or null
 */
public record BackupOptions(List<String> tags, boolean dryRun, int workers, String parent) {

    public BackupOptions {
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (workers < 1) {
            throw new dev.photovault.vault.core.VaultException("--workers must be at least 1, not " + workers);
        }
    }

    public static BackupOptions defaults() {
        return new BackupOptions(List.of(), false, Math.max(2, Runtime.getRuntime().availableProcessors()), null);
    }
}
