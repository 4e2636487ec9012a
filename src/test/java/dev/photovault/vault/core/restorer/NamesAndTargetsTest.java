package dev.photovault.vault.core.restorer;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.archiver.BackupResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore writes every name the file system took at backup time, never through a link, never outside the target. */
class NamesAndTargetsTest {

    @TempDir
    Path tmp;

    Path source;
    Repository repository;

    @BeforeEach
    void setUp() throws IOException {
        source = tmp.resolve("photos");
        repository = TestRepository.create(tmp.resolve("repo"));
    }

    /** A path below {@code dir} whose last name is these raw bytes (percent-encoded), e.g. {@code %FF.jpg}. */
    private static Path raw(Path dir, String percentEncodedName) {
        return Path.of(URI.create(dir.toAbsolutePath().toUri().toString().replaceAll("/$", "") + "/" + percentEncodedName));
    }

    private Snapshot backup() throws IOException {
        BackupResult result = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source));
        return repository.loadSnapshot(result.snapshotId());
    }

    private RestoreResult restore(Snapshot snapshot, Path target) throws IOException {
        return new Restorer(repository, 2, new Progress()).restore(snapshot, target, p -> true);
    }

    @Test
    void namesThatAreNotUtf8RoundTripExactlyAndAreNeverMerged() throws IOException {
        Files.createDirectories(source.resolve("Old camera"));
        byte[] ff = randomBytes(5000, 1);
        byte[] fe = randomBytes(6000, 2);
        byte[] latin1 = randomBytes(7000, 3);
        Files.write(raw(source.resolve("Old camera"), "%FF.jpg"), ff);
        Files.write(raw(source.resolve("Old camera"), "%FE.jpg"), fe);
        Files.write(raw(source.resolve("Old camera"), "caf%E9.jpg"), latin1);
        write(source.resolve("Old camera/café.jpg"), randomBytes(8000, 4));

        Snapshot snapshot = backup();
        assertThat(snapshot.header().partial()).isFalse();
        assertThat(snapshot.entries()).extracting(Entry::path).contains("Old camera/\\xFF.jpg", "Old camera/\\xFE.jpg",
                "Old camera/caf\\xE9.jpg", "Old camera/café.jpg");
        assertThat(snapshot.entries()).filteredOn(e -> e.path().equals("Old camera/café.jpg"))
                .singleElement().satisfies(e -> assertThat(e.rawPath()).isNull());
        assertThat(new Checker(repository, 2, new Progress()).check(true, 1.0).ok()).isTrue();

        Path target = tmp.resolve("restored");
        RestoreResult result = restore(snapshot, target);
        assertThat(result.failures()).isEmpty();
        assertThat(result.files()).isEqualTo(4);
        assertThat(Files.readAllBytes(raw(target.resolve("Old camera"), "%FF.jpg"))).isEqualTo(ff);
        assertThat(Files.readAllBytes(raw(target.resolve("Old camera"), "%FE.jpg"))).isEqualTo(fe);
        assertThat(Files.readAllBytes(raw(target.resolve("Old camera"), "caf%E9.jpg"))).isEqualTo(latin1);
        try (Stream<Path> files = Files.list(target.resolve("Old camera"))) {
            assertThat(files.count()).isEqualTo(4);
        }
        // A second backup finds them unchanged.
        assertThat(new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source))
                .header().stats().filesUnchanged()).isEqualTo(4);
    }

    @Test
    void aLongestLegalNameRestoresBecauseTemporaryNamesAreNoLonger() throws IOException {
        String name = "a".repeat(240) + ".jpg"; // 244 bytes; the file system takes up to 255
        byte[] data = randomBytes(50_000, 5);
        write(source.resolve("Album/" + name), data);
        write(source.resolve("Album/short.jpg"), randomBytes(100, 6));
        RestoreResult result = restore(backup(), tmp.resolve("restored"));
        assertThat(result.failures()).isEmpty();
        assertThat(Files.readAllBytes(tmp.resolve("restored/Album/" + name))).isEqualTo(data);
        try (Stream<Path> files = Files.list(tmp.resolve("restored/Album"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(name, "short.jpg");
        }
    }

    @Test
    void aSymbolicLinkInTheTargetIsNeverWrittenThrough() throws IOException {
        write(source.resolve("Album 00/a.jpg"), randomBytes(1000, 1));
        write(source.resolve("Album 01/b.jpg"), randomBytes(1000, 2));
        Snapshot snapshot = backup();
        Path target = tmp.resolve("restored");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("Album 00"), elsewhere);

        RestoreResult result = restore(snapshot, target);
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        assertThat(result.failures()).hasSize(2).allMatch(f -> f.startsWith("Album 00") && f.contains("symbolic link"));
        assertThat(target.resolve("Album 01/b.jpg")).exists();
    }

    @Test
    void aLinkInTheSnapshotIsMadeAfterTheFilesAndAnExistingLinkAtAFileNameIsReplacedNotFollowed() throws IOException {
        write(source.resolve("Album/a.jpg"), randomBytes(1000, 1));
        Files.createSymbolicLink(source.resolve("Album/latest.jpg"), Path.of("a.jpg"));
        Snapshot snapshot = backup();
        Path target = tmp.resolve("restored");
        Path outside = write(tmp.resolve("outside.jpg"), new byte[] {42});
        Files.createDirectories(target.resolve("Album"));
        Files.createSymbolicLink(target.resolve("Album/a.jpg"), outside);

        RestoreResult result = restore(snapshot, target);
        assertThat(result.failures()).isEmpty();
        assertThat(Files.readAllBytes(outside)).containsExactly(42);
        assertThat(Files.isSymbolicLink(target.resolve("Album/a.jpg"))).isFalse();
        assertThat(Files.readSymbolicLink(target.resolve("Album/latest.jpg"))).isEqualTo(Path.of("a.jpg"));
    }

    @Test
    void aFileThatCannotBeWrittenIsNamedAndTheRestGoOn() throws IOException {
        write(source.resolve("Album/a.jpg"), randomBytes(1000, 1));
        write(source.resolve("Album/b.jpg"), randomBytes(1000, 2));
        write(source.resolve("Later/c.jpg"), randomBytes(1000, 3));
        Snapshot snapshot = backup();
        Path target = tmp.resolve("restored");
        Files.createDirectories(target.resolve("Album/a.jpg")); // a folder where the file goes

        RestoreResult result = restore(snapshot, target);
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f)
                .startsWith("Album/a.jpg").contains("a folder stands where the file goes"));
        assertThat(target.resolve("Album/b.jpg")).isRegularFile();
        assertThat(target.resolve("Later/c.jpg")).isRegularFile();
    }

    @Test
    void anEntryPathThatWouldLeaveTheTargetIsRefused() throws IOException {
        write(source.resolve("a.jpg"), randomBytes(100, 1));
        Snapshot good = backup();
        Entry e = good.entries().get(0);
        Entry escaping = new Entry("../escaped.jpg", e.type(), e.size(), e.mtime(), e.inode(), e.sha256(), e.albums(),
                e.chunks(), null, null, null);
        RestoreResult result = restore(new Snapshot(good.header(), List.of(escaping)), tmp.resolve("restored"));
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f).contains("not a plain relative path"));
        assertThat(tmp.resolve("escaped.jpg")).doesNotExist();
    }

    @Test
    void anEntryWithAMalformedRawPathIsNamedAndTheRestGoOn() throws IOException {
        write(source.resolve("a.jpg"), randomBytes(100, 1));
        write(source.resolve("b.jpg"), randomBytes(100, 2));
        Snapshot good = backup();
        Entry e = good.entries().get(0);
        Entry broken = new Entry(e.path(), e.type(), e.size(), e.mtime(), e.inode(), e.sha256(), e.albums(),
                e.chunks(), null, null, "!!! not base64");
        RestoreResult result = restore(new Snapshot(good.header(), List.of(broken, good.entries().get(1))),
                tmp.resolve("restored"));
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f).contains("malformed rawPath"));
        assertThat(tmp.resolve("restored/b.jpg")).isRegularFile();
    }

    @Test
    void anInvalidIncludePatternIsOneLineSayingWhatIsValid() {
        assertThatThrownBy(() -> Restorer.glob("Album/[")).isInstanceOf(VaultException.class)
                .hasMessageContaining("--include 'Album/[' is not a valid pattern").hasMessageNotContaining("\n");
    }
}
