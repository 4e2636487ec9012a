package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.Cli;
import dev.photovault.testing.S3ProxyServer;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes that work on one repository at once (format.md §8): backups beside backups on S3, a prune started
 * during a backup, forget --prune racing backups. Every snapshot restores; prune never deletes a chunk that a live
 * backup goes on to reference.
 */
class ConcurrencyTest {

    @TempDir
    Path tmp;

    @Test
    void twoBackupsIntoOneS3BucketAtOnceBothRestore() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            String uri = s3.camelUri("concurrent");
            Cli cli = new Cli(null, Map.of("PHOTOVAULT_PASSWORD", TestRepository.PASSPHRASE))
                    .withEnv(S3ProxyServer.CLIENT_ENV);
            assertThat(cli.run("init", "--store", uri, "--kdf-memory", "8", "--kdf-iterations", "1").exitCode())
                    .isZero();
            Path phone = tmp.resolve("phone");
            Path camera = tmp.resolve("camera");
            for (int i = 0; i < 3; i++) {
                byte[] shared = randomBytes(3 * 1024 * 1024, i);
                write(phone.resolve("Shared/p" + i + ".jpg"), shared);
                write(camera.resolve("Shared/c" + i + ".jpg"), shared);
                write(camera.resolve("Own/c" + i + ".jpg"), randomBytes(2 * 1024 * 1024, 100 + i));
            }
            Process a = cli.start("backup", phone.toString(), "--store", uri);
            Process b = cli.start("backup", camera.toString(), "--store", uri);
            assertSucceeds(a, "backup of phone");
            assertSucceeds(b, "backup of camera");

            Cli.Result check = cli.run("check", "--read-data", "--store", uri);
            assertThat(check.exitCode()).as(check.all()).isZero();
            var list = dev.photovault.vault.core.VaultJson.MAPPER.readTree(cli.run("snapshots", "--json", "--store", uri)
                    .out());
            assertThat(list).hasSize(2);
            for (var snapshot : list) {
                Path source = snapshot.toString().contains("camera") ? camera : phone;
                Path target = tmp.resolve("restored-" + source.getFileName());
                Cli.Result restore = cli.run("restore", snapshot.get("id").asText(), "--target", target.toString(),
                        "--store", uri);
                assertThat(restore.exitCode()).as(restore.all()).isZero();
                TestRepository.assertSameTree(source, target);
            }
        }
    }

    @Test
    void aPruneStartedDuringABackupWaitsAndKeepsTheChunksThatBackupReuses() throws Exception {
        Path repo = tmp.resolve("repo");
        Repository repository = TestRepository.create(repo);
        Path old = tmp.resolve("old");
        Path now = tmp.resolve("now");
        for (int i = 0; i < 4; i++) {
            byte[] kept = randomBytes(4 * 1024 * 1024, i);
            write(old.resolve("kept" + i + ".jpg"), kept);
            write(now.resolve("kept" + i + ".jpg"), kept); // the same content: the new backup reuses its chunks
            write(old.resolve("gone" + i + ".jpg"), randomBytes(1024 * 1024, 50 + i));
        }
        for (int i = 0; i < 40; i++) {
            write(now.resolve("new/" + i + ".jpg"), randomBytes(2 * 1024 * 1024, 200 + i));
        }
        String forgotten = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(old))
                .snapshotId();
        repository.deleteSnapshot(forgotten); // every chunk is now unreferenced: a prune that ran now would take all
        Cli cli = Cli.forRepository(repo);

        Process backup = cli.start("backup", now.toString(), "--workers", "1");
        waitForLock(repo, backup);
        // The prune (this process) starts while the backup runs: it must wait for the backup's shared lock to go.
        CompletableFuture<Void> backupDone = CompletableFuture.runAsync(() -> {
            try {
                assertSucceeds(backup, "the backup");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(backup.isAlive()).as("the backup still runs when the prune starts").isTrue();
        dev.photovault.vault.core.pruner.PruneResult pruned;
        Repository pruning = TestRepository.reopen(repo);
        try (RepositoryLock exclusive = RepositoryLock.acquire(pruning, true, "prune", java.time.Duration.ofMinutes(3))) {
            assertThat(pruning.listSnapshots()).as("the prune got its lock only once the backup had committed")
                    .hasSize(1);
            pruned = new dev.photovault.vault.core.pruner.Pruner(pruning).prune(java.time.Duration.ZERO, false);
        }
        backupDone.get(3, TimeUnit.MINUTES);

        Repository after = TestRepository.reopen(repo);
        assertThat(new Checker(after, 2, new Progress()).check(true, 1.0).errors()).isEmpty();
        Path target = tmp.resolve("restored");
        Cli.Result restore = cli.run("restore", "latest", "--target", target.toString());
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        TestRepository.assertSameTree(now, target);
        // What only the forgotten snapshot had is gone; what the backup reused stayed.
        assertThat(pruned.bytesFreed()).isBetween(4L * 1024 * 1024, 4L * 1024 * 1024 + 4 * 1024);
    }

    @Test
    void forgetWithPruneRacingBackupsNeverLosesTheirSnapshots() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepository.create(repo);
        Cli cli = Cli.forRepository(repo);
        Path source = tmp.resolve("photos");
        for (int round = 0; round < 3; round++) {
            // Each round changes half the files, so forgetting the older snapshot leaves chunks to prune while the
            // next backup reuses the other half.
            for (int i = 0; i < 6; i++) {
                write(source.resolve("f" + i + ".jpg"), randomBytes(3 * 1024 * 1024, i % 2 == 0 ? i : 1000 * round + i));
            }
            CompletableFuture<Cli.Result> forget = CompletableFuture.supplyAsync(() -> run(cli, "forget",
                    "--keep-last", "1", "--prune", "--grace", "PT0S", "--wait", "PT3M"));
            Cli.Result backup = run(cli, "backup", source.toString());
            Cli.Result forgot = forget.get(4, TimeUnit.MINUTES);
            assertThat(backup.exitCode()).as(backup.all()).isZero();
            assertThat(forgot.exitCode()).as(forgot.all()).isZero();

            Repository after = TestRepository.reopen(repo);
            assertThat(new Checker(after, 2, new Progress()).check(true, 1.0).errors()).as("round %d", round).isEmpty();
            List<SnapshotRef> snapshots = after.listSnapshots();
            assertThat(snapshots).isNotEmpty();
            Path target = tmp.resolve("restored-" + round);
            TestRepository.restore(after, "latest", target);
            TestRepository.assertSameTree(source, target);
            assertThat(RepositoryLock.list(after)).isEmpty();
        }
    }

    private static Cli.Result run(Cli cli, String... args) {
        try {
            return cli.run(args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitForLock(Path repo, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (Files.isDirectory(repo.resolve("locks"))) {
                try (var locks = Files.list(repo.resolve("locks"))) {
                    if (locks.findAny().isPresent()) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the backup took no lock");
    }

    private static void assertSucceeds(Process process, String what) throws Exception {
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                return new byte[0];
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(what).isTrue();
        assertThat(process.exitValue()).as(what + ": " + out + new String(err.get(), StandardCharsets.UTF_8)).isZero();
    }
}
