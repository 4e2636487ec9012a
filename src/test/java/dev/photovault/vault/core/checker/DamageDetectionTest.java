package dev.photovault.vault.core.checker;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DamageDetectionTest {

    @TempDir
    Path tmp;

    Path repoDir;
    Repository repository;
    String snapshotId;
    Entry victim;

    @BeforeEach
    void setUp() throws IOException {
        Path source = tmp.resolve("photos");
        repoDir = tmp.resolve("repo");
        repository = TestRepository.create(repoDir);
        write(source.resolve("Album/victim.jpg"), randomBytes(2 * 1024 * 1024, 1));
        write(source.resolve("Album/healthy.jpg"), randomBytes(2 * 1024 * 1024, 2));
        write(source.resolve("other.jpg"), randomBytes(100_000, 3));
        snapshotId = new Archiver(repository, BackupOptions.defaults(), new Progress())
                .backup(List.of(source)).snapshotId();
        victim = repository.loadSnapshot(snapshotId).entries().stream()
                .filter(e -> e.path().equals("Album/victim.jpg")).findFirst().orElseThrow();
    }

    @Test
    void aHealthyRepositoryPassesEvenWithReadData() throws IOException {
        CheckResult result = check(true);
        assertThat(result.ok()).as(result.errors().toString()).isTrue();
        assertThat(result.chunksRead()).isEqualTo(result.chunks()).isPositive();
    }

    @Test
    void aCorruptedChunkIsFoundByReadDataAndNamesTheFile() throws IOException {
        Path chunk = chunkFile(victim.chunks().get(0));
        chunk.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(chunk.toFile(), "rw")) {
            file.seek(1000);
            int b = file.read();
            file.seek(1000);
            file.write(b ^ 0xff);
        }
        assertThat(check(false).ok()).isTrue(); // same size: only reading the data can tell
        CheckResult result = check(true);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.contains(victim.chunks().get(0)) && e.contains("authentication"));
        assertThat(result.damagedFiles()).containsExactly(snapshotId.substring(0, 8) + " Album/victim.jpg");
        assertRestoreFailsOnlyForTheVictim();
    }

    @Test
    void aTruncatedChunkIsFoundWithoutReadingData() throws IOException {
        Path chunk = chunkFile(victim.chunks().get(0));
        chunk.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(chunk.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        CheckResult result = check(false);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.contains("stored size"));
        assertThat(result.damagedFiles()).containsExactly(snapshotId.substring(0, 8) + " Album/victim.jpg");
        assertThat(check(true).ok()).isFalse();
        assertRestoreFailsOnlyForTheVictim();
    }

    @Test
    void aDeletedChunkIsFound() throws IOException {
        Files.delete(chunkFile(victim.chunks().get(0)));
        CheckResult result = check(true);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.contains(victim.chunks().get(0)) && e.contains("missing"));
        assertThat(result.damagedFiles()).containsExactly(snapshotId.substring(0, 8) + " Album/victim.jpg");
        assertRestoreFailsOnlyForTheVictim();
    }

    @Test
    void aCorruptedSnapshotIsReported() throws IOException {
        Path snapshot = repoDir.resolve("snapshots").resolve(snapshotId);
        snapshot.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 1] ^= 1;
        Files.write(snapshot, bytes);
        CheckResult result = check(false);
        assertThat(result.errors()).anyMatch(e -> e.startsWith("snapshot " + snapshotId));
    }

    private void assertRestoreFailsOnlyForTheVictim() throws IOException {
        Snapshot snapshot = repository.loadSnapshot(snapshotId);
        Path target = tmp.resolve("restored");
        RestoreResult result = new Restorer(repository, 2, new Progress())
                .restore(snapshot, target, Restorer.glob(null));
        assertThat(result.failures()).singleElement().asString().startsWith("Album/victim.jpg: ");
        assertThat(result.files()).isEqualTo(2);
        assertThat(target.resolve("Album/healthy.jpg")).exists();
        assertThat(target.resolve("Album/victim.jpg")).doesNotExist();
        try (var files = Files.list(target.resolve("Album"))) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().contains("photovault-restore"));
        }
    }

    private CheckResult check(boolean readData) throws IOException {
        return new Checker(TestRepository.reopen(repoDir), 2, new Progress()).check(readData, 1.0);
    }

    private Path chunkFile(String id) {
        return repoDir.resolve(Repository.chunkKey(id));
    }
}
