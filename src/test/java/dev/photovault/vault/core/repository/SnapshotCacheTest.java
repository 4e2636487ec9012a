package dev.photovault.vault.core.repository;

import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.CountingStore;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.store.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots never change: reading one entry after another decodes the manifest once. */
class SnapshotCacheTest {

    @TempDir
    Path tmp;

    @Test
    void readingEveryEntryByPathReadsTheManifestOnce() throws Exception {
        Path source = tmp.resolve("photos");
        for (int i = 0; i < 300; i++) {
            write(source.resolve("Album/" + i + ".jpg"), new byte[] {(byte) i, 1, 2});
        }
        TestRepository.create(tmp.resolve("repo"));
        CountingStore counting = new CountingStore(new LocalObjectStore(tmp.resolve("repo")));
        Repository repository = Repository.open(counting, TestRepository.PASSPHRASE.toCharArray());
        String id = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source))
                .snapshotId();
        Repository fresh = Repository.open(counting, TestRepository.PASSPHRASE.toCharArray());
        for (int i = 0; i < 300; i++) {
            assertThat(fresh.entry(id, "Album/" + i + ".jpg")).isPresent();
        }
        assertThat(fresh.entry(id, "Album/none.jpg")).isEmpty();
        assertThat(counting.reads("snapshots/" + id)).isEqualTo(1);
    }

    @Test
    void anOldSnapshotWithARepeatedPathRestoresTheFirstAndNamesTheOther() throws Exception {
        Path source = tmp.resolve("photos");
        write(source.resolve("a.jpg"), new byte[] {1, 2, 3});
        write(source.resolve("b.jpg"), new byte[] {4, 5, 6});
        Repository repository = TestRepository.create(tmp.resolve("repo"));
        Snapshot snapshot = repository.loadSnapshot(new Archiver(repository, BackupOptions.defaults(), new Progress())
                .backup(List.of(source)).snapshotId());
        List<Entry> entries = new ArrayList<>(snapshot.entries());
        entries.add(entries.get(1).withPath("a.jpg"));
        RestoreResult result = new Restorer(repository, 2, new Progress())
                .restore(new Snapshot(snapshot.header(), entries), tmp.resolve("restored"), p -> true);
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f).startsWith("a.jpg: another entry"));
        assertThat(Files.readAllBytes(tmp.resolve("restored/a.jpg"))).containsExactly(1, 2, 3);
    }
}
