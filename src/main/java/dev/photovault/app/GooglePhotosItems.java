package dev.photovault.app;

import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.vault.core.backup.BackupItem;

/**
 * A Google Photos media item as the vault's neutral {@link BackupItem}: the one place where Google's fields become
 * the vault's (the backup routes through {@link GooglePhotosItemHeaders}, the command line directly).
 */
public final class GooglePhotosItems {

    private GooglePhotosItems() {
    }

    /** @param album the album it was listed from, or null */
    public static BackupItem toBackupItem(MediaItem m, String album) {
        // Google's creationTime is when the photo was taken (not uploaded); it is also the item's source time, by
        // which the next run recognises it unchanged.
        return BackupItem.builder().sourceId(m.id()).fileName(m.filename()).album(album).mimeType(m.mimeType())
                .sourceTime(m.creationTime()).takenTime(m.creationTime(), "api")
                .dimensions(m.width() > 0 ? m.width() : null, m.height() > 0 ? m.height() : null)
                .camera(m.cameraMake(), m.cameraModel())
                .description(m.description() == null || m.description().isEmpty() ? null : m.description())
                .origin(m.picked() ? "picker" : null).build();
    }
}
