package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.googlephotos.api.PhotosEndpoints;
import dev.photovault.googlephotos.api.RetryPolicy;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** restore-to-google-photos.yaml: vault:list → split → vault:read → google-photos upload, from a route. */
class RestoreToGooglePhotosRouteTest extends BackupRouteTestSupport {

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        emulator.seed(8, 2, emulator.credentials().clientId(), 5);
    }

    private static <T> List<T> all(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aSnapshotGoesBackIntoGooglePhotosWithItsAlbumsFromARoute() throws Exception {
        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        Repository repository = repository();
        Snapshot snapshot = repository.loadSnapshot(repository.resolveSnapshot("latest").id());
        emulator.reset(); // the account lost everything

        template.sendBody("direct:photovault-restore-to-google-photos", null);

        GooglePhotosClient client = new GooglePhotosClient(new PhotosEndpoints(emulator.apiUrl(), emulator.pickerUrl(),
                emulator.tokenUrl()), emulator.credentials().clientId(), emulator.credentials().clientSecret(),
                emulator.credentials().refreshToken(), RetryPolicy.GOOGLE);
        List<MediaItem> items = all(client.listMediaItems());
        assertThat(items).hasSize(snapshot.entries().size());
        for (Entry e : snapshot.entries()) {
            MediaItem item = items.stream().filter(i -> i.filename().equals(e.media().filename())).findFirst()
                    .orElseThrow();
            try (var in = new EntryInputStream(repository, e)) {
                assertThat(emulator.original(item.id())).isEqualTo(in.readAllBytes());
            }
            if (!e.albums().isEmpty()) {
                Album album = client.findAlbum("Restored " + e.albums().get(0));
                assertThat(all(client.listAlbumItems(album.id()))).extracting(MediaItem::id).contains(item.id());
            }
        }

        template.sendBody("direct:photovault-restore-to-google-photos", null);
        assertThat(all(client.listMediaItems())).as("again: no duplicates").hasSize(snapshot.entries().size());
    }
}
