package dev.photovault.vault.core.snapshot;

import java.util.List;

/**
 * A snapshot as stored: header and entries, in path order.
 *
 * @param header  when, where, what, and the backup's statistics
 * @param entries every file, folder and link
 */
public record Snapshot(SnapshotHeader header, List<Entry> entries) {

    public Snapshot {
        entries = List.copyOf(entries);
    }
}
