package dev.photovault.vault.core.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What is known about an entry as a photo or video, from its source (Google Photos, a Takeout sidecar, or the
 * file name). Every field may be null when the source does not say.
 *
 * @param sourceId    the item's id at its source (e.g. a Google Photos media item id)
 * @param filename    the original file name at the source
 * @param mimeType    the media type, e.g. {@code image/jpeg}
 * @param created     when the item was uploaded or created at the source
 * @param taken       when the photo was taken
 * @param width       pixels
 * @param height      pixels
 * @param cameraMake  camera maker
 * @param cameraModel camera model
 * @param description the user's caption
 * @param latitude    degrees, null when unknown
 * @param longitude   degrees, null when unknown
 * @param altitude    metres, null when unknown
 * @param favorite    starred by the user
 * @param archived    hidden from the main view by the user
 * @param takenSource where {@code taken} came from: {@code exif}, {@code sidecar} (a Takeout JSON),
 *                    {@code api} (Google's metadata), {@code file-time}, …
 * @param trashed     in the source's trash
 * @param people      names of the people tagged in it
 * @param origin      how it reached the source (e.g. {@code mobileUpload}, {@code shared}, {@code partnerSharing})
 * @param companionOf for the video half of a motion or live photo: the source id (or path) of its still
 * @param sidecar     for a Takeout item: the rule that matched its JSON sidecar ({@code supplemental},
 *                    {@code legacy-clipped}, {@code edited}, {@code title}, …, or {@code none})
 * @param sourceFiles for a Takeout item: every archive file that held this content (one per folder it was in),
 *                    with the size and CRC-32 that let the next import of the same export skip it unread
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaInfo(String sourceId, String filename, String mimeType, Instant created, Instant taken,
        Long width, Long height, String cameraMake, String cameraModel, String description,
        Double latitude, Double longitude, Double altitude, Boolean favorite, Boolean archived,
        String takenSource, Boolean trashed, List<String> people, String origin, String companionOf,
        String sidecar, List<SourceFile> sourceFiles) {

    public MediaInfo {
        people = people == null || people.isEmpty() ? null : List.copyOf(people);
        sourceFiles = sourceFiles == null || sourceFiles.isEmpty() ? null : List.copyOf(sourceFiles);
    }

    /**
     * One archive file an entry's content came from.
     *
     * @param name  its name inside the export, below {@code Takeout/} (NFC)
     * @param size  its length
     * @param crc32 the CRC-32 the archive recorded for it (zip), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceFile(String name, long size, Long crc32) {
    }

    /** Only a media type, as known for a plain local file. */
    public static MediaInfo ofMimeType(String mimeType) {
        return mimeType == null ? null
                : new MediaInfo(null, null, mimeType, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null);
    }
}
