package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.PhotosEndpoints;
import dev.photovault.googlephotos.api.PickerSession;
import dev.photovault.googlephotos.api.RetryPolicy;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** picker-backup.yaml: sessions recorded by 'photovault picker new' are backed up once the user has picked. */
class PickerBackupRouteTest extends BackupRouteTestSupport {

    List<String> library;

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        library = emulator.seed(12, 2, null, 5); // the user's own library: only Picker sessions reach it
    }

    private PickerSession newSession() throws Exception {
        GooglePhotosClient client = new GooglePhotosClient(
                new PhotosEndpoints(emulator.apiUrl(), emulator.pickerUrl(), emulator.tokenUrl()),
                emulator.credentials().clientId(), emulator.credentials().clientSecret(),
                emulator.credentials().refreshToken(), RetryPolicy.GOOGLE);
        PickerSession session = client.createPickerSession(100);
        new PickerSessions(dir.resolve("picker-sessions")).add(session);
        return session;
    }

    private Snapshot latest() throws Exception {
        Repository repository = repository();
        return repository.loadSnapshot(repository.resolveSnapshot("latest").id());
    }

    @Test
    void backsUpEachFinishedSessionAndKeepsEverythingPickedBefore() throws Exception {
        PickerSession first = newSession();
        assertThat(fire("picker-backup").status()).isEqualTo("complete");
        assertThat(Files.exists(dir.resolve("vault").resolve("config"))).as("nothing to do before picking").isFalse();
        assertThat(mediaRequests()).isZero();

        emulator.pick(first.id(), library.subList(0, 4));
        RunOutcome picked = fire("picker-backup");
        assertThat(picked.status()).as(String.valueOf(picked)).isEqualTo("complete");
        Snapshot snapshot = latest();
        assertThat(snapshot.header().source()).isEqualTo("picker");
        assertThat(snapshot.entries()).extracting(e -> e.media().sourceId())
                .containsExactlyInAnyOrderElementsOf(library.subList(0, 4));
        assertThat(new PickerSessions(dir.resolve("picker-sessions")).pending()).isEmpty();
        assertThat(emulator.stats().path("byEndpoint").path("picker.sessions.delete").asLong()).isEqualTo(1);

        PickerSession second = newSession();
        emulator.pick(second.id(), library.subList(4, 7));
        long media = mediaRequests();
        assertThat(fire("picker-backup").status()).isEqualTo("complete");
        assertThat(mediaRequests() - media).isEqualTo(3);
        assertThat(latest().entries()).extracting(e -> e.media().sourceId())
                .containsExactlyInAnyOrderElementsOf(library.subList(0, 7));
        assertThat(latest().header().parent()).isEqualTo(repository().listSnapshots().get(0).id());
    }
}
