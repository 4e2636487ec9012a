package dev.photovault.vault.core.checker;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.repository.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check remembers the snapshots it saw on this machine, so one deleted behind photovault's back is noticed. */
class DisappearedSnapshotTest {

    @TempDir
    Path tmp;

    @Test
    void aSnapshotDeletedSinceTheLastCheckIsReportedOnceAndOneForgottenHereIsNot() throws IOException {
        Path repoDir = tmp.resolve("repo");
        Path source = tmp.resolve("photos");
        Repository repository = TestRepository.create(repoDir);
        LocalCache cache = LocalCache.of(tmp.resolve("cache"), repository.config().id());
        write(source.resolve("a.jpg"), randomBytes(10_000, 1));
        String first = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source)).snapshotId();
        write(source.resolve("b.jpg"), randomBytes(10_000, 2));
        String newest = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source)).snapshotId();

        assertThat(check(repoDir, cache).ok()).isTrue();
        Files.delete(repoDir.resolve("snapshots/" + newest));
        CheckResult afterDeletion = check(repoDir, cache);
        assertThat(afterDeletion.ok()).isFalse();
        assertThat(afterDeletion.errors()).singleElement().satisfies(e -> assertThat(e)
                .contains(newest.substring(0, 8)).contains("disappeared since the last check on this machine"));
        assertThat(check(repoDir, cache).ok()).as("reported once, then the present set is remembered").isTrue();

        TestRepository.reopen(repoDir).deleteSnapshot(first);
        cache.forgetSnapshots(List.of(first));
        assertThat(check(repoDir, cache).ok()).as("forgotten here on purpose").isTrue();
    }

    private static CheckResult check(Path repoDir, LocalCache cache) throws IOException {
        return new Checker(TestRepository.reopen(repoDir), 2, new Progress()).check(false, 1.0, cache);
    }

    @Test
    void aCacheThatCannotBeWrittenNeverFailsACheck() throws IOException {
        Path repoDir = tmp.resolve("repo");
        Repository repository = TestRepository.create(repoDir);
        write(tmp.resolve("photos/a.jpg"), randomBytes(1000, 1));
        new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(tmp.resolve("photos")));
        Path notAFolder = Files.writeString(tmp.resolve("cache-is-a-file"), "x");
        LocalCache cache = LocalCache.of(notAFolder, repository.config().id());
        assertThat(check(repoDir, cache).ok()).isTrue();
        cache.forgetSnapshots(List.of("x".repeat(64)));
    }
}
