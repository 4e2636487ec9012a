package dev.photovault.vault.core.store;

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
import dev.photovault.vault.core.restorer.RestoreResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that fails some of its writes and reads (a flaky disk, a NAS that drops out): every run either
 * completes or stops with one clear line, the repository stays valid, and the next run on a healthy store
 * completes. (A store that fills up: StorageFullTest and TrustCommandLineTest, on real small tmpfs mounts.)
 */
class FailingStoreTest {

    @TempDir
    Path tmp;

    /**
     * Fails the puts, or the chunk reads, whose number (counted from 0) is {@code first}, then every {@code every}
     * after it: whichever worker thread asks, a failure is certain in a run that writes or reads that many.
     */
    static final class FailingStore extends ForwardingStore {
        final int first;
        final int every;
        final boolean writes;
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        FailingStore(ObjectStore store, boolean writes, int first, int every) {
            super(store);
            this.writes = writes;
            this.first = first;
            this.every = every;
        }

        private boolean fail() {
            int n = count.getAndIncrement();
            boolean fail = n >= first && (n - first) % every == 0;
            if (fail) {
                failed.incrementAndGet();
            }
            return fail;
        }

        @Override
        public boolean putIfAbsent(String key, byte[] data) throws IOException {
            if (writes && fail()) {
                throw new IOException("Input/output error writing " + key);
            }
            return super.putIfAbsent(key, data);
        }

        @Override
        public byte[] get(String key) throws IOException {
            if (!writes && key.startsWith("chunks/") && fail()) {
                throw new IOException("Input/output error reading " + key);
            }
            return super.get(key);
        }

        /** A packed chunk's read. */
        @Override
        public byte[] getRange(String key, long offset, int length) throws IOException {
            if (!writes && key.startsWith("packs/") && fail()) {
                throw new IOException("Input/output error reading " + key);
            }
            return delegate().getRange(key, offset, length);
        }
    }

    private Repository open(Path repo, FailingStore store) throws IOException {
        return Repository.open(store, TestRepository.PASSPHRASE.toCharArray());
    }

    @Test
    void backupsOntoAStoreThatFailsWritesStopInOneLineAndLeaveItValid() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepository.create(repo);
        Path source = tmp.resolve("photos");
        for (int i = 0; i < 40; i++) {
            write(source.resolve("IMG_" + i + ".jpg"), randomBytes(200_000 + 10_000 * i, i));
        }
        List<String> errors = new ArrayList<>();
        String snapshot = null;
        for (int run = 0; run < 40 && snapshot == null; run++) {
            // One failed write per run, later each time: the runs get further until one completes.
            FailingStore flaky = new FailingStore(new LocalObjectStore(repo), true, 4 + 6 * run, Integer.MAX_VALUE);
            try {
                snapshot = new Archiver(open(repo, flaky), BackupOptions.defaults(), new Progress())
                        .backup(List.of(source)).snapshotId();
            } catch (IOException | RuntimeException e) {
                errors.add(e.getMessage());
                assertThat(e.getMessage()).as("one line naming what failed").contains("Input/output error")
                        .doesNotContain("\n");
            }
            CheckResult check = new Checker(TestRepository.reopen(repo), 2, new Progress()).check(true, 1.0);
            assertThat(check.errors()).as("after run %d", run).isEmpty();
        }
        assertThat(errors).as("runs stopped by a failed write").isNotEmpty();
        assertThat(snapshot).as("a run completed in the end, reusing what the failed runs stored").isNotNull();
        Repository repository = TestRepository.reopen(repo);
        Path restored = tmp.resolve("restored");
        assertThat(TestRepository.restore(repository, snapshot, restored).failures()).isEmpty();
        TestRepository.assertSameTree(source, restored);
    }

    @Test
    void readsThatFailNameTheFilesTheyHitAndTheNextRestoreCompletes() throws Exception {
        Path repo = tmp.resolve("repo");
        Repository repository = TestRepository.create(repo);
        Path source = tmp.resolve("photos");
        for (int i = 0; i < 40; i++) {
            write(source.resolve("IMG_" + i + ".jpg"), randomBytes(100_000, i));
        }
        String id = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source))
                .snapshotId();

        FailingStore flaky = new FailingStore(new LocalObjectStore(repo), false, 3, 10);
        Repository shaky = open(repo, flaky);
        Path restored = tmp.resolve("restored");
        RestoreResult partial = TestRepository.restore(shaky, id, restored);
        assertThat(partial.failures()).isNotEmpty()
                .allSatisfy(f -> assertThat(f).matches("IMG_\\d+\\.jpg: .*Input/output error.*"));
        CheckResult check = new Checker(open(repo, new FailingStore(new LocalObjectStore(repo), false, 5, 10)), 2,
                new Progress()).check(true, 1.0);
        assertThat(check.errors()).as("check names what it could not read").isNotEmpty()
                .allSatisfy(e -> assertThat(e).contains("Input/output error"));

        RestoreResult again = TestRepository.restore(TestRepository.reopen(repo), id, restored);
        assertThat(again.failures()).isEmpty();
        TestRepository.assertSameTree(source, restored);
        assertThat(new Checker(TestRepository.reopen(repo), 2, new Progress()).check(true, 1.0).errors()).isEmpty();
    }
}
