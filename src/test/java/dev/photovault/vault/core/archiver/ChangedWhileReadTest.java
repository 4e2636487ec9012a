package dev.photovault.vault.core.archiver;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.LogCapture;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.repository.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangedWhileReadTest {

    @TempDir
    Path tmp;

    @Test
    void aFileThatChangesWhileBeingReadIsNamedAsSuchAndLeftForTheNextBackup() throws Exception {
        Path source = tmp.resolve("photos");
        Path busy = write(source.resolve("busy.mov"), randomBytes(64 * 1024 * 1024, 1));
        write(source.resolve("still.jpg"), randomBytes(10_000, 2));
        Repository repository = TestRepository.create(tmp.resolve("repo"));

        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            long t = 1_000_000;
            while (!stop.get()) {
                try {
                    Files.setLastModifiedTime(busy, FileTime.from(Instant.ofEpochSecond(t++)));
                    Thread.sleep(1);
                } catch (Exception e) {
                    return;
                }
            }
        });
        BackupResult result;
        try (LogCapture log = new LogCapture()) {
            writer.start();
            result = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source));
            stop.set(true);
            writer.join();
            assertThat(log.text()).contains("busy.mov changed while it was being read");
        }
        assertThat(result.header().partial()).isTrue();
        assertThat(result.header().missing()).containsExactly("busy.mov");

        BackupResult next = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source));
        assertThat(next.header().partial()).isFalse();
        assertThat(repository.loadSnapshot(next.snapshotId()).entries()).extracting(e -> e.path())
                .containsExactly("busy.mov", "still.jpg");
    }
}
