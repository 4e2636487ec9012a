package dev.photovault.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** The emulator's media bytes, one file each in a folder, so that gigabyte videos never sit in memory. */
final class MediaFiles {

    private final Path dir;

    MediaFiles(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    Path path(String key) {
        return dir.resolve(key);
    }

    /** Copies {@code in} to a new file and returns its key and size. */
    Stored write(InputStream in, long limit) throws IOException {
        String key = Ids.token(24);
        Path file = path(key);
        long n;
        try (OutputStream out = Files.newOutputStream(file)) {
            n = copy(in, out, limit);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Stored(key, n);
    }

    /** A new empty file for content that arrives in pieces. */
    String create() throws IOException {
        String key = Ids.token(24);
        Files.createFile(path(key));
        return key;
    }

    void put(String key, byte[] bytes) throws IOException {
        Path temp = path(key + ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, path(key), StandardCopyOption.REPLACE_EXISTING);
    }

    long size(String key) throws IOException {
        return Files.size(path(key));
    }

    InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    byte[] read(String key) throws IOException {
        return Files.readAllBytes(path(key));
    }

    void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    void clear() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Copies at most {@code limit} bytes; more is an error (the size cap). */
    static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        for (int r; (r = in.read(buf)) >= 0; ) {
            n += r;
            if (n > limit) {
                throw new SizeLimitException(limit);
            }
            out.write(buf, 0, r);
        }
        return n;
    }

    /**
     * A stored file.
     *
     * @param key  its key
     * @param size its length
     */
    record Stored(String key, long size) {
    }

    /** More bytes than the cap allows. */
    static final class SizeLimitException extends IOException {
        private static final long serialVersionUID = 1L;

        SizeLimitException(long limit) {
            super("upload exceeds the size limit of " + limit + " bytes");
        }
    }
}
