package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** mirror.yaml: after each backup, mirror.target/<source> is a plain copy of the new snapshot. */
class MirrorRouteTest extends BackupRouteTestSupport {

    Path mirror;

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        emulator.seed(6, 2, emulator.credentials().clientId(), 3);
        mirror = dir.resolve("mirror");
        properties.put("mirror.target", mirror.toString());
    }

    @Test
    void aBackupLeavesAPlainFolderCopyThatFollowsTheSnapshots() throws Exception {
        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        Repository repository = repository();
        Snapshot snapshot = repository.loadSnapshot(repository.resolveSnapshot("latest").id());
        Path folder = mirror.resolve("google-photos");
        assertThat(snapshot.entries()).isNotEmpty();
        for (Entry e : snapshot.entries()) {
            try (var in = new EntryInputStream(repository, e)) {
                assertThat(folder.resolve(e.path())).hasBinaryContent(in.readAllBytes());
            }
        }
        Path stray = Files.writeString(folder.resolve("stray.txt"), "not in any snapshot");

        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        assertThat(stray).as("the mirror holds the snapshot and nothing else").doesNotExist();
        assertThat(folder.resolve(snapshot.entries().get(0).path())).exists();
    }
}
