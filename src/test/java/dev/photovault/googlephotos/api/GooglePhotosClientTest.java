package dev.photovault.googlephotos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.emulator.EmulatorCredentials;
import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client against the emulator over real HTTP. */
class GooglePhotosClientTest {

    /** Fast retries so that fault tests take milliseconds, not Google's 30 s. */
    static final RetryPolicy FAST = new RetryPolicy(10, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50));

    GooglePhotosEmulator emulator;
    GooglePhotosClient client;

    @BeforeEach
    void start() throws Exception {
        emulator = GooglePhotosEmulator.builder().start();
        client = clientFor(emulator.credentials());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private GooglePhotosClient clientFor(EmulatorCredentials c) {
        return new GooglePhotosClient(new PhotosEndpoints(emulator.apiUrl(), emulator.pickerUrl(), emulator.tokenUrl()),
                c.clientId(), c.clientSecret(), c.refreshToken(), FAST);
    }

    @Test
    void uploadsIntoANewAlbumAndDownloadsTheSameBytes() throws Exception {
        Album album = client.createAlbum("Trip");
        byte[] photo = TestData.sekienAkashita();
        String token = client.upload(new ByteArrayInputStream(photo), photo.length, "image/jpeg", "akashita.jpg");
        List<GooglePhotosClient.Created> created = client.createMediaItems(album.id(),
                List.of(new GooglePhotosClient.NewItem(token, "akashita.jpg", "")));
        assertThat(created.get(0).code()).isZero();
        MediaItem item = created.get(0).item();
        assertThat(item.filename()).isEqualTo("akashita.jpg");
        assertThat(item.width()).isPositive();
        try (InputStream in = client.download(item.id())) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
        List<MediaItem> inAlbum = new ArrayList<>();
        client.listAlbumItems(album.id()).forEachRemaining(inAlbum::add);
        assertThat(inAlbum).extracting(MediaItem::id).containsExactly(item.id());
        List<Album> albums = new ArrayList<>();
        client.listAlbums().forEachRemaining(albums::add);
        assertThat(albums).extracting(Album::mediaItemsCount).containsExactly(1L);
    }

    @Test
    void listingPagesLazilyThroughEveryItem() {
        emulator.seed(250, 0, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 1, true);
        var items = client.listMediaItems();
        assertThat(client.apiRequests()).isZero();
        Set<String> ids = new HashSet<>();
        items.forEachRemaining(i -> ids.add(i.id()));
        assertThat(ids).hasSize(250);
        assertThat(client.apiRequests()).isEqualTo(3);
    }

    @Test
    void serverErrorsAreRetriedWithNothingLostOrDuplicated() {
        emulator.seed(1000, 0, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 2, true);
        emulator.faults(FaultSpec.parse("503=0.15,500=0.1,429=0.05"));
        List<String> ids = new ArrayList<>();
        client.listMediaItems().forEachRemaining(i -> ids.add(i.id()));
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
        long faults = emulator.stats().get("injectedFaults").asLong();
        assertThat(client.apiRequests()).as("every injected fault was retried").isEqualTo(10 + faults);
    }

    @Test
    void retriesAreBounded() {
        emulator.faults(FaultSpec.parse("503=1"));
        assertThatThrownBy(() -> client.createAlbum("never")).isInstanceOf(PhotosApiException.class)
                .hasMessageContaining("503").hasMessageContaining("UNAVAILABLE");
        assertThat(client.apiRequests()).isEqualTo(FAST.maxAttempts());
    }

    @Test
    void dailyQuotaExhaustionStopsWithWhenItResets() {
        emulator.faults(FaultSpec.parse("daily-requests=1"));
        client.createAlbum("one");
        assertThatThrownBy(() -> client.createAlbum("two")).isInstanceOf(QuotaExhaustedException.class)
                .hasMessageContaining("daily quota exhausted").hasMessageContaining("midnight Pacific");
        assertThat(client.apiRequests()).as("not retried").isEqualTo(2);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnce() {
        client.createAlbum("before");
        emulator.advanceClock(Duration.ofMinutes(61));
        assertThat(client.createAlbum("after").title()).isEqualTo("after");
    }

    @Test
    void aRevokedRefreshTokenAsksTheUserToReauthorize() {
        emulator.revoke(emulator.credentials().refreshToken());
        assertThatThrownBy(() -> client.createAlbum("x")).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("photovault auth").hasMessageContaining("7 days")
                .hasMessageNotContaining(emulator.credentials().refreshToken());
    }

    @Test
    void aDownloadFetchesAFreshBaseUrlAndStreamsTheBytes() throws Exception {
        byte[] photo = TestData.sekienAkashita();
        String token = client.upload(new ByteArrayInputStream(photo), photo.length, "image/jpeg", "a.jpg");
        String id = client.createMediaItems(null, List.of(new GooglePhotosClient.NewItem(token, "a.jpg", "")))
                .get(0).item().id();
        try (InputStream in = client.download(id)) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
        assertThat(client.mediaRequests()).isEqualTo(1);
    }

    @Test
    void notMediaComesBackAsAPerItemFailure() {
        byte[] text = "not a photo".getBytes();
        String token = client.upload(new ByteArrayInputStream(text), text.length, "image/jpeg", "x.jpg");
        GooglePhotosClient.Created r = client.createMediaItems(null,
                List.of(new GooglePhotosClient.NewItem(token, "x.jpg", ""))).get(0);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.message()).startsWith("BAD_IMAGE");
        assertThat(r.item()).isNull();
    }

    @Test
    void tokensStayOutOfToString() {
        assertThat(client.toString()).doesNotContain(emulator.credentials().refreshToken())
                .doesNotContain(emulator.credentials().clientSecret());
    }
}
