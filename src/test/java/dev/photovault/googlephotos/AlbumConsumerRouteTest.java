package dev.photovault.googlephotos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.PhotosEndpoints;
import dev.photovault.googlephotos.api.RetryPolicy;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;

/** album-to-folder.yaml: the consumer reads one album, under injected faults, into a folder. */
class AlbumConsumerRouteTest extends GooglePhotosRouteTestSupport {

    Path out;
    Album album;

    @Override
    String routes() {
        return "classpath:googlephotos/album-to-folder.yaml";
    }

    static GooglePhotosClient clientOf(GooglePhotosEmulator emulator) {
        return new GooglePhotosClient(new PhotosEndpoints(emulator.apiUrl(), emulator.pickerUrl(), emulator.tokenUrl()),
                emulator.credentials().clientId(), emulator.credentials().clientSecret(),
                emulator.credentials().refreshToken(), new RetryPolicy(10, Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(50)));
    }

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        emulator.seed(60, 2, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 11);
        album = clientOf(emulator).listAlbums().next();
        try {
            out = Files.createTempDirectory("album-to-folder");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        properties.put("test.album", album.title());
        properties.put("test.out", out.toString());
        emulator.faults(FaultSpec.parse("503=0.1,500=0.05,429=0.05,drop=0.1"));
    }

    @Test
    void everyItemOfTheAlbumArrivesOnceAndIntactDespiteFaults() throws Exception {
        MockEndpoint stored = getMockEndpoint("mock:stored");
        stored.expectedMessageCount((int) album.mediaItemsCount());
        stored.setAssertPeriod(1500);
        stored.setResultWaitTime(TimeUnit.MINUTES.toMillis(2));
        stored.assertIsSatisfied();
        assertThat(emulator.stats().get("injectedFaults").asLong()).as("faults were injected").isPositive();

        Set<String> ids = new HashSet<>();
        for (Exchange e : stored.getReceivedExchanges()) {
            ids.add(e.getMessage().getHeader(GooglePhotosConstants.MEDIA_ITEM_ID, String.class));
            assertThat(e.getMessage().getHeader(GooglePhotosConstants.ALBUM_TITLE)).isEqualTo(album.title());
            assertThat(e.getMessage().getHeader(GooglePhotosConstants.FILE_NAME, String.class)).isNotBlank();
            assertThat(e.getMessage().getHeader(GooglePhotosConstants.CREATION_TIME)).isNotNull();
            assertThat(e.getProperty(Exchange.BATCH_SIZE, Integer.class)).isEqualTo((int) album.mediaItemsCount());
        }
        assertThat(ids).as("no item twice").hasSize((int) album.mediaItemsCount());

        emulator.faults(FaultSpec.NONE);
        GooglePhotosClient check = clientOf(emulator);
        List<String> inAlbum = new java.util.ArrayList<>();
        check.listAlbumItems(album.id()).forEachRemaining(i -> inAlbum.add(i.id()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(inAlbum);
        for (String id : inAlbum) {
            try (InputStream expected = check.download(id)) {
                assertThat(Files.readAllBytes(out.resolve(id))).as(id).isEqualTo(expected.readAllBytes());
            }
        }
    }

    @Test
    void theHealthCheckIsUpAndGoesDownWithTheReasonWhenTheTokenIsRevoked() throws Exception {
        getMockEndpoint("mock:stored").expectedMinimumMessageCount(1);
        getMockEndpoint("mock:stored").setResultWaitTime(TimeUnit.MINUTES.toMillis(1));
        getMockEndpoint("mock:stored").assertIsSatisfied();
        assertThat(googlePhotosChecks()).extracting(HealthCheck.Result::getState).containsOnly(HealthCheck.State.UP);

        emulator.revoke(emulator.credentials().refreshToken());
        emulator.advanceClock(Duration.ofMinutes(61));
        // The access token held in memory is still taken for valid until it expires by the local clock: a refused
        // call is what tells the client. The consumer's next poll makes one.
        HealthCheck.Result down = null;
        for (int i = 0; i < 100 && down == null; i++) {
            for (HealthCheck.Result r : googlePhotosChecks()) {
                if (r.getState() == HealthCheck.State.DOWN) {
                    down = r;
                }
            }
            Thread.sleep(100);
        }
        assertThat(down).as("the check went down").isNotNull();
        assertThat(down.getMessage()).get().asString().contains("photovault auth")
                .doesNotContain(emulator.credentials().refreshToken());
    }

    private List<HealthCheck.Result> googlePhotosChecks() {
        // The checks as Camel's registry holds them (health endpoints call them the same way).
        return HealthCheckRegistry.get(context()).stream()
                .filter(c -> c.getId().startsWith("google-photos-") && c.isReadiness() && c.isEnabled())
                .map(HealthCheck::call).toList();
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        if (out != null) {
            try (var files = Files.walk(out)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
