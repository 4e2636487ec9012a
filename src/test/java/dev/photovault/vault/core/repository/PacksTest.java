package dev.photovault.vault.core.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.pruner.PruneResult;
import dev.photovault.vault.core.pruner.Pruner;
import dev.photovault.vault.core.repair.Repairer;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.store.LocalObjectStore;
import dev.photovault.vault.core.store.ObjectInfo;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small chunks go into packs (format.md §5): backed up, restored, checked, pruned (repacked), repaired from the
 * packs' own headers, damaged and found out, in a real repository folder.
 */
class PacksTest {

    @TempDir
    Path tmp;

    /** 300 small files in 3 folders and one of 3 MiB (its own chunk objects, plus maybe a small tail). */
    private Path library() throws IOException {
        Path src = tmp.resolve("src");
        for (int i = 0; i < 300; i++) {
            TestRepository.write(src.resolve("folder-" + (i % 3)).resolve("note-" + i + ".txt"),
                    TestRepository.randomBytes(200 + i * 7, i));
        }
        TestRepository.write(src.resolve("video.mp4"), TestRepository.randomBytes(3 << 20, 999));
        return src;
    }

    private static List<ObjectInfo> packs(Repository repo) throws IOException {
        return repo.store().list("packs/");
    }

    private static String backup(Repository repo, Path src) throws IOException {
        return new Archiver(repo, BackupOptions.defaults(), new Progress()).backup(List.of(src)).snapshotId();
    }

