package dev.photovault.vault.core.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One file, folder or link in a snapshot.
 *
 * @param path       {@code /}-separated, relative to the snapshot root, as the source spelled it (no Unicode
 *                   normalization: NFC and NFD names are different entries)
 * @param type       file, folder or link
 * @param size       content length in bytes (0 for folders and links)
 * @param mtime      modification time, to the precision the source gave
 * @param inode      the source file's inode, used with size and mtime to recognise an unchanged file
 * @param sha256     hex SHA-256 of the whole content (files only)
 * @param albums     album memberships (for a folder backup: the first-level folder under the root)
 * @param chunks     the content's chunk ids in order (files only)
 * @param linkTarget where a link points (links only)
 * @param media      photo and video metadata, if any
 * @param rawPath    base64 of the path's bytes as the file system gave them, only when they are not valid UTF-8
 *                   ({@code path} then shows each invalid byte as {@code \xHH}); restore uses these bytes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entry(String path, EntryType type, long size, Instant mtime, Long inode, String sha256,
        List<String> albums, List<String> chunks, String linkTarget, MediaInfo media, String rawPath) {

    public Entry {
        albums = albums == null ? List.of() : List.copyOf(albums);
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }

    /** A file entry whose content is the given chunks. */
    public static Entry file(String path, long size, Instant mtime, Long inode, String sha256, List<String> albums,
            List<String> chunks, MediaInfo media) {
        return new Entry(path, EntryType.FILE, size, mtime, inode, sha256, albums, chunks, null, media, null);
    }

    public static Entry directory(String path, Instant mtime) {
        return new Entry(path, EntryType.DIR, 0, mtime, null, null, List.of(), List.of(), null, null, null);
    }

    public static Entry symlink(String path, Instant mtime, String target) {
        return new Entry(path, EntryType.SYMLINK, 0, mtime, null, null, List.of(), List.of(), target, null, null);
    }

    /** This entry under another path (a display path; {@code rawPath} is dropped). */
    public Entry withPath(String newPath) {
        return newPath.equals(path) ? this
                : new Entry(newPath, type, size, mtime, inode, sha256, albums, chunks, linkTarget, media, null);
    }

    /** This entry with other album memberships. */
    public Entry withAlbums(List<String> newAlbums) {
        return new Entry(path, type, size, mtime, inode, sha256, newAlbums, chunks, linkTarget, media, rawPath);
    }

    /** This entry with its path given as raw bytes (see {@link EntryNames}). */
    public Entry withName(EntryNames.Name name) {
        return new Entry(name.display(), type, size, mtime, inode, sha256, albums, chunks, linkTarget, media,
                name.rawBase64());
    }

    /** The path's bytes: {@code rawPath} when present, else the UTF-8 of {@code path}. */
    @JsonIgnore
    public byte[] pathBytes() {
        return new EntryNames.Name(path, rawPath).bytes();
    }

    @JsonIgnore
    public boolean isFile() {
        return type == EntryType.FILE;
    }
}
