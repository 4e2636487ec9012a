package dev.photovault.vault.core.thumbnail;

import dev.photovault.vault.core.archiver.MediaTypes;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.cache.SealedCache;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.snapshot.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Thumbnails and previews of a repository's photos, made from the decrypted original and kept in this machine's
 * cache sealed with the repository's key ({@link SealedCache}), named by the content's hash: the same photo in
 * many snapshots is decoded once, and a second view reads one small cached file instead of the original's chunks.
 * Videos get a typed placeholder without being read.
 */
public final class Thumbnails {

    /** The sizes made, each with its own part of the cache. */
    public enum Size {
        /** For grids: longer side 320 px. */
        THUMBNAIL(320),
        /** For an item's page: longer side 1280 px. */
        PREVIEW(1280);

        private final int edge;

        Size(int edge) {
            this.edge = edge;
        }

        public int edge() {
            return edge;
        }

        String purpose() {
            return (this == THUMBNAIL ? "thumbnails-" : "previews-") + edge;
        }
    }

    /**
     * A rendered picture.
     *
     * @param bytes       the image
     * @param contentType {@code image/jpeg}, or {@code image/png} for a placeholder
     * @param fromCache   whether it was read from the cache (no decryption of the original)
     */
    public record Picture(byte[] bytes, String contentType, boolean fromCache) {
    }

    /** Files larger than this are not read whole: only an embedded preview in their first part is looked for. */
    static final long MAX_WHOLE = 64L << 20;
    static final int PARTIAL_READ = 32 << 20;

    private final Repository repository;
    private final Map<Size, SealedCache> caches = new EnumMap<>(Size.class);
    private final Map<Size, byte[]> videoPlaceholders = new EnumMap<>(Size.class);
    private final Map<Size, byte[]> photoPlaceholders = new EnumMap<>(Size.class);
    /** Decoding holds a whole original and its pixels in memory: as many at once as there are cores. */
    private final Semaphore renders = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    public Thumbnails(Repository repository, LocalCache cache) {
        this.repository = repository;
        for (Size size : Size.values()) {
            caches.put(size, SealedCache.of(cache, repository, size.purpose()));
            videoPlaceholders.put(size, ThumbnailRenderer.placeholder(true, size.edge()));
            photoPlaceholders.put(size, ThumbnailRenderer.placeholder(false, size.edge()));
        }
    }

    /** The cache folder of {@code size} (for tests and the documentation of what is on disk). */
    public SealedCache cache(Size size) {
        return caches.get(size);
    }

    /** The picture of a file entry at {@code size}: cached, else made from the decrypted original and cached. */
    public Picture of(Entry entry, Size size) throws IOException {
        if (!entry.isFile()) {
            throw new IllegalArgumentException(entry.path() + " is not a file");
        }
        if (isVideo(entry)) {
            return new Picture(videoPlaceholders.get(size), "image/png", true);
        }
        String key = entry.sha256() + ":" + entry.size();
        Optional<byte[]> cached = caches.get(size).get(key);
        if (cached.isPresent()) {
            return picture(cached.get(), true);
        }
        byte[] made;
        try {
            renders.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to make a thumbnail");
        }
        try {
            boolean partial = entry.size() > MAX_WHOLE;
            byte[] content = read(entry, partial ? PARTIAL_READ : (int) entry.size());
            made = ThumbnailRenderer.render(content, size.edge(), partial);
        } finally {
            renders.release();
        }
        if (made == null) {
            made = photoPlaceholders.get(size); // kept too: the original is not decrypted again to learn the same
        }
        caches.get(size).put(key, made);
        return picture(made, false);
    }

    private byte[] read(Entry entry, int limit) throws IOException {
        // One array of the right size, filled a chunk at a time: no growing copies of a photo's megabytes.
        byte[] content = new byte[(int) Math.min(limit, entry.size())];
        try (InputStream in = new EntryInputStream(repository, entry)) {
            int n = in.readNBytes(content, 0, content.length);
            return n == content.length ? content : java.util.Arrays.copyOf(content, n);
        }
    }

    private static Picture picture(byte[] bytes, boolean fromCache) {
        boolean png = bytes.length > 4 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P';
        return new Picture(bytes, png ? "image/png" : "image/jpeg", fromCache);
    }

    /** Whether the entry is a video, by its recorded media type or else its name. */
    public static boolean isVideo(Entry entry) {
        String type = entry.media() != null && entry.media().mimeType() != null ? entry.media().mimeType()
                : MediaTypes.guess(entry.path());
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("video/");
    }

    @Override
    public String toString() {
        return "Thumbnails[" + caches.get(Size.THUMBNAIL) + "]";
    }
}