    private static RestoreResult restore(Repository repo, String snapshot, Path target) throws IOException {
        return new Restorer(repo, 2, new Progress()).restore(repo.loadSnapshot(snapshot), target, p -> true);
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path copy = actual.resolve(expected.relativize(f).toString());
                assertThat(Files.readAllBytes(copy)).as(copy.toString()).isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    /** Restores a snapshot of the one folder {@code src} into {@code target} (its content lands there) and compares. */
    private static void assertRestoresWhole(Repository repo, String snapshot, Path src, Path target) throws IOException {
        assertThat(restore(repo, snapshot, target).failures()).isEmpty();
        assertSameTree(src, target);
    }

    /** The first chunk of the snapshot's file whose path ends with {@code suffix}. */
    private static String chunkOf(Repository repo, String snapshot, String suffix) throws IOException {
        return repo.loadSnapshot(snapshot).entries().stream().filter(e -> e.path().endsWith(suffix)).findFirst()
                .orElseThrow().chunks().get(0);
    }

    @Test
    void smallFilesGoIntoAFewPacksAndComeBackWhole() throws IOException {
        Path src = library();
        Repository repo = TestRepository.create(tmp.resolve("repo"));
        String id = backup(repo, src);

        assertThat(repo.config().version()).isEqualTo(2);
        assertThat(packs(repo)).as("300 small files in one pack").hasSize(1);
        long chunkObjects = TestRepository.chunkCount(tmp.resolve("repo"));
        assertThat(chunkObjects).as("the large file's chunks only (one to six, as the seeded cut points fall)")
                .isBetween(1L, 6L);

        // A fresh process knows the packs only from the index.
        Repository again = TestRepository.reopen(tmp.resolve("repo"));
        RestoreResult result = restore(again, id, tmp.resolve("out"));
        assertThat(result.failures()).isEmpty();
        assertThat(result.files()).isEqualTo(301);
        assertSameTree(src, tmp.resolve("out"));

        CheckResult check = new Checker(again, 2, new Progress()).check(true, 1.0);
        assertThat(check.errors()).isEmpty();
        assertThat(check.chunksRead()).isEqualTo(check.chunks());

        // Unchanged: no new pack.
        backup(again, src);
        assertThat(packs(again)).hasSize(1);
    }

    @Test
    void aVersionOneRepositoryKeepsEveryChunkAsItsOwnObject() throws IOException {
        Path src = library();
        Repository repo = Repository.init(new LocalObjectStore(tmp.resolve("v1")), TestRepository.PASSPHRASE
                .toCharArray(), TestRepository.CHEAP_KDF, ChunkerParams.PRODUCTION, 1);
        String id = backup(repo, src);

        assertThat(packs(repo)).isEmpty();
        assertThat(TestRepository.chunkCount(tmp.resolve("v1"))).isGreaterThan(300);
        assertRestoresWhole(TestRepository.reopen(tmp.resolve("v1")), id, src, tmp.resolve("out"));
    }

    @Test
    void aDamagedPackedChunkIsFoundByCheckAndFailsOnlyItsFile() throws IOException {
        Path src = library();
        Repository repo = TestRepository.create(tmp.resolve("repo"));
        String id = backup(repo, src);
        Path note = src.resolve("folder-1").resolve("note-100.txt");
        String chunk = chunkOf(repo, id, "folder-1/note-100.txt");
        PackRef ref = repo.locate(chunk);
        assertThat(ref).isNotNull();
        flipByte(tmp.resolve("repo").resolve(ref.key()), ref.offset() + 20);

        Repository fresh = TestRepository.reopen(tmp.resolve("repo"));
        CheckResult structural = new Checker(fresh, 2, new Progress()).check(false, 1.0);
        assertThat(structural.errors()).as("same length: only reading finds it").isEmpty();
        CheckResult check = new Checker(fresh, 2, new Progress()).check(true, 1.0);
        assertThat(check.errors()).singleElement().asString().contains("chunk " + chunk)
                .contains(ref.key() + " bytes " + ref.offset());
        assertThat(check.damagedFiles()).singleElement().asString().endsWith("folder-1/note-100.txt");

        RestoreResult result = restore(fresh, id, tmp.resolve("out"));
        assertThat(result.failures()).singleElement().asString().contains("note-100.txt");
        assertThat(result.files()).isEqualTo(300);

        // repair --read-data leaves it out of the index; the next backup packs it again; then all is whole.
        Repairer.IndexRepair repair = new Repairer(fresh, 2, new Progress()).repairIndex(true, false);
        assertThat(repair.damagedRemoved()).containsExactly(chunk);
        Repository afterRepair = TestRepository.reopen(tmp.resolve("repo"));
        backup(afterRepair, src);
        Repository healed = TestRepository.reopen(tmp.resolve("repo"));
        assertThat(new Checker(healed, 2, new Progress()).check(true, 1.0).errors()).isEmpty();
        assertThat(restore(healed, id, tmp.resolve("healed")).failures()).isEmpty();
        assertThat(Files.readAllBytes(tmp.resolve("healed").resolve("folder-1/note-100.txt")))
                .isEqualTo(Files.readAllBytes(note));
    }

    @Test
    void aTruncatedOrMissingPackIsReportedWithoutReadingData() throws IOException {
        Path src = library();
        Repository repo = TestRepository.create(tmp.resolve("repo"));
        backup(repo, src);
        ObjectInfo pack = packs(repo).get(0);
        Path file = tmp.resolve("repo").resolve(pack.key());
        file.toFile().setWritable(true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(1024); // every chunk past the first kilobyte is cut off
        }

        Repository fresh = TestRepository.reopen(tmp.resolve("repo"));
        CheckResult check = new Checker(fresh, 2, new Progress()).check(false, 1.0);
        assertThat(check.errors()).isNotEmpty().allSatisfy(e -> assertThat(e).contains("is truncated"));
        assertThat(check.damagedFiles()).hasSizeGreaterThan(100);

        Files.delete(file);
        CheckResult missing = new Checker(TestRepository.reopen(tmp.resolve("repo")), 2, new Progress())
                .check(false, 1.0);
        assertThat(missing.errors()).hasSizeGreaterThanOrEqualTo(300).allSatisfy(e -> assertThat(e).contains("is missing"));
    }

    @Test
    void anIndexPointingPastAPacksEndIsDamageNotACrash() throws IOException {
        Path src = library();
        Repository repo = TestRepository.create(tmp.resolve("repo"));
        String id = backup(repo, src);
        String chunk = chunkOf(repo, id, "note-7.txt");
        PackRef ref = repo.locate(chunk);
        ObjectInfo pack = packs(repo).get(0);
        Path file = tmp.resolve("repo").resolve(pack.key());
        file.toFile().setWritable(true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(ref.offset() + 10);
        }
        Repository fresh = TestRepository.reopen(tmp.resolve("repo"));
        assertThatThrownBy(() -> fresh.readChunk(chunk)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("the pack is truncated").hasMessageContaining(pack.key());
    }

    @Test
    void repairIndexRebuildsThePackedChunksFromThePacksHeaders() throws IOException {
        Path src = library();
        Repository repo = TestRepository.create(tmp.resolve("repo"));
        String id = backup(repo, src);
        try (Stream<Path> index = Files.list(tmp.resolve("repo").resolve("index"))) {
            for (Path delta : index.toList()) {
                Files.delete(delta);
            }
        }

        Repository fresh = TestRepository.reopen(tmp.resolve("repo"));
        assertThat(new Checker(fresh, 2, new Progress()).check(false, 1.0).errors()).isNotEmpty();
        Repairer.IndexRepair repair = new Repairer(fresh, 2, new Progress()).repairIndex(false, false);
        assertThat(repair.chunksIndexed()).isGreaterThan(300);

        Repository repaired = TestRepository.reopen(tmp.resolve("repo"));
        assertThat(new Checker(repaired, 2, new Progress()).check(true, 1.0).errors()).isEmpty();
        assertRestoresWhole(repaired, id, src, tmp.resolve("out"));
    }

    @Test
    void aDamagedPackHeaderIsReportedAndRepairKeepsWhatTheIndexKnows() throws IOException {
        Path src = library();
        Repository repo = TestRepository.create(tmp.resolve("repo"));
        String id = backup(repo, src);
        ObjectInfo pack = packs(repo).get(0);
        flipByte(tmp.resolve("repo").resolve(pack.key()), pack.size() - 30); // inside the sealed header

        Repository fresh = TestRepository.reopen(tmp.resolve("repo"));
        assertThat(new Checker(fresh, 2, new Progress()).check(true, 1.0).errors()).singleElement().asString()
                .startsWith(pack.key()).contains("header");
        Repairer.IndexRepair repair = new Repairer(fresh, 2, new Progress()).repairIndex(true, false);
        assertThat(repair.damagedRemoved()).isEmpty();
        Repository repaired = TestRepository.reopen(tmp.resolve("repo"));
        assertThat(restore(repaired, id, tmp.resolve("out")).failures()).isEmpty();
    }

    @Test
    void pruneDeletesDeadPacksAndRepacksMostlyDeadOnes() throws IOException {
        Path src = library();
        Files.delete(src.resolve("video.mp4")); // its last piece may be packed too, of a size the seed decides
        Repository repo = TestRepository.create(tmp.resolve("repo"));
        String all = backup(repo, src);
        // The second snapshot keeps a tenth of the small files.
        long deadBytes = 0;
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("note-\\d*[1-9]\\.txt")).toList()) {
                deadBytes += Files.size(f);
                Files.delete(f);
            }
        }
        long dead = deadBytes;
        String tenth = backup(repo, src);
        ObjectInfo before = packs(repo).get(0);
        repo.deleteSnapshot(all);

