package dev.photovault.vault;

import org.apache.camel.spi.Metadata;

/**
 * Headers of the {@code vault:} component. {@code vault:store} reads an item's metadata from these
 * {@code CamelVault*} headers only; a route (or a bean of the application) maps another component's headers to them,
 * so that the vault never depends on another component's naming.
 */
public final class VaultConstants {

    @Metadata(label = "store", description = "The item's id at its source (e.g. the Google Photos media item id)."
            + " With the time and size it recognises an item the previous snapshot already holds; an item met"
            + " twice in one run (in two albums) is stored once.", javaType = "String")
    public static final String SOURCE_ID = "CamelVaultSourceId";
    @Metadata(label = "store", description = "The entry's path in the snapshot (default: first album/file name).",
            javaType = "String")
    public static final String PATH = "CamelVaultPath";
    @Metadata(label = "store", description = "The original file name.", javaType = "String")
    public static final String FILE_NAME = "CamelVaultFileName";
    @Metadata(label = "store", description = "Every album the item is in: a List of titles (a String is one title;"
            + " titles may contain commas).", javaType = "java.util.List<String>")
    public static final String ALBUMS = "CamelVaultAlbums";
    @Metadata(label = "store", description = "One album the item is in (added to CamelVaultAlbums).",
            javaType = "String")
    public static final String ALBUM = "CamelVaultAlbum";
    @Metadata(label = "store", description = "Content length in bytes, when the source knows it.", javaType = "Long")
    public static final String SIZE = "CamelVaultSize";
    @Metadata(label = "store", description = "The item's time at its source (creation or modification): an Instant,"
            + " a Date, epoch milliseconds or ISO-8601 text.", javaType = "java.time.Instant")
    public static final String TIME = "CamelVaultTime";
    @Metadata(label = "store", description = "When the photo was taken.", javaType = "java.time.Instant")
    public static final String TAKEN_TIME = "CamelVaultTakenTime";
    @Metadata(label = "store", description = "Where the taken time came from: exif, sidecar, api, file-time, …",
            javaType = "String")
    public static final String TAKEN_TIME_SOURCE = "CamelVaultTakenTimeSource";
    @Metadata(label = "store", description = "The media type.", javaType = "String")
    public static final String MIME_TYPE = "CamelVaultMimeType";
    @Metadata(label = "store", description = "Width in pixels.", javaType = "Long")
    public static final String WIDTH = "CamelVaultWidth";
    @Metadata(label = "store", description = "Height in pixels.", javaType = "Long")
    public static final String HEIGHT = "CamelVaultHeight";
    @Metadata(label = "store", description = "Camera maker.", javaType = "String")
    public static final String CAMERA_MAKE = "CamelVaultCameraMake";
    @Metadata(label = "store", description = "Camera model.", javaType = "String")
    public static final String CAMERA_MODEL = "CamelVaultCameraModel";
    @Metadata(label = "store", description = "The user's caption.", javaType = "String")
    public static final String DESCRIPTION = "CamelVaultDescription";
    @Metadata(label = "store", description = "Latitude in degrees.", javaType = "Double")
    public static final String LATITUDE = "CamelVaultLatitude";
    @Metadata(label = "store", description = "Longitude in degrees.", javaType = "Double")
    public static final String LONGITUDE = "CamelVaultLongitude";
    @Metadata(label = "store", description = "Altitude in metres.", javaType = "Double")
    public static final String ALTITUDE = "CamelVaultAltitude";
    @Metadata(label = "store", description = "Starred by the user.", javaType = "Boolean")
    public static final String FAVORITE = "CamelVaultFavorite";
    @Metadata(label = "store", description = "Archived by the user.", javaType = "Boolean")
    public static final String ARCHIVED = "CamelVaultArchived";
    @Metadata(label = "store", description = "In the source's trash.", javaType = "Boolean")
    public static final String TRASHED = "CamelVaultTrashed";
    @Metadata(label = "store", description = "People tagged in it: a List of names.",
            javaType = "java.util.List<String>")
    public static final String PEOPLE = "CamelVaultPeople";
    @Metadata(label = "store", description = "How the item reached the source (mobileUpload, shared, …).",
            javaType = "String")
    public static final String ORIGIN = "CamelVaultOrigin";
    @Metadata(label = "store", description = "For the video of a motion or live photo: the source id (or path) of its"
            + " still.", javaType = "String")
    public static final String COMPANION_OF = "CamelVaultCompanionOf";
    @Metadata(label = "store", description = "Out: new (content read and stored), reused (taken from the previous"
            + " snapshot without reading the body), merged (stored already in this run, from another album) or"
            + " would-read (a dry run: new or changed, body not opened).",
            javaType = "String")
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
