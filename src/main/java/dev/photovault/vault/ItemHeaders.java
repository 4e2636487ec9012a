package dev.photovault.vault;

import dev.photovault.vault.core.backup.BackupItem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.apache.camel.Message;

/** The {@code CamelVault*} headers of a message as the neutral {@link BackupItem} the engine takes. */
final class ItemHeaders {

    private ItemHeaders() {
    }

    static BackupItem toItem(Message m) {
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
