package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.takeout.TakeoutFixture;
import dev.photovault.testing.EmulatorConfig;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.VaultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** push-albums.yaml under Camel Main with the shipped defaults: album folders pushed by the route, reported. */
class PushAlbumsRouteTest extends BackupRouteTestSupport {

    Path albums;

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        albums = dir.resolve("albums");
        properties.put("push.enabled", "true");
        properties.put("push.source", albums.toString());
        properties.put("push.state-dir", dir.resolve("push-state").toString());
    }

    @Test
    void theRoutePushesAlbumFoldersOnceAndReportsARefusedFileAsPartial() throws Exception {
        TestRepository.write(albums.resolve("Summer/beach.jpg"), TakeoutFixture.jpeg(1, 4_000, null));
        TestRepository.write(albums.resolve("Summer/sea.jpg"), TakeoutFixture.jpeg(2, 4_000, null));
        TestRepository.write(albums.resolve("Pets/cat.jpg"), TakeoutFixture.jpeg(3, 4_000, null));

        RunOutcome first = fire("push-albums");
        assertThat(first.status()).as(String.valueOf(first)).isEqualTo("complete");
        JsonNode report = VaultJson.MAPPER.readTree(first.report());
        assertThat(report.path("uploaded").asInt()).isEqualTo(3);
        assertThat(report.path("albumsCreated").asInt()).isEqualTo(2);

        GooglePhotosClient client = EmulatorConfig.client(emulator);
        List<String> titles = new ArrayList<>();
        client.listAlbums().forEachRemaining(a -> titles.add(a.title()));
        assertThat(titles).containsExactlyInAnyOrder("Summer", "Pets");
        Album summer = client.findAlbum("Summer");
        List<String> names = new ArrayList<>();
        client.listAlbumItems(summer.id()).forEachRemaining(m -> names.add(m.filename()));
        assertThat(names).containsExactlyInAnyOrder("beach.jpg", "sea.jpg");

        long uploads = emulator.stats().path("uploads").asLong();
        TestRepository.write(albums.resolve("stray.jpg"), TakeoutFixture.jpeg(4, 4_000, null));
        RunOutcome second = fire("push-albums");
        assertThat(second.status()).isEqualTo("partial");
        JsonNode again = VaultJson.MAPPER.readTree(second.report());
        assertThat(again.path("uploaded").asInt()).isZero();
        assertThat(again.path("alreadyThere").asInt()).isEqualTo(3);
        assertThat(again.path("refused").get(0).asText()).isEqualTo("stray.jpg: " + AlbumPush.ROOT_FILE);
        assertThat(emulator.stats().path("uploads").asLong()).isEqualTo(uploads);
        assertThat(Files.exists(dir.resolve("push-state"))).isTrue();
        List<MediaItem> all = new ArrayList<>();
        client.listMediaItems().forEachRemaining(all::add);
        assertThat(all).hasSize(3);
    }
}
