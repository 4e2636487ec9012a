package dev.photovault.vault.core.backup;

import dev.photovault.vault.core.snapshot.MediaInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a source knows of one item before its body is read: the neutral metadata every source (Google Photos, a
 * Picker session, a Takeout archive, a folder) hands to {@link ItemBackup}, and that the snapshot entry keeps.
 * Build one with {@link #builder()}; every field but one of {@code sourceId}, {@code path} or {@code fileName} may be
 * absent.
 *
 * @param sourceId        the item's id at its source; with {@code sourceTime} (and {@code size} when known) it
 *                        recognises an item the previous snapshot already holds
 * @param path            where the item goes in the snapshot, or null for {@code <first album>/<file name>}
 * @param fileName        the original file name
 * @param albums          every album the item is in (an item met in several albums in one run is one entry)
 * @param size            content length in bytes, when the source says
 * @param sourceTime      its time at the source (creation or modification)
 * @param takenTime       when the photo was taken
 * @param takenTimeSource where {@code takenTime} came from ({@code exif}, {@code sidecar}, {@code api}, …)
 * @param mimeType        the media type
 * @param width           pixels
 * @param height          pixels
 * @param cameraMake      camera maker
 * @param cameraModel     camera model
 * @param description     the user's caption
 * @param latitude        degrees
 * @param longitude       degrees
 * @param altitude        metres
 * @param favorite        starred
 * @param archived        archived
 * @param trashed         in the source's trash
 * @param people          people tagged in it
 * @param origin          how it reached the source
 * @param companionOf     for the video of a motion or live photo: the source id (or path) of its still
 * @param sidecar         for a Takeout item: the rule that matched its JSON sidecar
 * @param sourceFiles     for a Takeout item: the archive files that held its content
 */
public record BackupItem(String sourceId, String path, String fileName, List<String> albums, Long size,
        Instant sourceTime, Instant takenTime, String takenTimeSource, String mimeType, Long width, Long height,
        String cameraMake, String cameraModel, String description, Double latitude, Double longitude,
        Double altitude, Boolean favorite, Boolean archived, Boolean trashed, List<String> people, String origin,
        String companionOf, String sidecar, List<MediaInfo.SourceFile> sourceFiles) {

    /** The album of items in none, as the first segment of their default path. */
    public static final String NO_ALBUM = "No album";

    public BackupItem {
        albums = albums == null ? List.of() : List.copyOf(new TreeSet<>(albums.stream()
                .filter(a -> a != null && !a.isBlank()).toList()));
        people = people == null ? List.of() : List.copyOf(people);
        sourceFiles = sourceFiles == null ? List.of() : List.copyOf(sourceFiles);
        if (isBlank(sourceId) && isBlank(path) && isBlank(fileName)) {
            throw new IllegalArgumentException("an item needs a source id, a path or a file name");
        }
    }

    /** What identifies the item between runs: its source id, else its path. */
    public String key() {
        return !isBlank(sourceId) ? sourceId : defaultPath();
    }

    /** {@code path} if given, else {@code <first album>/<file name>} with each segment made safe. */
    public String defaultPath() {
        return defaultPath(albums);
    }

    /** As {@link #defaultPath()}, with the first of {@code allAlbums} (every album the run met the item in). */
    public String defaultPath(java.util.Collection<String> allAlbums) {
        if (!isBlank(path)) {
            return path;
        }
        String name = !isBlank(fileName) ? fileName : sourceId;
        String first = allAlbums.stream().filter(a -> a != null && !a.isBlank()).sorted().findFirst().orElse(NO_ALBUM);
        return safe(first) + "/" + safe(name);
    }

    /** The photo metadata as the snapshot entry keeps it. */
    public MediaInfo media() {
        return new MediaInfo(sourceId, fileName, mimeType, sourceTime, takenTime, width, height, cameraMake,
                cameraModel, description, latitude, longitude, altitude, favorite, archived, takenTimeSource,
                trashed, people, origin, companionOf, sidecar, sourceFiles);
    }

    /** A name as one path segment: no slashes, not "." or "..", not empty. */
    public static String safe(String segment) {
        String s = segment.replace('/', '_').replace('\\', '_');
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BackupItem} field by field. */
    public static final class Builder {
        private String sourceId;
        private String path;
        private String fileName;
        private final List<String> albums = new ArrayList<>();
        private Long size;
        private Instant sourceTime;
        private Instant takenTime;
        private String takenTimeSource;
        private String mimeType;
        private Long width;
        private Long height;
        private String cameraMake;
        private String cameraModel;
        private String description;
        private Double latitude;
        private Double longitude;
        private Double altitude;
        private Boolean favorite;
        private Boolean archived;
        private Boolean trashed;
        private final List<String> people = new ArrayList<>();
        private String origin;
        private String companionOf;
        private String sidecar;
        private final List<MediaInfo.SourceFile> sourceFiles = new ArrayList<>();

        public Builder sourceId(String v) { sourceId = v; return this; }
        public Builder path(String v) { path = v; return this; }
        public Builder fileName(String v) { fileName = v; return this; }
        public Builder album(String v) { if (v != null) { albums.add(v); } return this; }
        public Builder albums(List<String> v) { if (v != null) { albums.addAll(v); } return this; }
        public Builder size(Long v) { size = v; return this; }
        public Builder sourceTime(Instant v) { sourceTime = v; return this; }
        public Builder takenTime(Instant v, String source) { takenTime = v; takenTimeSource = v == null ? null : source; return this; }
        public Builder mimeType(String v) { mimeType = v; return this; }
        public Builder dimensions(Long w, Long h) { width = w; height = h; return this; }
        public Builder camera(String make, String model) { cameraMake = make; cameraModel = model; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder geo(Double lat, Double lon, Double alt) { latitude = lat; longitude = lon; altitude = alt; return this; }
        public Builder favorite(Boolean v) { favorite = v; return this; }
        public Builder archived(Boolean v) { archived = v; return this; }
        public Builder trashed(Boolean v) { trashed = v; return this; }
        public Builder people(List<String> v) { if (v != null) { people.addAll(v); } return this; }
        public Builder origin(String v) { origin = v; return this; }
        public Builder companionOf(String v) { companionOf = v; return this; }
        public Builder sidecar(String v) { sidecar = v; return this; }
        public Builder sourceFiles(List<MediaInfo.SourceFile> v) { if (v != null) { sourceFiles.addAll(v); } return this; }

        public BackupItem build() {
            return new BackupItem(sourceId, path, fileName, albums, size, sourceTime, takenTime, takenTimeSource,
                    mimeType, width, height, cameraMake, cameraModel, description, latitude, longitude, altitude,
                    favorite, archived, trashed, people, origin, companionOf, sidecar, sourceFiles);
        }
    }
}