        PruneResult dry = new Pruner(repo).prune(Duration.ZERO, true);
        assertThat(dry.chunksDeleted()).isEqualTo(270);
        assertThat(packs(repo)).containsExactly(before);

        PruneResult result = new Pruner(repo).prune(Duration.ZERO, false);
        assertThat(result.chunksDeleted()).isEqualTo(270);
        assertThat(result.bytesFreed()).isGreaterThan(before.size() / 2);
        List<ObjectInfo> after = packs(repo);
        assertThat(after).singleElement().satisfies(p -> {
            assertThat(p.key()).isNotEqualTo(before.key());
            assertThat(p.size()).isLessThanOrEqualTo(before.size() - dead);
        });

        Repository fresh = TestRepository.reopen(tmp.resolve("repo"));
        assertThat(new Checker(fresh, 2, new Progress()).check(true, 1.0).errors()).isEmpty();
        assertRestoresWhole(fresh, tenth, src, tmp.resolve("out"));

        fresh.deleteSnapshot(tenth);
        new Pruner(fresh).prune(Duration.ZERO, false);
        assertThat(packs(fresh)).isEmpty();
        assertThat(TestRepository.chunkCount(tmp.resolve("repo"))).isZero();
    }

    @Test
    void aReaderThatKnewThePackBeforeARepackFindsTheChunkInTheNewOne() throws IOException {
        Path src = library();
        Files.delete(src.resolve("video.mp4"));
        Repository repo = TestRepository.create(tmp.resolve("repo"));
        String all = backup(repo, src);
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("note-\\d*[1-9]\\.txt")).toList()) {
                Files.delete(f);
            }
        }
        String tenth = backup(repo, src);
        String kept = chunkOf(repo, tenth, "note-10.txt");
        Repository ui = TestRepository.reopen(tmp.resolve("repo")); // a long-running reader
        byte[] before = ui.readChunk(kept);
        PackRef old = ui.locate(kept);

        repo.deleteSnapshot(all);
        new Pruner(repo).prune(Duration.ZERO, false);
        assertThat(packs(repo)).noneMatch(p -> p.key().equals(old.key()));

        assertThat(ui.readChunk(kept)).isEqualTo(before);
        assertThat(ui.locate(kept)).isNotEqualTo(old);
    }

    @Test
    void aPackNoIndexNamesIsHarmlessAndPruneRemovesItAfterTheGracePeriod() throws IOException {
        Repository repo = TestRepository.create(tmp.resolve("repo"));
        // What a backup killed between its pack and its index delta leaves.
        byte[] plain = TestRepository.randomBytes(1000, 5);
        String id = repo.chunkSealer().idOf(plain, 0, plain.length);
        repo.putChunk(id, repo.chunkSealer().seal(id, plain, 0, plain.length));
        repo.flushPacks();
        assertThat(packs(repo)).hasSize(1);

        Repository fresh = TestRepository.reopen(tmp.resolve("repo"));
        assertThat(new Checker(fresh, 2, new Progress()).check(true, 1.0).errors()).isEmpty();
        new Pruner(fresh).prune(Duration.ofHours(1), false);
        assertThat(packs(fresh)).as("in the grace period: a backup beside us may be about to index it").hasSize(1);
        new Pruner(fresh).prune(Duration.ZERO, false);
        assertThat(packs(fresh)).isEmpty();
    }

    private static void flipByte(Path file, long at) throws IOException {
        file.toFile().setWritable(true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x40);
        }
    }
}
