package dev.photovault.googlephotos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.emulator.EmulatorCredentials;
import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.SyntheticVideo;
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
    void a200MegabyteVideoUploadsResumablyThroughADroppedConnection() throws Exception {
        long size = 200L * 1000 * 1000;
        String expected = SyntheticVideo.sha256(new SyntheticVideo(size, 7));
        emulator.faults(FaultSpec.parse("drop-next=1"));
        String token = client.upload(new SyntheticVideo(size, 7), size, "video/mp4", "big.mp4");
        assertThat(emulator.stats().get("injectedFaults").asLong()).as("the connection was dropped").isEqualTo(1);
        MediaItem item = client.createMediaItems(null, List.of(new GooglePhotosClient.NewItem(token, "big.mp4", "")))
                .get(0).item();
        assertThat(item.video()).isTrue();
        try (InputStream in = client.download(item)) {
            assertThat(SyntheticVideo.sha256(in)).isEqualTo(expected);
        }
    }

    @Test
    void aDroppedDownloadResumesFromWhereItBrokeOff() throws Exception {
        long size = 30L << 20;
        String token = client.upload(new SyntheticVideo(size, 3), size, "video/mp4", "v.mp4");
        MediaItem item = client.createMediaItems(null, List.of(new GooglePhotosClient.NewItem(token, "v.mp4", "")))
                .get(0).item();
        emulator.faults(FaultSpec.parse("drop-next=2"));
        try (InputStream in = client.download(item)) {
            assertThat(SyntheticVideo.sha256(in)).isEqualTo(SyntheticVideo.sha256(new SyntheticVideo(size, 3)));
        }
        assertThat(client.mediaRequests()).as("one request and two resumptions").isEqualTo(3);
        assertThat(emulator.stats().get("bytesServed").asLong()).as("resumed with a range, not from the start")
                .isLessThan(size + size / 2);
    }

    @Test
    void anExpiredBaseUrlIsFetchedAgainOnce() throws Exception {
        emulator.close();
        emulator = GooglePhotosEmulator.builder().baseUrlLifetime(Duration.ofMinutes(1)).start();
        client = clientFor(emulator.credentials());
        byte[] photo = TestData.sekienAkashita();
        String token = client.upload(new ByteArrayInputStream(photo), photo.length, "image/png", "a.png");
        MediaItem item = client.createMediaItems(null, List.of(new GooglePhotosClient.NewItem(token, "a.png", "")))
                .get(0).item();
        emulator.advanceClock(Duration.ofMinutes(2));
        long before = client.apiRequests();
        try (InputStream in = client.download(item)) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
        assertThat(client.apiRequests() - before).as("one get for a fresh base URL").isEqualTo(1);
        assertThat(client.mediaRequests()).as("the expired URL, then the fresh one").isEqualTo(2);
    }

    @Test
    void albumsTakeAndReleaseItemsInBatchesOfFifty() {
        List<String> ids = emulator.seed(120, 0, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 5, true);
        Album album = client.createAlbum("Batch");
        client.addToAlbum(album.id(), ids);
        assertThat(client.getAlbum(album.id()).mediaItemsCount()).isEqualTo(120);
        client.removeFromAlbum(album.id(), ids.subList(0, 70));
        List<String> left = new ArrayList<>();
        client.listAlbumItems(album.id()).forEachRemaining(i -> left.add(i.id()));
        assertThat(left).containsExactlyInAnyOrderElementsOf(ids.subList(70, 120));
        assertThat(client.findAlbum("Batch").id()).isEqualTo(album.id());
        assertThat(client.renameAlbum(album.id(), "Renamed").title()).isEqualTo("Renamed");
    }

    @Test
    void anAlbumIsFullAtTwentyThousandItems() {
        List<String> ids = emulator.seed(20_001, 0, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 6, true);
        Album album = client.createAlbum("Full");
        client.addToAlbum(album.id(), ids.subList(0, 20_000));
        assertThatThrownBy(() -> client.addToAlbum(album.id(), ids.subList(20_000, 20_001)))
                .isInstanceOf(PhotosApiException.class).hasMessageContaining("20000");
        assertThat(client.getAlbum(album.id()).mediaItemsCount()).isEqualTo(20_000);
    }

    @Test
    void itemsOfOtherAppsCannotBeAddedToAnAlbum() {
        List<String> foreign = emulator.seed(1, 0, null, 8, true);
        Album album = client.createAlbum("Mine");
        assertThatThrownBy(() -> client.addToAlbum(album.id(), foreign)).isInstanceOf(PhotosApiException.class)
                .hasMessageContaining("INVALID_ARGUMENT");
        assertThatThrownBy(() -> client.getMediaItem(foreign.get(0))).isInstanceOf(PhotosApiException.class)
                .extracting(e -> ((PhotosApiException) e).httpStatus()).isEqualTo(404);
    }

    @Test
    void pickedItemsAreListedAndDownloadedOnceTheUserFinished() throws Exception {
        List<String> library = emulator.seed(3, 0, null, 9, true);
        PickerSession session = client.createPickerSession(100);
        assertThat(session.pickerUri()).isNotBlank();
        assertThat(session.mediaItemsSet()).isFalse();
        assertThatThrownBy(() -> client.listPickedItems(session.id()).hasNext())
                .isInstanceOf(PhotosApiException.class).hasMessageContaining("FAILED_PRECONDITION");
        emulator.pick(session.id(), library.subList(0, 2));
        assertThat(client.getPickerSession(session.id()).mediaItemsSet()).isTrue();
        List<MediaItem> picked = new ArrayList<>();
        client.listPickedItems(session.id()).forEachRemaining(picked::add);
        assertThat(picked).extracting(MediaItem::id).containsExactlyInAnyOrderElementsOf(library.subList(0, 2));
        MediaItem first = picked.get(0);
        assertThat(first.picked()).isTrue();
        try (InputStream in = client.download(first)) {
            assertThat(in.readAllBytes()).isNotEmpty();
        }
        client.deletePickerSession(session.id());
        assertThatThrownBy(() -> client.getPickerSession(session.id())).isInstanceOf(PhotosApiException.class);
    }

    @Test
    void concurrentCallersShareOneTokenRefresh() throws Exception {
        client.createAlbum("warm");
        emulator.advanceClock(Duration.ofMinutes(61));
        long tokenCallsBefore = emulator.stats().path("byEndpoint").path("oauth.token").asLong();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Album>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                calls.add(pool.submit(() -> client.createAlbum("a" + n)));
            }
            for (var f : calls) {
                assertThat(f.get().title()).startsWith("a");
            }
        } finally {
            pool.shutdown();
        }
        assertThat(emulator.stats().path("byEndpoint").path("oauth.token").asLong() - tokenCallsBefore).isEqualTo(1);
    }

    @Test
    void tokensStayOutOfToString() {
        assertThat(client.toString()).doesNotContain(emulator.credentials().refreshToken())
                .doesNotContain(emulator.credentials().clientSecret());
    }
}
