package dev.photovault.takeout;

import dev.photovault.vault.core.archiver.StoredContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merged listing of every part of one export: per folder (below the Photos root), its media files and JSON
 * files, wherever each came from. It holds names, sizes, parsed metadata and stored-content references, never
 * media bytes, so it grows with the number of files, not with the export's size. Synchronized: parts are read
 * in parallel.
 */
final class TakeoutListing {

    /** One media file (one archive entry). */
    static final class MediaFile {
        final String part;
        final String name;
        final String folder;
        final String fileName;
        long size;
        final Long crc32;
        /** The archive entry's modification time, or null. */
        Instant modified;
        StoredContent content;
        boolean reused;
        MediaProbe probe = MediaProbe.UNKNOWN;

        MediaFile(String part, String name, String folder, String fileName, long size, Long crc32) {
            this.part = part;
            this.name = name;
            this.folder = folder;
            this.fileName = fileName;
            this.size = size;
            this.crc32 = crc32;
        }

        @Override
        public String toString() {
            return name + " (" + part + ")";
        }
    }

    /** One JSON file; {@code error} is set when it could not be read as JSON. */
    record JsonFile(String part, String name, String folder, String fileName, TakeoutJson.Parsed parsed,
            String error) {
    }

    /** One folder below the Photos root, with what every part held of it. */
    static final class Folder {
        final String path;
        final List<MediaFile> media = new ArrayList<>();
        final Map<String, List<JsonFile>> json = new TreeMap<>();

        Folder(String path) {
            this.path = path;
        }

        /** The last segment of the folder's path. */
        String name() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }
    }

    private final Map<String, Folder> folders = new TreeMap<>();

    synchronized void add(MediaFile m) {
        folder(m.folder).media.add(m);
    }

    synchronized void add(JsonFile j) {
        folder(j.folder()).json.computeIfAbsent(j.fileName(), k -> new ArrayList<>()).add(j);
    }

    private Folder folder(String path) {
        return folders.computeIfAbsent(path, Folder::new);
    }

    synchronized List<Folder> folders() {
        return List.copyOf(folders.values());
    }
}
