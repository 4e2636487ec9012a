package dev.photovault.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuotaFaultAndControlTest extends EmulatorTestBase {

    @Test
    void theDailyRequestQuotaEndsWithGooglesMessageAndResetsTheNextDay() throws Exception {
        emulator.faults(FaultSpec.parse("daily-requests=3"));
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/v1/albums").status()).isEqualTo(200);
        }
        ApiClient.Response over = api.get("/v1/albums");
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.json().at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(over.json().at("/error/message").asText()).startsWith("Quota exceeded for quota metric 'All requests'"
                + " and limit 'All requests per day' of service 'photoslibrary.googleapis.com'");
        // Google's details: which quota, in ErrorInfo metadata, and a Help link.
        assertThat(over.json().at("/error/details/0/@type").asText()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
        assertThat(over.json().at("/error/details/0/reason").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(over.json().at("/error/details/0/metadata/quota_limit").asText()).isEqualTo("AllRequestsPerDayPerProject");
        assertThat(over.json().at("/error/details/0/metadata/quota_limit_value").asText()).isEqualTo("3");
        assertThat(over.json().at("/error/details/1/@type").asText()).isEqualTo("type.googleapis.com/google.rpc.Help");
        emulator.advanceClock(Duration.ofHours(24));
        api.login(emulator.credentials());
        assertThat(api.get("/v1/albums").status()).isEqualTo(200);
    }

    @Test
    void theMediaQuotaCountsBaseUrlRequests() throws Exception {
        JsonNode item = api.create(png(4, 4, 1), "image/png", "q.png", null).get("mediaItem");
        emulator.faults(FaultSpec.parse("daily-media=1"));
        assertThat(api.download(item.get("baseUrl").asText() + "=d").status()).isEqualTo(200);
        assertThat(api.download(item.get("baseUrl").asText() + "=d").status()).isEqualTo(429);
    }

    @Test
    void theWriteRateLimitApplies() throws Exception {
        emulator.faults(FaultSpec.parse("writes-per-minute=2"));
        assertThat(api.post("/v1/albums", Map.of("album", Map.of("title", "1"))).status()).isEqualTo(200);
        assertThat(api.post("/v1/albums", Map.of("album", Map.of("title", "2"))).status()).isEqualTo(200);
        ApiClient.Response third = api.post("/v1/albums", Map.of("album", Map.of("title", "3")));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().at("/error/message").asText()).contains("Write requests per minute per user");
    }

    @Test
    void injectedServerErrorsUseTheErrorEnvelope() throws Exception {
        emulator.faults(FaultSpec.parse("503=1"));
        ApiClient.Response r = api.get("/v1/albums");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().at("/error/status").asText()).isEqualTo("UNAVAILABLE");
        emulator.faults(FaultSpec.parse("500=1"));
        assertThat(api.get("/v1/albums").status()).isEqualTo(500);
        emulator.faults(FaultSpec.parse("429=1"));
        assertThat(api.get("/v1/albums").status()).isEqualTo(429);
        emulator.faults(FaultSpec.NONE);
        assertThat(api.get("/v1/albums").status()).isEqualTo(200);
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aDroppedDownloadEndsBeforeItsContentLength() throws Exception {
        byte[] video = new byte[4 * 1024 * 1024];
        new Random(3).nextBytes(video);
        System.arraycopy("\0\0\0\u0018ftypisom".getBytes(), 0, video, 0, 12);
        JsonNode item = api.create(video, "video/mp4", "d.mp4", null).get("mediaItem");
        emulator.faults(FaultSpec.parse("drop=1"));
        assertThatThrownBy(() -> {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(item.get("baseUrl").asText() + "=dv")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void latencyIsAddedToEveryApiRequest() throws Exception {
        emulator.faults(FaultSpec.parse("latency=300ms"));
        long start = System.nanoTime();
        assertThat(api.get("/v1/albums").status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void faultSpecsAreValidated() {
        assertThatThrownBy(() -> FaultSpec.parse("503=2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSpec.parse("boom=1")).hasMessageContaining("unknown fault 'boom'");
        FaultSpec spec = FaultSpec.parse("daily-requests=10000,daily-media=75000,latency=20ms,drop=0.1");
        assertThat(spec.latency()).isEqualTo(Duration.ofMillis(20));
        assertThat(spec.dailyMedia()).isEqualTo(75_000);
    }

    @Test
    void statsCountRequestsByKindAndResetClearsEverything() throws Exception {
        JsonNode item = api.create(png(4, 4, 2), "image/png", "s.png", null).get("mediaItem");
        api.download(item.get("baseUrl").asText() + "=d");
        api.get("/v1/mediaItems");
        ApiClient control = new ApiClient(emulator.url());
        JsonNode stats = control.get("/emulator/stats").json();
        assertThat(stats.get("uploads").asLong()).isEqualTo(1);
        assertThat(stats.get("mediaRequests").asLong()).isEqualTo(1);
        assertThat(stats.get("apiRequests").asLong()).isEqualTo(3);
        assertThat(stats.at("/byEndpoint/mediaItems.list").asLong()).isEqualTo(1);
        assertThat(stats.at("/byEndpoint/mediaItems.batchCreate").asLong()).isEqualTo(1);
        assertThat(stats.get("bytesServed").asLong()).isPositive();
        assertThat(stats.get("mediaItems").asLong()).isEqualTo(1);

        assertThat(control.post("/emulator/reset", Map.of()).status()).isEqualTo(200);
        JsonNode after = control.get("/emulator/stats").json();
        assertThat(after.get("mediaItems").asLong()).isZero();
        assertThat(after.get("apiRequests").asLong()).isZero();
        assertThat(api.get("/v1/mediaItems").status()).as("tokens survive a reset").isEqualTo(200);
    }

    @Test
    void seedingThroughTheControlEndpointMakesAppOrUserItems() throws Exception {
        ApiClient control = new ApiClient(emulator.url());
        JsonNode seeded = control.post("/emulator/seed", Map.of("items", 12, "albums", 2, "owner", "app", "seed", 1)).json();
        assertThat(seeded.get("mediaItemIds")).hasSize(12);
        assertThat(api.get("/v1/albums").json().get("albums")).hasSize(2);
        JsonNode items = api.get("/v1/mediaItems?pageSize=100").json().get("mediaItems");
        assertThat(items).hasSize(12);
        JsonNode photo = null;
        for (JsonNode i : items) {
            if (i.get("mimeType").asText().equals("image/jpeg")) {
                photo = i;
            }
        }
        assertThat(photo.at("/mediaMetadata/photo/cameraMake").asText()).isNotEmpty();
        byte[] original = control.get("/emulator/media/" + photo.get("id").asText()).body();
        assertThat(JpegExif.readGps(original)).isPresent();
    }

    @Test
    void stateSurvivesARestartWithAStateFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String itemId;
        EmulatorCredentials credentials;
        try (GooglePhotosEmulator first = GooglePhotosEmulator.builder().stateDir(dir).start()) {
            ApiClient client = new ApiClient(first.url()).login(first.credentials());
            itemId = client.create(png(5, 5, 3), "image/png", "kept.png", null).at("/mediaItem/id").asText();
            credentials = first.credentials();
        }
        try (GooglePhotosEmulator second = GooglePhotosEmulator.builder().stateDir(dir).start()) {
            assertThat(second.credentials()).isEqualTo(credentials);
            ApiClient client = new ApiClient(second.url()).login(credentials);
            JsonNode item = client.get("/v1/mediaItems/" + itemId).json();
            assertThat(item.get("filename").asText()).isEqualTo("kept.png");
            assertThat(client.download(item.get("baseUrl").asText() + "=d").body()).isEqualTo(png(5, 5, 3));
        }
    }
}
