package dev.photovault.vault.core.archiver;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.TestData;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRestoreRoundTripTest {

    @TempDir
    Path tmp;

    Path source;
    Path repoDir;
    Repository repository;

    @BeforeEach
    void setUp() throws IOException {
        source = tmp.resolve("photos");
        repoDir = tmp.resolve("repo");
        repository = TestRepository.create(repoDir);
    }

    @Test
    void restoresEveryKindOfEntryBitExact() throws IOException {
        String nfc = Normalizer.normalize("Café Zürich.jpg", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("Café Zürich.jpg", Normalizer.Form.NFD);
        write(source.resolve("Summer 2024/" + nfc), randomBytes(300_000, 1));
        write(source.resolve("Summer 2024/" + nfd), randomBytes(200_000, 2));
        write(source.resolve("Summer 2024/empty.jpg"), new byte[0]);
        write(source.resolve("Videos/long video.mp4"), randomBytes(20 * 1024 * 1024, 3)); // > 8 MiB max chunk
        write(source.resolve("Family/nested/deeper/kid.jpg"), TestData.sekienAkashita());
        write(source.resolve("loose.png"), randomBytes(1000, 4));
        Files.createDirectories(source.resolve("Empty album"));
        Files.createDirectories(source.resolve("Family/empty inner"));
        Files.createSymbolicLink(source.resolve("link-to-loose"), Path.of("loose.png"));
        Files.setLastModifiedTime(source.resolve("loose.png"), FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z")));
        Files.setLastModifiedTime(source.resolve("Empty album"), FileTime.from(Instant.parse("2010-01-01T00:00:00Z")));

        BackupResult result = backup();
        assertThat(result.header().partial()).isFalse();
        assertThat(result.header().stats().files()).isEqualTo(6);

        Path target = tmp.resolve("restored");
        RestoreResult restored = new Restorer(repository, 2, new Progress())
                .restore(repository.loadSnapshot(result.snapshotId()), target, Restorer.glob(null));
        assertThat(restored.failures()).isEmpty();
        assertThat(restored.files()).isEqualTo(6);
        assertThat(tree(target)).isEqualTo(tree(source));
        assertThat(Files.readSymbolicLink(target.resolve("link-to-loose"))).isEqualTo(Path.of("loose.png"));
        assertThat(Files.getLastModifiedTime(target.resolve("loose.png")).toInstant())
                .isEqualTo(Instant.parse("2001-02-03T04:05:06.123456789Z"));
        assertThat(Files.getLastModifiedTime(target.resolve("Empty album")).toInstant())
                .isEqualTo(Instant.parse("2010-01-01T00:00:00Z"));
    }

    @Test
    void theFirstLevelFolderIsTheAlbum() throws IOException {
        write(source.resolve("Holidays/beach.jpg"), randomBytes(100, 5));
        write(source.resolve("Holidays/day 2/sea.jpg"), randomBytes(100, 6));
        write(source.resolve("unsorted.jpg"), randomBytes(100, 7));
        Snapshot snapshot = repository.loadSnapshot(backup().snapshotId());
        Map<String, List<String>> albums = new TreeMap<>();
        snapshot.entries().stream().filter(Entry::isFile).forEach(e -> albums.put(e.path(), e.albums()));
        assertThat(albums).containsExactly(
                Map.entry("Holidays/beach.jpg", List.of("Holidays")),
                Map.entry("Holidays/day 2/sea.jpg", List.of("Holidays")),
                Map.entry("unsorted.jpg", List.of()));
    }

    @Test
    void entriesCarryTheContentHash() throws IOException {
        write(source.resolve("a.jpg"), TestData.sekienAkashita());
        Entry entry = repository.loadSnapshot(backup().snapshotId()).entries().get(0);
        assertThat(entry.sha256()).isEqualTo("d9e749d9367fc908876749d6502eb212fee88c9a94892fb07da5ef3ba8bc39ed");
        assertThat(entry.media().mimeType()).isEqualTo("image/jpeg");
    }

    @Test
    void includeRestoresOnlyMatchingEntries() throws IOException {
        write(source.resolve("Holidays/beach.jpg"), randomBytes(100, 5));
        write(source.resolve("Work/slide.png"), randomBytes(100, 6));
        Path target = tmp.resolve("restored");
        new Restorer(repository, 2, new Progress()).restore(repository.loadSnapshot(backup().snapshotId()),
                target, Restorer.glob("Holidays/**"));
        assertThat(target.resolve("Holidays/beach.jpg")).exists();
        assertThat(target.resolve("Work")).doesNotExist();
    }

    @Test
    void reRunningARestoreLeavesCorrectFilesAlone() throws IOException {
        write(source.resolve("Holidays/beach.jpg"), randomBytes(100_000, 5));
        write(source.resolve("Holidays/sea.jpg"), randomBytes(100_000, 6));
        Snapshot snapshot = repository.loadSnapshot(backup().snapshotId());
        Path target = tmp.resolve("restored");
        Restorer restorer = new Restorer(repository, 2, new Progress());
        restorer.restore(snapshot, target, Restorer.glob(null));
        Files.write(target.resolve("Holidays/sea.jpg"), new byte[] {1, 2, 3});
        RestoreResult again = restorer.restore(snapshot, target, Restorer.glob(null));
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.files()).isEqualTo(1);
        assertThat(tree(target)).isEqualTo(tree(source));
    }

    private BackupResult backup() throws IOException {
        return new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source));
    }

    /** Every path below {@code root} with its content's hash code (folders as "dir"), for comparing trees. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link:" + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    out.put(rel, "dir");
                } else {
                    out.put(rel, java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
                            + " " + Files.getLastModifiedTime(p));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
