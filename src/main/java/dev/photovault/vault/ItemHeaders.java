package dev.photovault.vault;

import dev.photovault.vault.core.backup.BackupItem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.apache.camel.Message;

/** The {@code CamelVault*} headers of a message as the neutral {@link BackupItem} the engine takes, and back. */
public final class ItemHeaders {

    private ItemHeaders() {
    }

    /** The item the headers of {@code m} describe. */
    public static BackupItem toItem(Message m) {
        BackupItem.Builder b = BackupItem.builder()
                .sourceId(text(m, VaultConstants.SOURCE_ID))
                .path(text(m, VaultConstants.PATH))
                .fileName(text(m, VaultConstants.FILE_NAME))
                .albums(list(m.getHeader(VaultConstants.ALBUMS)))
                .album(text(m, VaultConstants.ALBUM))
                .size(m.getHeader(VaultConstants.SIZE, Long.class))
                .sourceTime(instant(m.getHeader(VaultConstants.TIME)))
                .takenTime(instant(m.getHeader(VaultConstants.TAKEN_TIME)), text(m, VaultConstants.TAKEN_TIME_SOURCE))
                .mimeType(text(m, VaultConstants.MIME_TYPE))
                .dimensions(m.getHeader(VaultConstants.WIDTH, Long.class), m.getHeader(VaultConstants.HEIGHT, Long.class))
                .camera(text(m, VaultConstants.CAMERA_MAKE), text(m, VaultConstants.CAMERA_MODEL))
                .description(text(m, VaultConstants.DESCRIPTION))
                .geo(m.getHeader(VaultConstants.LATITUDE, Double.class), m.getHeader(VaultConstants.LONGITUDE, Double.class),
                        m.getHeader(VaultConstants.ALTITUDE, Double.class))
                .favorite(m.getHeader(VaultConstants.FAVORITE, Boolean.class))
                .archived(m.getHeader(VaultConstants.ARCHIVED, Boolean.class))
                .trashed(m.getHeader(VaultConstants.TRASHED, Boolean.class))
                .people(list(m.getHeader(VaultConstants.PEOPLE)))
                .origin(text(m, VaultConstants.ORIGIN))
                .companionOf(text(m, VaultConstants.COMPANION_OF));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new dev.photovault.vault.core.VaultException("vault:store needs " + VaultConstants.SOURCE_ID + ", "
                    + VaultConstants.PATH + " or " + VaultConstants.FILE_NAME + " on the message (map your"
                    + " component's headers to the CamelVault* headers before vault:store)");
        }
    }

    /** Sets the {@code CamelVault*} headers of {@code m} from {@code item} (absent fields are left alone). */
    public static void write(BackupItem item, Message m) {
        set(m, VaultConstants.SOURCE_ID, item.sourceId());
        set(m, VaultConstants.PATH, item.path());
        set(m, VaultConstants.FILE_NAME, item.fileName());
        if (!item.albums().isEmpty()) {
            m.setHeader(VaultConstants.ALBUMS, item.albums());
        }
        set(m, VaultConstants.SIZE, item.size());
        set(m, VaultConstants.TIME, item.sourceTime());
        set(m, VaultConstants.TAKEN_TIME, item.takenTime());
        set(m, VaultConstants.TAKEN_TIME_SOURCE, item.takenTimeSource());
        set(m, VaultConstants.MIME_TYPE, item.mimeType());
        set(m, VaultConstants.WIDTH, item.width());
        set(m, VaultConstants.HEIGHT, item.height());
        set(m, VaultConstants.CAMERA_MAKE, item.cameraMake());
        set(m, VaultConstants.CAMERA_MODEL, item.cameraModel());
        set(m, VaultConstants.DESCRIPTION, item.description());
        set(m, VaultConstants.LATITUDE, item.latitude());
        set(m, VaultConstants.LONGITUDE, item.longitude());
        set(m, VaultConstants.ALTITUDE, item.altitude());
        set(m, VaultConstants.FAVORITE, item.favorite());
        set(m, VaultConstants.ARCHIVED, item.archived());
        set(m, VaultConstants.TRASHED, item.trashed());
        if (!item.people().isEmpty()) {
            m.setHeader(VaultConstants.PEOPLE, item.people());
        }
        set(m, VaultConstants.ORIGIN, item.origin());
        set(m, VaultConstants.COMPANION_OF, item.companionOf());
    }

    private static void set(Message m, String name, Object value) {
        if (value != null) {
            m.setHeader(name, value);
        }
    }

    private static String text(Message m, String name) {
        String value = m.getHeader(name, String.class);
        return value == null || value.isEmpty() ? null : value;
    }

    private static List<String> list(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().filter(v -> v != null).map(Object::toString).toList();
        }
        if (value instanceof String[] array) {
            return List.of(array);
        }
        return value == null || value.toString().isEmpty() ? List.of() : List.of(value.toString());
    }

    static Instant instant(Object value) {
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
