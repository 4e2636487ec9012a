package dev.photovault.vault.core.pruner;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.repository.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrunerTest {

    @TempDir
    Path tmp;

    @Test
    void deletesOnlyChunksOfForgottenSnapshotsAndKeepsTheRepositoryValid() throws Exception {
        Path source = tmp.resolve("photos");
        Path repoDir = tmp.resolve("repo");
        Repository repository = TestRepository.create(repoDir);
        write(source.resolve("keep.jpg"), randomBytes(3 * 1024 * 1024, 1));
        Path gone = write(source.resolve("gone.jpg"), randomBytes(3 * 1024 * 1024, 2));
        String first = backup(repository, source);
        Files.delete(gone);
        backup(repository, source);
        long before = TestRepository.storedChunkCount(repoDir); // gone.jpg's last piece may be packed

        assertThat(new Pruner(repository).prune(Duration.ZERO, false).chunksDeleted()).isZero();
        repository.deleteSnapshot(first);
        PruneResult result = new Pruner(repository).prune(Duration.ZERO, false);

        assertThat(result.chunksDeleted()).isPositive();
        assertThat(TestRepository.storedChunkCount(repoDir)).isEqualTo(before - result.chunksDeleted());
        assertThat(repository.indexKeys()).hasSize(1);
        assertThat(new Checker(TestRepository.reopen(repoDir), 2, new Progress()).check(true, 1.0).errors()).isEmpty();
    }

    @Test
    void unreferencedChunksYoungerThanTheGracePeriodStay() throws Exception {
        Path source = tmp.resolve("photos");
        Path repoDir = tmp.resolve("repo");
        Repository repository = TestRepository.create(repoDir);
        write(source.resolve("a.jpg"), randomBytes(1024 * 1024, 1));
        repository.deleteSnapshot(backup(repository, source));
        PruneResult result = new Pruner(repository).prune(Duration.ofHours(1), false);
        assertThat(result.chunksDeleted()).isZero();
        assertThat(result.chunksInGrace()).isPositive();
    }

    private static String backup(Repository repository, Path source) throws Exception {
        return new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source)).snapshotId();
    }
}
