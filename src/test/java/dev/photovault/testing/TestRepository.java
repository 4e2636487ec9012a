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
