package dev.photovault.vault.core.copier;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.CountingStore;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.store.LocalObjectStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots copied between two real repositories with their own keys. */
class SnapshotCopierTest {

    static final ChunkerParams SMALL = new ChunkerParams(4096, 16384, 65536, 1);
    static final String TARGET_PASSPHRASE = "the offsite copy's own passphrase";

    @TempDir
    Path tmp;

    Path photos;
    Repository source;
    List<String> originals;

    @BeforeEach
    void setUp() throws IOException {
        photos = tmp.resolve("photos");
        source = TestRepository.create(tmp.resolve("source"), SMALL);
        write(photos.resolve("Summer/beach.jpg"), randomBytes(300_000, 1));
        write(photos.resolve("Summer/sea.jpg"), randomBytes(200_000, 2));
        write(photos.resolve("Winter/empty.txt"), new byte[0]);
        String first = backup();
        write(photos.resolve("Winter/snow.jpg"), randomBytes(150_000, 3));
        Files.delete(photos.resolve("Summer/sea.jpg"));
        String second = backup();
        originals = List.of(first, second);
    }

    private String backup() throws IOException {
        return new Archiver(source, BackupOptions.defaults(), new Progress()).backup(List.of(photos)).snapshotId();
    }

    private Repository target(Path dir, ChunkerParams chunker) throws IOException {
        return Repository.init(new LocalObjectStore(dir), TARGET_PASSPHRASE.toCharArray(), TestRepository.CHEAP_KDF,
                chunker);
    }

    @Test
    void everySnapshotRestoresBitExactFromTheTargetAloneAndASecondCopyWritesNothing() throws IOException {
        Path dir = tmp.resolve("target");
        Repository target = target(dir, SMALL);
        SnapshotCopier.Result r = new SnapshotCopier(source, target, 2, new Progress()).copy(List.of());
        assertThat(r.copied()).extracting(SnapshotCopier.Copied::source).containsExactlyElementsOf(originals);
        assertThat(r.failed()).isEmpty();
        // The second snapshot's unchanged file is known by content: not read again.
        assertThat(r.copied().get(1).filesReused()).isEqualTo(1);

        Repository alone = Repository.open(new LocalObjectStore(dir), TARGET_PASSPHRASE.toCharArray());
        List<SnapshotRef> copies = alone.listSnapshots();
        assertThat(copies).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Snapshot original = source.loadSnapshot(originals.get(i));
            Snapshot copy = alone.loadSnapshot(copies.get(i).id());
            assertThat(copy.header().copiedFrom().repository()).isEqualTo(source.config().id());
            assertThat(copy.header().copiedFrom().snapshot()).isEqualTo(originals.get(i));
            assertThat(copy.header().time()).isEqualTo(original.header().time());
            assertThat(copy.entries()).extracting(Entry::path, Entry::sha256, Entry::size).containsExactlyElementsOf(
                    original.entries().stream().map(e -> Assertions.tuple(e.path(), e.sha256(), e.size())).toList());
            // Own keys: no chunk id is shared.
            assertThat(copy.entries().stream().flatMap(e -> e.chunks().stream()))
                    .doesNotContainAnyElementsOf(original.entries().stream().flatMap(e -> e.chunks().stream()).toList());
            Path restored = tmp.resolve("restored-" + i);
            RestoreResult result = new Restorer(alone, 2, new Progress()).restore(copy, restored, p -> true);
            assertThat(result.failures()).isEmpty();
            Path from = tmp.resolve("restored-source-" + i);
            new Restorer(source, 2, new Progress()).restore(original, from, p -> true);
            assertSameFiles(from, restored);
        }
        assertThat(copies.get(1).header().parent()).isEqualTo(copies.get(0).id());
        CheckResult check = new Checker(alone, 2, new Progress()).check(true, 1.0, null);
        assertThat(check.errors()).isEmpty();

