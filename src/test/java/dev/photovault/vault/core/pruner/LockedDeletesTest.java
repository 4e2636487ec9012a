package dev.photovault.vault.core.pruner;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.ForwardingStore;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.store.LocalObjectStore;
import dev.photovault.vault.core.store.ObjectLockedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that refuses to delete (an Object Lock photovault did not set, such as a bucket's default retention):
 * forget keeps the snapshot and says until when, prune keeps the chunks and counts them, nothing is lost, and the
 * next run deletes once the server allows it.
 */
class LockedDeletesTest {

    @TempDir
    Path tmp;

    @Test
    void refusedDeletesAreReportedAndLoseNothing() throws IOException {
        Instant until = Instant.parse("2030-01-01T00:00:00Z");
        AtomicBoolean locked = new AtomicBoolean(true);
        Path dir = tmp.resolve("repo");
        TestRepository.create(dir);
        ForwardingStore refusing = new ForwardingStore(new LocalObjectStore(dir)) {
            @Override
            public void delete(String key) throws IOException {
                if (locked.get() && (key.startsWith("chunks/") || key.startsWith("snapshots/"))) {
                    throw new ObjectLockedException(key, until, null);
                }
                super.delete(key);
            }
        };
        Repository repo = Repository.open(refusing, TestRepository.PASSPHRASE.toCharArray());
        Path photos = tmp.resolve("photos");
        write(photos.resolve("a.jpg"), randomBytes(900_000, 1));
        write(photos.resolve("b.jpg"), randomBytes(700_000, 2));
        String first = new Archiver(repo, BackupOptions.defaults(), new Progress()).backup(List.of(photos)).snapshotId();
        Files.delete(photos.resolve("b.jpg"));
        new Archiver(repo, BackupOptions.defaults(), new Progress()).backup(List.of(photos));

        RetentionPolicy keepLast = new RetentionPolicy(1, 0, 0, 0, 0, ZoneId.of("UTC"));
        List<RetentionPolicy.Decision> decisions = new Pruner(repo).forget(keepLast, false);
        assertThat(decisions).filteredOn(d -> d.snapshot().id().equals(first)).singleElement()
                .satisfies(d -> assertThat(d.keep()).isTrue())
                .satisfies(d -> assertThat(d.reasons()).containsExactly("locked until " + until));
        assertThat(repo.listSnapshots()).hasSize(2);

        // With the snapshot gone (the server let it go), its chunks are unreferenced but still refused.
        locked.set(false);
        new Pruner(repo).forget(keepLast, false);
        locked.set(true);
        PruneResult pruned = new Pruner(repo).prune(Duration.ZERO, false);
        assertThat(pruned.chunksDeleted()).isZero();
        assertThat(pruned.chunksLocked()).isPositive();
        assertThat(pruned.lockedUntil()).isEqualTo(until);
        CheckResult check = new Checker(repo, 2, new Progress()).check(true, 1.0, null);
        assertThat(check.errors()).isEmpty();
        assertThat(check.unreferenced()).isEqualTo(pruned.chunksLocked());
        Path restored = tmp.resolve("restored");
        assertThat(new Restorer(repo, 2, new Progress()).restore(repo.loadSnapshot(repo.resolveSnapshot("latest").id()),
                restored, p -> true).failures()).isEmpty();
        assertThat(restored.resolve("a.jpg")).hasBinaryContent(randomBytes(900_000, 1));

        locked.set(false);
        PruneResult later = new Pruner(repo).prune(Duration.ZERO, false);
        assertThat(later.chunksDeleted()).isEqualTo(pruned.chunksLocked());
        assertThat(later.chunksLocked()).isZero();
        assertThat(new Checker(repo, 2, new Progress()).check(true, 1.0, null).ok()).isTrue();
    }
}
