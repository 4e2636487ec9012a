package dev.photovault.vault.core.backup;

/** What {@link ItemBackup#store} did with an item. */
public enum StoreOutcome {
    /** Its content was read, chunked and stored. */
    NEW,
    /** It was taken from the previous snapshot without opening its body. */
    REUSED,
    /** The same item was already stored in this run (met in another album): its albums were added, nothing read. */
    MERGED,
    /** A dry run: the item is new or changed and would be read; its body was not opened. */
    WOULD_READ
}