        long chunks = TestRepository.chunkCount(dir);
        long objects = countFiles(dir);
        SnapshotCopier.Result again = new SnapshotCopier(source, alone, 2, new Progress()).copy(List.of());
        assertThat(again.copied()).isEmpty();
        assertThat(again.alreadyThere()).containsExactlyElementsOf(originals);
        assertThat(TestRepository.chunkCount(dir)).isEqualTo(chunks);
        assertThat(countFiles(dir)).isEqualTo(objects);
    }

    @Test
    void otherChunkerParametersCutTheContentAgain() throws IOException {
        Repository target = target(tmp.resolve("target"), ChunkerParams.PRODUCTION);
        SnapshotCopier.Result r = new SnapshotCopier(source, target, 2, new Progress()).copy(List.of(originals.get(0)));
        assertThat(r.copied()).hasSize(1);
        Snapshot copy = target.loadSnapshot(r.copied().get(0).target());
        Entry beach = copy.entries().stream().filter(e -> e.path().equals("Summer/beach.jpg")).findFirst().orElseThrow();
        // 300 kB is below the production minimum: one chunk where the source has many.
        assertThat(beach.chunks()).hasSize(1);
        Path restored = tmp.resolve("restored");
        assertThat(new Restorer(target, 2, new Progress()).restore(copy, restored, p -> true).failures()).isEmpty();
        assertThat(restored.resolve("Summer/beach.jpg")).hasBinaryContent(randomBytes(300_000, 1));
    }

    @Test
    void aNewSnapshotReadsOnlyWhatChangedInTheSource() throws IOException {
        Repository target = target(tmp.resolve("target"), SMALL);
        new SnapshotCopier(source, target, 2, new Progress()).copy(List.of());
        write(photos.resolve("Autumn/leaf.jpg"), randomBytes(100_000, 4));
        String third = backup();
        CountingStore counting = new CountingStore(source.store());
        Repository counted = Repository.open(counting, TestRepository.PASSPHRASE.toCharArray());
        SnapshotCopier.Result r = new SnapshotCopier(counted, target, 2, new Progress()).copy(List.of());
        assertThat(r.copied()).extracting(SnapshotCopier.Copied::source).containsExactly(third);
        Entry leaf = source.loadSnapshot(third).entries().stream().filter(e -> e.path().equals("Autumn/leaf.jpg"))
                .findFirst().orElseThrow();
        long chunkReads = source.loadSnapshot(third).entries().stream().flatMap(e -> e.chunks().stream()).distinct()
                .mapToLong(id -> chunkReads(counting, counted, id)).sum();
        assertThat(chunkReads).isEqualTo(leaf.chunks().size());
        assertThat(r.copied().get(0).filesReused()).isEqualTo(2);
    }

    @Test
    void aDamagedFileInTheSourceLeavesThatSnapshotUncopiedAndNamesIt() throws IOException {
        Entry sea = source.loadSnapshot(originals.get(0)).entries().stream()
                .filter(e -> e.path().equals("Summer/sea.jpg")).findFirst().orElseThrow();
        TestRepository.damageChunk(tmp.resolve("source"), source, sea.chunks().get(0), 40);
        Repository target = target(tmp.resolve("target"), SMALL);
        SnapshotCopier.Result r = new SnapshotCopier(source, target, 2, new Progress()).copy(List.of());
        assertThat(r.failed()).singleElement().asString().contains(originals.get(0).substring(0, 8))
                .contains("Summer/sea.jpg").contains("photovault check");
        assertThat(r.copied()).extracting(SnapshotCopier.Copied::source).containsExactly(originals.get(1));
        assertThat(new Checker(target, 2, new Progress()).check(true, 1.0, null).errors()).isEmpty();
    }

    @Test
    void aRepositoryIsNotCopiedIntoItself() throws IOException {
        Repository same = TestRepository.reopen(tmp.resolve("source"));
        Assertions.assertThatThrownBy(() -> new SnapshotCopier(source, same, 1, new Progress()))
                .isInstanceOf(VaultException.class).hasMessageContaining("same repository");
    }

    private static long chunkReads(CountingStore counting, Repository repository, String id) {
        try {
            return counting.chunkReads(repository, id);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        try (Stream<Path> s = Files.walk(expected)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(f)) {
                    assertThat(actual.resolve(expected.relativize(f).toString())).hasSameBinaryContentAs(f);
                }
            }
        }
    }
}
