package dev.photovault.vault.core.restorer;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** restore --sync: a plain folder mirror that follows the snapshots, and never deletes what it did not make. */
class RestoreSyncTest {

    @TempDir
    Path tmp;
    Repository repository;
    Path source;
    Path mirror;

    @BeforeEach
    void setUp() throws Exception {
        repository = TestRepository.create(tmp.resolve("repo"));
        source = tmp.resolve("photos");
        mirror = tmp.resolve("mirror");
    }

    private Snapshot backup() throws Exception {
        String id = new Archiver(repository, new BackupOptions(List.of(), false, 2, null), new Progress())
                .backup(List.of(source)).snapshotId();
        return repository.loadSnapshot(id);
    }

    private RestoreResult sync(Snapshot s) throws Exception {
        return new Restorer(repository, 2, new Progress()).withSync(true).restore(s, mirror, Restorer.glob(null));
    }

    @Test
    void writesWhatChangedAndRemovesWhatTheSnapshotNoLongerHolds() throws Exception {
        write(source.resolve("Summer/a.jpg"), randomBytes(10_000, 1));
        write(source.resolve("Summer/b.jpg"), randomBytes(10_000, 2));
        write(source.resolve("Winter/c.jpg"), randomBytes(10_000, 3));
        RestoreResult first = sync(backup());
        assertThat(first.files()).isEqualTo(3);
        assertThat(mirror.resolve(Restorer.MIRROR_MARKER)).isRegularFile();

        Files.delete(source.resolve("Summer/b.jpg"));
        Files.delete(source.resolve("Winter/c.jpg"));
        Files.delete(source.resolve("Winter"));
        write(source.resolve("Autumn/d.jpg"), randomBytes(10_000, 4));
        write(mirror.resolve("Summer/stray.txt"), new byte[] {1}); // not the snapshot's: a mirror holds only it
        Path outside = write(tmp.resolve("precious.jpg"), randomBytes(100, 9));
        Files.createSymbolicLink(mirror.resolve("Summer/link.jpg"), outside);

        RestoreResult second = sync(backup());

        assertThat(second.files()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(mirror.resolve("Summer/a.jpg")).hasBinaryContent(randomBytes(10_000, 1));
        assertThat(mirror.resolve("Autumn/d.jpg")).hasBinaryContent(randomBytes(10_000, 4));
        assertThat(mirror.resolve("Summer/b.jpg")).doesNotExist();
        assertThat(mirror.resolve("Winter")).doesNotExist();
        assertThat(mirror.resolve("Summer/stray.txt")).doesNotExist();
        assertThat(Files.exists(mirror.resolve("Summer/link.jpg"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(outside).as("a link is removed, never followed").hasBinaryContent(randomBytes(100, 9));
        assertThat(second.removed()).isEqualTo(5); // b.jpg, c.jpg, Winter, stray.txt, link.jpg
        assertThat(second.failures()).isEmpty();
    }

    @Test
    void refusesAFolderItDidNotMake() throws Exception {
        write(source.resolve("Summer/a.jpg"), randomBytes(1_000, 1));
        Snapshot s = backup();
        write(mirror.resolve("my-thesis.pdf"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> sync(s)).isInstanceOf(VaultException.class)
                .hasMessageContaining("is not empty and was not made by 'restore --sync'");
        assertThat(mirror.resolve("my-thesis.pdf")).exists();
    }
}
