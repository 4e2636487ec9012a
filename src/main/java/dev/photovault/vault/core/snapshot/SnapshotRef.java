package dev.photovault.vault.core.snapshot;

/**
 * A stored snapshot's id with its header, as listings show it.
 *
 * @param id     the snapshot's id (hex SHA-256 of its stored object)
 * @param header its header
 */
public record SnapshotRef(String id, SnapshotHeader header) {

    /** The first eight characters of the id, as people type it. */
    public String shortId() {
        return id.substring(0, 8);
    }
}
