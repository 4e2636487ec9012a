package dev.photovault.testing;

import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.crypto.KdfParams;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.store.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/** Real repositories in temporary folders, with a cheap key derivation so that tests stay quick. */
public final class TestRepository {

    public static final String PASSPHRASE = "correct horse battery staple";
    /** 1 MiB, one pass: only for tests; production keys use 64 MiB calibrated to ~0.5 s. */
    public static final KdfParams CHEAP_KDF = new KdfParams(1024, 1, 1);

    private TestRepository() {
    }

    public static Repository create(Path dir) throws IOException {
        return create(dir, ChunkerParams.PRODUCTION);
    }

    public static Repository create(Path dir, ChunkerParams chunker) throws IOException {
        return Repository.init(new LocalObjectStore(dir), PASSPHRASE.toCharArray(), CHEAP_KDF, chunker);
    }

    public static Repository reopen(Path dir) throws IOException {
        return Repository.open(new LocalObjectStore(dir), PASSPHRASE.toCharArray());
    }

    /** How many chunk objects the repository folder holds. */
    public static long chunkCount(Path dir) throws IOException {
        Path chunks = dir.resolve("chunks");
        if (!Files.isDirectory(chunks)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(chunks)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Where a chunk's sealed bytes are in a repository folder: its own file, or its byte range in a pack. */
    public record StoredChunk(Path file, long offset, int length) {
    }

    public static StoredChunk storedChunk(Path dir, Repository repository, String id) throws IOException {
        var ref = repository.locate(id);
        if (ref != null) {
            return new StoredChunk(dir.resolve(ref.key()), ref.offset(), ref.length());
        }
        Path file = dir.resolve(Repository.chunkKey(id));
        return new StoredChunk(file, 0, (int) Files.size(file));
    }

    /** Flips bit 0 of the byte {@code at} bytes into a chunk's sealed bytes (a negative {@code at} counts from its end). */
    public static void damageChunk(Path dir, Repository repository, String id, int at) throws IOException {
        StoredChunk c = storedChunk(dir, repository, id);
        long position = c.offset() + (at < 0 ? c.length() + at : at);
        c.file().toFile().setWritable(true);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(c.file().toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 1);
        }
    }

    /** How many chunks the repository folder holds: chunk objects, and the chunks each pack's header names. */
    public static long storedChunkCount(Path dir) throws IOException {
        return storedChunkCount(dir, PASSPHRASE);
    }

    public static long storedChunkCount(Path dir, String passphrase) throws IOException {
        Repository repository = Repository.open(new LocalObjectStore(dir), passphrase.toCharArray());
        long packed = 0;
        for (var pack : repository.store().list("packs/")) {
            packed += repository.readPackHeader(pack.key(), pack.size()).size();
        }
        return chunkCount(dir) + packed;
    }

    /** Incompressible bytes, reproducible from the seed. */
    public static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    public static Path write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, data);
    }

    /** Where {@code needle} first occurs in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Deletes a folder and everything in it (read-only files included). */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }

    /** Every regular file below {@code expected} is in {@code actual} at the same place, bit for bit. */
    public static void assertSameTree(Path expected, Path actual) throws IOException {
        try (var files = java.nio.file.Files.walk(expected)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path restored = actual.resolve(expected.relativize(f).toString());
                org.assertj.core.api.Assertions.assertThat(restored).as("restored %s", f).exists();
                org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.mismatch(f, restored))
                        .as("%s restored bit-exact", f).isEqualTo(-1L);
            }
        }
    }

    /** Restores a snapshot ({@code latest}, an id or a prefix) of {@code repository} into {@code target}, in process. */
    public static dev.photovault.vault.core.restorer.RestoreResult restore(Repository repository, String snapshot,
            Path target) throws IOException {
        return new dev.photovault.vault.core.restorer.Restorer(repository, 2, new dev.photovault.vault.core.Progress())
                .restore(repository.loadSnapshot(repository.resolveSnapshot(snapshot).id()), target,
                        dev.photovault.vault.core.restorer.Restorer.glob(null));
    }
}
