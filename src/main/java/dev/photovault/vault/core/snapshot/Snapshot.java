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

    /**
     * A new snapshot to be saved: entries sorted by path, and every path unique (snapshots read from a repository
     * are taken as they are, so that old ones with repeated paths still read).
     *
     * @throws IllegalArgumentException naming a path that two entries share
     */
    public static Snapshot build(SnapshotHeader header, List<Entry> entries) {
        List<Entry> sorted = new java.util.ArrayList<>(entries);
        sorted.sort(java.util.Comparator.comparing(Entry::path));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).path().equals(sorted.get(i - 1).path())) {
                throw new IllegalArgumentException("two entries of a snapshot share the path " + sorted.get(i).path());
            }
        }
        return new Snapshot(header, sorted);
    }
}
