package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.store.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** replicate.yaml: a backup run from the emulator is followed by a copy into the replica, with its own passphrase. */
class ReplicateRouteTest extends BackupRouteTestSupport {

    static final String REPLICA_PASSPHRASE = "the replica's own passphrase";
    Path replica;

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) throws Exception {
        emulator.seed(8, 2, emulator.credentials().clientId(), 5);
        replica = dir.resolve("replica");
        Path pass = Files.writeString(dir.resolve("replica-passphrase"), REPLICA_PASSPHRASE + "\n");
        properties.put("replica.store", "file:" + replica);
        properties.put("replica.password-file", pass.toString());
    }

    private List<SnapshotRef> replicaSnapshots() throws Exception {
        if (!Files.exists(replica.resolve("config"))) {
            return List.of();
        }
        return Repository.open(new LocalObjectStore(replica), REPLICA_PASSPHRASE.toCharArray()).listSnapshots();
    }

    private List<SnapshotRef> await(int count) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<SnapshotRef> found = replicaSnapshots();
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = replicaSnapshots();
        }
        return found;
    }

    @Test
    void eachBackupIsCopiedIntoTheReplicaWhichRestoresAlone() throws Exception {
        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        Repository source = repository();
        SnapshotRef original = source.resolveSnapshot("latest");
        List<SnapshotRef> copies = await(1);
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).header().copiedFrom().snapshot()).isEqualTo(original.id());

        Repository copy = Repository.open(new LocalObjectStore(replica), REPLICA_PASSPHRASE.toCharArray());
        Snapshot s = copy.loadSnapshot(copies.get(0).id());
        Snapshot o = source.loadSnapshot(original.id());
        assertThat(s.entries()).hasSameSizeAs(o.entries()).isNotEmpty();
        for (int i = 0; i < s.entries().size(); i++) {
            Entry a = s.entries().get(i);
            Entry b = o.entries().get(i);
            try (var in = new EntryInputStream(copy, a); var orig = new EntryInputStream(source, b)) {
                assertThat(in.readAllBytes()).isEqualTo(orig.readAllBytes());
            }
        }

        // The scheduled run finds nothing new; a second backup (no new snapshot content) is copied once more.
        RunOutcome scheduled = fire("replicate");
        assertThat(scheduled.status()).as(String.valueOf(scheduled)).isEqualTo("complete");
        assertThat(scheduled.report()).contains("\"alreadyThere\":1");
        assertThat(replicaSnapshots()).hasSize(1);
        emulator.seed(2, 0, emulator.credentials().clientId(), 6);
        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        assertThat(await(2)).hasSize(2);
    }
}
