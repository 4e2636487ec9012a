package dev.photovault.vault;

import dev.photovault.vault.core.snapshot.MediaInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.apache.camel.Message;

/**
 * What {@code vault:store} knows of an item before reading its body: taken from the {@code CamelVault*} headers,
 * else from those of {@code google-photos:} (by name: the vault does not depend on that component) and
 * {@code file:}.
 *
 * @param key   identifies the item between runs: its source id, else its path
 * @param path  where it goes in the snapshot
 * @param album its album, or null
 * @param size  content length if the source says, else null
 * @param time  its time at the source, or null
 * @param media photo metadata
 */
record SourceItem(String key, String path, String album, Long size, Instant time, MediaInfo media) {

    private static final String GP = "CamelGooglePhotos";

    static SourceItem from(Message m) {
        String sourceId = first(m, VaultConstants.SOURCE_ID, GP + "MediaItemId");
        String fileName = first(m, VaultConstants.FILE_NAME, GP + "FileName", "CamelFileNameOnly");
        String album = first(m, VaultConstants.ALBUM, GP + "AlbumTitle");
        String path = first(m, VaultConstants.PATH, "CamelFileName");
        if (path == null) {
            String name = fileName != null ? fileName : sourceId != null ? sourceId : "item";
            path = (album == null || album.isBlank() ? "No album" : safe(album)) + "/" + safe(name);
        }
        if (album == null && path.contains("/")) {
            album = path.substring(0, path.indexOf('/'));
        }
        Long size = m.getHeader(VaultConstants.SIZE, Long.class);
        if (size == null) {
            size = m.getHeader("CamelFileLength", Long.class);
        }
        Instant time = instant(m.getHeader(VaultConstants.TIME));
        if (time == null) {
            time = instant(m.getHeader(GP + "CreationTime"));
        }
        if (time == null) {
            time = instant(m.getHeader("CamelFileLastModified"));
        }
        String mime = first(m, VaultConstants.MIME_TYPE, GP + "MimeType", "CamelFileContentType");
        MediaInfo media = new MediaInfo(sourceId, fileName, mime, m.getHeader(GP + "CreationTime") == null ? null : time,
                null, m.getHeader(GP + "Width", Long.class), m.getHeader(GP + "Height", Long.class),
                m.getHeader(GP + "CameraMake", String.class), m.getHeader(GP + "CameraModel", String.class),
                m.getHeader(GP + "Description", String.class), null, null, null, null, null);
        return new SourceItem(sourceId != null ? sourceId : path, path, album, size, time, media);
    }

    private static String first(Message m, String... names) {
        for (String name : names) {
            String value = m.getHeader(name, String.class);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /** A name as one path segment: no slashes, not "." or "..", not empty. */
    private static String safe(String segment) {
        String s = segment.replace('/', '_').replace('\\', '_');
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof Long l) {
            return Instant.ofEpochMilli(l);
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
