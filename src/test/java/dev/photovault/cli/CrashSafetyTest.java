package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.chunkCount;
import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.Cli;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.SnapshotStats;
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
                    randomBytes(32 * 1024 * 1024, i)).toFile().length();
        }
        Cli cli = Cli.forRepository(repo);
        // Kill points by progress, not by time (a faster machine must not finish first): at start-up, then once
        // the repository holds at least N chunks (about 250 in all).
        List<Long> chunksAfterKill = new ArrayList<>();
        for (long target : new long[] {0, 10, 60, 150}) {
            Process backup = cli.start("backup", source.toString(), "--workers", "1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (target > 0 && chunkCount(repo) < target && backup.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            backup.destroyForcibly(); // SIGKILL on Unix
            assertThat(backup.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Repository afterKill = TestRepository.reopen(repo);
            assertThat(afterKill.listSnapshots()).as("killed before it could finish (target %d)", target).isEmpty();
            CheckResult check = new Checker(afterKill, 2, new Progress()).check(true, 1.0);
            assertThat(check.errors()).as("after a kill at %d chunks", target).isEmpty();
            chunksAfterKill.add(chunkCount(repo));
        }
        assertThat(chunksAfterKill.get(chunksAfterKill.size() - 1)).as("the killed runs stored some work")
                .isGreaterThanOrEqualTo(150);

        assertThat(dev.photovault.vault.core.repository.RepositoryLock.list(TestRepository.reopen(repo)))
                .as("the killed runs' locks").isNotEmpty().allMatch(dev.photovault.vault.core.repository.RepositoryLock.Held::stale);
        List<Long> killed = new ArrayList<>();
        try (var left = java.nio.file.Files.list(repo.resolve("tmp"))) {
            left.forEach(f -> killed.add(Long.parseLong(f.getFileName().toString().split("\\.")[1])));
        }
        Cli.Result finish = cli.run("backup", source.toString());
        assertThat(finish.exitCode()).as(finish.all()).isZero();
        // What the killed runs left (temporary files, their locks) is gone after the next run on this host.
        try (var left = java.nio.file.Files.list(repo.resolve("tmp"))) {
            assertThat(left.map(f -> f.getFileName().toString())).as("killed writers: %s", killed)
                    .noneMatch(n -> killed.stream().anyMatch(pid -> n.contains("." + pid + ".")));
        }
        assertThat(dev.photovault.vault.core.repository.RepositoryLock.list(TestRepository.reopen(repo))).isEmpty();
        Repository repository = TestRepository.reopen(repo);
        SnapshotStats stats = repository.loadSnapshot(repository.resolveSnapshot("latest").id()).header().stats();
        long reusedBytes = stats.bytesRead() - stats.bytesStored() + stats.chunksNew() * 28L;
        assertThat(stats.files()).isEqualTo(8);
        assertThat(stats.bytesStored()).as("chunks written before the kills are not written again")
                .isLessThan(total);
        assertThat(reusedBytes).isPositive();
        assertThat(new Checker(repository, 2, new Progress()).check(true, 1.0).errors()).isEmpty();
    }
}
