package dev.photovault.vault.core.snapshot;

/** What a snapshot entry is. */
public enum EntryType {
    /** A regular file: a photo, a video, or anything else backed up. */
    FILE,
    /** A folder, kept so that empty folders restore too. */
    DIR,
    /** A symbolic link, restored as a link to the same target. */
    SYMLINK
}
