package dev.photovault.vault.core.repair;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.pruner.Pruner;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.snapshot.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage found by check is healed: repair index, then the next backup writes what is missing. */
class RepairTest {

    @TempDir
    Path tmp;

    Path repoDir;
    Path source;
    Repository repository;
    String first;
    Entry victim;
    byte[] victimBytes = randomBytes(3 * 1024 * 1024, 7);

    @BeforeEach
    void setUp() throws IOException {
        repoDir = tmp.resolve("repo");
        source = tmp.resolve("photos");
        repository = TestRepository.create(repoDir);
        write(source.resolve("Album/victim.jpg"), victimBytes);
        write(source.resolve("Album/other.jpg"), randomBytes(200_000, 8));
        first = backup();
        victim = repository.loadSnapshot(first).entries().stream().filter(e -> e.path().equals("Album/victim.jpg"))
                .findFirst().orElseThrow();
    }

    private String backup() throws IOException {
        return new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source)).snapshotId();
    }

    private Path chunkFile(String id) {
        return repoDir.resolve(Repository.chunkKey(id));
    }

    private CheckResult check() throws IOException {
        return new Checker(repository, 2, new Progress()).check(true, 1.0);
    }

    @Test
    void aDeletedChunkIsWrittenAgainByTheBackupAfterRepairAndEverySnapshotIsWholeAgain() throws IOException {
        Files.delete(chunkFile(victim.chunks().get(0)));
        assertThat(check().damagedFiles()).containsExactly(first.substring(0, 8) + " Album/victim.jpg");
        // Without repair the index still lists the chunk: a backup writes nothing and stays damaged.
        assertThatThrownBy(() -> new Pruner(repository).prune(Duration.ZERO, true))
                .isInstanceOf(VaultException.class).hasMessageContaining("repair index");

        Repairer.IndexRepair repaired = new Repairer(repository, 2, new Progress()).repairIndex(false, false);
        assertThat(repaired.missingDropped()).isEqualTo(1);
        assertThat(repository.indexKeys()).hasSize(1);

        String second = backup();
        CheckResult after = check();
        assertThat(after.ok()).as(after.errors().toString()).isTrue();
        assertThat(Files.exists(chunkFile(victim.chunks().get(0)))).isTrue();
        for (String snapshot : List.of(first, second)) {
            Path target = tmp.resolve("restored-" + snapshot);
            RestoreResult result = new Restorer(repository, 2, new Progress())
                    .restore(repository.loadSnapshot(snapshot), target, p -> true);
            assertThat(result.failures()).isEmpty();
            assertThat(Files.readAllBytes(target.resolve("Album/victim.jpg"))).isEqualTo(victimBytes);
        }
    }

    @Test
    void repairWithReadDataRemovesACorruptedChunkSoThatTheNextBackupRewritesIt() throws IOException {
        // The first chunk of a 3 MiB file is at least 512 KiB: its own object, never packed.
        Path chunk = chunkFile(victim.chunks().get(0));
        chunk.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(chunk);
        bytes[500] ^= 0x10;
        Files.write(chunk, bytes);

        Repairer.IndexRepair dry = new Repairer(repository, 2, new Progress()).repairIndex(true, true);
        assertThat(dry.damagedRemoved()).containsExactly(victim.chunks().get(0));
        assertThat(Files.exists(chunk)).isTrue();

        new Repairer(repository, 2, new Progress()).repairIndex(true, false);
        assertThat(Files.exists(chunk)).isFalse();
        backup();
        assertThat(check().ok()).isTrue();
        assertThat(repository.readChunk(victim.chunks().get(0))).isNotEmpty();
    }

    @Test
    void repairSnapshotsRemovesDamagedAndStraySnapshotObjectsAndThenPruneRuns() throws IOException {
        write(source.resolve("Album/new.jpg"), randomBytes(100_000, 9));
        String second = backup();
        Path damaged = repoDir.resolve("snapshots/" + first);
        damaged.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 3] ^= 1;
        Files.write(damaged, bytes);
        write(repoDir.resolve("snapshots/.DS_Store"), new byte[] {1, 2, 3});
        Repository fresh = TestRepository.reopen(repoDir);
        assertThatThrownBy(() -> new Pruner(fresh).prune(Duration.ZERO, false)).hasMessageContaining("repair snapshots");

        assertThat(new Repairer(fresh, 1, new Progress()).repairSnapshots(false))
                .extracting(d -> d.key()).containsExactlyInAnyOrder("snapshots/" + first, "snapshots/.DS_Store");
        assertThat(TestRepository.reopen(repoDir).listSnapshots()).extracting(r -> r.id()).containsExactly(second);
        new Pruner(TestRepository.reopen(repoDir)).prune(Duration.ZERO, false);
        assertThat(new Checker(TestRepository.reopen(repoDir), 2, new Progress()).check(true, 1.0).ok()).isTrue();
    }
}
