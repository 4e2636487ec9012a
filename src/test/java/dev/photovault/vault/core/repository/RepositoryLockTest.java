package dev.photovault.vault.core.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.crypto.BlobSealer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLockTest {

    @TempDir
    Path dir;

    @Test
    void sharedLocksCoexist() throws Exception {
        Repository repo = TestRepository.create(dir);
        try (RepositoryLock a = RepositoryLock.acquire(repo, false, "backup", Duration.ZERO);
                RepositoryLock b = RepositoryLock.acquire(TestRepository.reopen(dir), false, "backup", Duration.ZERO)) {
            assertThat(RepositoryLock.list(repo)).hasSize(2);
        }
        assertThat(RepositoryLock.list(repo)).isEmpty();
    }

    @Test
    void anExclusiveLockIsRefusedWhileABackupRunsAndTheMessageNamesTheHolder() throws Exception {
        Repository repo = TestRepository.create(dir);
        try (RepositoryLock backup = RepositoryLock.acquire(repo, false, "backup", Duration.ZERO)) {
            assertThatThrownBy(() -> RepositoryLock.acquire(repo, true, "prune", Duration.ofMillis(300)))
                    .isInstanceOf(RepositoryLockedException.class)
                    .hasMessageContaining("shared lock for backup by " + Hosts.username() + "@" + Hosts.hostname())
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        try (RepositoryLock prune = RepositoryLock.acquire(repo, true, "prune", Duration.ZERO)) {
            assertThatThrownBy(() -> RepositoryLock.acquire(repo, false, "backup", Duration.ZERO))
                    .isInstanceOf(RepositoryLockedException.class).hasMessageContaining("exclusive lock for prune");
        }
    }

    @Test
    void aProcessWhoseLockWasRemovedCommitsNothingAndSaysWhy(@TempDir Path source) throws Exception {
        Repository repo = TestRepository.create(dir);
        TestRepository.write(source.resolve("a.jpg"), TestRepository.randomBytes(10_000, 1));
        try (RepositoryLock backup = RepositoryLock.acquire(repo, false, "backup", Duration.ZERO)) {
            RepositoryLock.removeLocks(TestRepository.reopen(dir), true); // 'photovault unlock --all' elsewhere
            assertThatThrownBy(() -> new dev.photovault.vault.core.archiver.Archiver(repo,
                    dev.photovault.vault.core.archiver.BackupOptions.defaults(), new dev.photovault.vault.core.Progress())
                    .backup(java.util.List.of(source)))
                    .isInstanceOf(RepositoryLockLostException.class)
                    .hasMessageContaining("lock of this backup was lost").hasMessageContaining("was removed")
                    .hasMessageContaining("nothing was committed");
        }
        assertThat(TestRepository.reopen(dir).listSnapshots()).isEmpty();
        try (RepositoryLock prune = RepositoryLock.acquire(repo, true, "prune", Duration.ZERO)) {
            RepositoryLock.removeLocks(TestRepository.reopen(dir), true);
            assertThatThrownBy(() -> new dev.photovault.vault.core.pruner.Pruner(repo).prune(Duration.ZERO, false))
                    .isInstanceOf(RepositoryLockLostException.class);
        }
    }

    @Test
    void aWaitingPruneGetsTheLockOnceTheBackupEnds() throws Exception {
        Repository repo = TestRepository.create(dir);
        RepositoryLock backup = RepositoryLock.acquire(repo, false, "backup", Duration.ZERO);
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(500);
                backup.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        release.start();
        try (RepositoryLock prune = RepositoryLock.acquire(repo, true, "prune", Duration.ofSeconds(30))) {
            assertThat(prune.info().exclusive()).isTrue();
        }
        release.join();
    }

    @Test
    void locksOfDeadProcessesAndOldLocksAreStaleAndThisHostsAreRemovedByTheNextLock() throws Exception {
        Repository repo = TestRepository.create(dir);
        long deadPid = new ProcessBuilder("true").start().onExit().get().pid();
        writeLock(repo, new LockInfo(Instant.now(), Hosts.hostname(), "u", deadPid, true, "prune"));
        writeLock(repo, new LockInfo(Instant.now().minus(Duration.ofHours(2)), "elsewhere", "u", 1, true, "prune"));
        assertThat(RepositoryLock.list(repo)).filteredOn(RepositoryLock.Held::stale).hasSize(2);
        try (RepositoryLock lock = RepositoryLock.acquire(repo, true, "prune", Duration.ZERO)) {
            // The killed process of this host: gone, whatever its age. Another host's: only ignored.
            assertThat(RepositoryLock.list(repo)).filteredOn(RepositoryLock.Held::stale)
                    .extracting(h -> h.info().hostname()).containsExactly("elsewhere");
        }
        assertThat(RepositoryLock.removeLocks(repo, false)).isEqualTo(1);
        assertThat(RepositoryLock.list(repo)).isEmpty();
    }

    private static void writeLock(Repository repo, LockInfo info) throws Exception {
        repo.putSealed("locks/", repo.blobSealer().seal(BlobSealer.Kind.LOCK, VaultJson.MAPPER.writeValueAsBytes(info)));
    }
}
