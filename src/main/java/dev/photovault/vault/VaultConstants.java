package dev.photovault.vault;

import org.apache.camel.spi.Metadata;

/**
 * Headers of the {@code vault:} component. {@code vault:store} reads an entry's metadata from the
 * {@code CamelVault*} headers; where one is absent it falls back to the headers the {@code google-photos:} and
 * {@code file:} components set, so their messages can be stored as they come.
 */
public final class VaultConstants {

    @Metadata(label = "store", description = "The item's id at its source (Google Photos media item id; for files, the"
            + " relative path). With the time and size it recognises an item the parent snapshot already holds.",
            javaType = "String")
    public static final String SOURCE_ID = "CamelVaultSourceId";
    @Metadata(label = "store", description = "The entry's path in the snapshot (default: album/file name).",
            javaType = "String")
    public static final String PATH = "CamelVaultPath";
    @Metadata(label = "store", description = "The original file name.", javaType = "String")
    public static final String FILE_NAME = "CamelVaultFileName";
    @Metadata(label = "store", description = "The album the item is in.", javaType = "String")
    public static final String ALBUM = "CamelVaultAlbum";
    @Metadata(label = "store", description = "Content length in bytes, when the source knows it.", javaType = "Long")
    public static final String SIZE = "CamelVaultSize";
    @Metadata(label = "store", description = "The item's time at its source (creation or modification).",
            javaType = "java.time.Instant")
    public static final String TIME = "CamelVaultTime";
    @Metadata(label = "store", description = "The media type.", javaType = "String")
    public static final String MIME_TYPE = "CamelVaultMimeType";
    @Metadata(label = "store", description = "Out: new (content read and stored) or reused (taken from the parent"
            + " snapshot without reading the body).", javaType = "String")
    public static final String STORED = "CamelVaultStored";
    @Metadata(label = "commit", description = "Out: the id of the snapshot written.", javaType = "String")
    public static final String SNAPSHOT_ID = "CamelVaultSnapshotId";
    @Metadata(label = "commit", description = "Out: true when the snapshot is partial (some items are missing).",
            javaType = "Boolean")
    public static final String PARTIAL = "CamelVaultPartial";
    @Metadata(label = "list read", description = "The snapshot to list or read from (id, prefix or latest).",
            javaType = "String")
    public static final String SNAPSHOT = "CamelVaultSnapshot";
    @Metadata(label = "read", description = "The path of the entry to read.", javaType = "String")
    public static final String ENTRY_PATH = "CamelVaultEntryPath";

    /** Exchange property holding the open backup session, copied to the split's sub-exchanges. */
    public static final String SESSION_PROPERTY = "CamelVaultSession";
    /** Exchange property holding the run report (JSON) once a session committed or failed. */
    public static final String REPORT_PROPERTY = "CamelVaultRunReport";

    private VaultConstants() {
    }
}
