package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.chunkCount;
import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.Cli;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.checker.CheckProgress;
import dev.photovault.vault.checker.CheckResult;
import dev.photovault.vault.checker.Checker;
import dev.photovault.vault.repository.Repository;
import dev.photovault.vault.snapshot.SnapshotStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL a running backup at several moments; the repository must stay valid and the work be reused. */
class CrashSafetyTest {

    @TempDir
    Path tmp;

    @Test
    void aBackupKilledAtAnyMomentLeavesAValidRepositoryAndItsChunksAreReused() throws Exception {
        Path repo = tmp.resolve("repo");
        Path source = tmp.resolve("photos");
        TestRepository.create(repo);
        long total = 0;
        for (int i = 0; i < 8; i++) {
            total += write(source.resolve("Album " + (i % 3) + "/video" + i + ".mp4"),
                    randomBytes(16 * 1024 * 1024, i)).toFile().length();
        }
        Cli cli = Cli.forRepository(repo);
        List<Long> chunksAfterKill = new ArrayList<>();
        for (long delay : new long[] {150, 600, 1200, 2000, 3000}) {
            Process backup = cli.start("backup", source.toString(), "--workers", "1");
            Thread.sleep(delay);
            backup.destroyForcibly(); // SIGKILL on Unix
            assertThat(backup.waitFor(30, TimeUnit.SECONDS)).isTrue();
            CheckResult check = new Checker(TestRepository.reopen(repo), 2, new CheckProgress()).check(true, 1.0);
            assertThat(check.errors()).as("after a kill at %d ms", delay).isEmpty();
            chunksAfterKill.add(chunkCount(repo));
        }
        assertThat(chunksAfterKill.get(chunksAfterKill.size() - 1)).as("the killed runs stored some work").isPositive();

        Cli.Result finish = cli.run("backup", source.toString());
        assertThat(finish.exitCode()).as(finish.all()).isZero();
        Repository repository = TestRepository.reopen(repo);
        SnapshotStats stats = repository.loadSnapshot(repository.resolveSnapshot("latest").id()).header().stats();
        long reusedBytes = stats.bytesRead() - stats.bytesStored() + stats.chunksNew() * 28L;
        assertThat(stats.files()).isEqualTo(8);
        assertThat(stats.bytesStored()).as("chunks written before the kills are not written again")
                .isLessThan(total);
        assertThat(reusedBytes).isPositive();
        assertThat(new Checker(repository, 2, new CheckProgress()).check(true, 1.0).errors()).isEmpty();
    }
}
