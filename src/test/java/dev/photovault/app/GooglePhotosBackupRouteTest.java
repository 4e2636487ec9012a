package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.PhotosEndpoints;
import dev.photovault.googlephotos.api.RetryPolicy;
import dev.photovault.testing.SyntheticVideo;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** google-photos-backup.yaml end to end into a file store: restore, unchanged library, faults, partial runs. */
class GooglePhotosBackupRouteTest extends BackupRouteTestSupport {

    static final int ITEMS = 24;

    List<String> ids;

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        ids = emulator.seed(ITEMS, 3, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 7);
    }

    private GooglePhotosClient client() {
        return new GooglePhotosClient(new PhotosEndpoints(emulator.apiUrl(), emulator.pickerUrl(), emulator.tokenUrl()),
                emulator.credentials().clientId(), emulator.credentials().clientSecret(),
                emulator.credentials().refreshToken(), RetryPolicy.GOOGLE);
    }

    /** What Google serves for each item (=d strips GPS from JPEGs, so this is what a backup can hold). */
    private Map<String, String> servedHashes() throws Exception {
        GooglePhotosClient client = client();
        Map<String, String> hashes = new HashMap<>();
        for (String id : ids) {
            try (InputStream in = client.download(id)) {
                hashes.put(id, SyntheticVideo.sha256(in));
            }
        }
        return hashes;
    }

    private Snapshot latest() throws Exception {
        Repository repository = repository();
        return repository.loadSnapshot(repository.resolveSnapshot("latest").id());
    }

    @Test
    void backsUpEveryItemAndRestoresThemBitIdentical() throws Exception {
        RunOutcome outcome = fire("google-photos-backup");
        assertThat(outcome.status()).as(String.valueOf(outcome)).isEqualTo("complete");

        Snapshot snapshot = latest();
        assertThat(snapshot.header().source()).isEqualTo("google-photos");
        assertThat(snapshot.header().partial()).isFalse();
        assertThat(snapshot.entries()).hasSize(ITEMS);
        assertThat(snapshot.entries()).allSatisfy(e -> {
            assertThat(e.albums()).hasSize(1);
            assertThat(e.path()).startsWith(e.albums().get(0) + "/");
        });

        // Read every entry back through vault:read and compare with the bytes the emulator serves.
        Map<String, String> served = servedHashes();
        for (Entry e : snapshot.entries()) {
            Exchange read = template.request("vault:read", x -> x.getIn().setBody(e));
            try (InputStream in = read.getMessage().getBody(InputStream.class)) {
                assertThat(SyntheticVideo.sha256(in)).as(e.path()).isEqualTo(served.get(e.media().sourceId()));
            }
        }
        // vault:list gives the same entries, lazily.
        Exchange listed = template.request("vault:list", x -> { });
        @SuppressWarnings("unchecked")
        java.util.Iterator<Entry> it = listed.getMessage().getBody(java.util.Iterator.class);
        int count = 0;
        while (it.hasNext()) {
            it.next();
            count++;
        }
        assertThat(count).isEqualTo(ITEMS);

        // The run report is in the cache, as JSON.
        JsonNode report = VaultJson.MAPPER.readTree(outcome.report());
        assertThat(report.path("itemsSeen").asLong()).isEqualTo(ITEMS);
        assertThat(report.path("itemsNew").asLong()).isEqualTo(ITEMS);
        assertThat(report.path("requests").path("media requests").asLong()).isEqualTo(ITEMS);
        Path last = dir.resolve("cache").resolve(repository().config().id()).resolve("last-google-photos.json");
        assertThat(VaultJson.MAPPER.readTree(Files.readAllBytes(last)).path("snapshot").asText())
                .isEqualTo(report.path("snapshot").asText());
    }

    @Test
    void aSecondRunOverAnUnchangedLibraryDownloadsNothingAndWritesNoChunks() throws Exception {
        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        long media = mediaRequests();
        long chunks = repository().store().list("chunks/").size();

        RunOutcome second = fire("google-photos-backup");
        assertThat(second.status()).isEqualTo("complete");
        assertThat(mediaRequests()).isEqualTo(media);
        assertThat(repository().store().list("chunks/")).hasSize((int) chunks);
        JsonNode report = VaultJson.MAPPER.readTree(second.report());
        assertThat(report.path("itemsReused").asLong()).isEqualTo(ITEMS);
        assertThat(report.path("bytesWritten").asLong()).isZero();
        assertThat(latest().entries()).hasSize(ITEMS);
        assertThat(repository().listSnapshots()).hasSize(2);
    }

    @Test
    void underInjected503sAndDroppedDownloadsEveryItemIsStoredOrNamedMissing() throws Exception {
        emulator.faults(FaultSpec.parse("503=0.1,drop=0.1"));
        RunOutcome outcome = fire("google-photos-backup");
        assertThat(outcome.status()).as(String.valueOf(outcome)).isIn("complete", "partial");
        Snapshot snapshot = latest();
        Set<String> stored = new HashSet<>();
        snapshot.entries().forEach(e -> stored.add(e.media().sourceId()));
        Map<String, String> pathById = new HashMap<>();
        snapshot.entries().forEach(e -> pathById.put(e.media().sourceId(), e.path()));
        assertThat(stored.size() + snapshot.header().missing().size()).isEqualTo(ITEMS);
        assertThat(snapshot.header().partial()).isEqualTo(!snapshot.header().missing().isEmpty());
        assertThat(emulator.stats().path("injectedFaults").asLong()).isPositive();

        Map<String, String> served;
        emulator.faults(FaultSpec.NONE);
        served = servedHashes();
        for (Entry e : snapshot.entries()) {
            Exchange read = template.request("vault:read", x -> x.getIn().setBody(e));
            try (InputStream in = read.getMessage().getBody(InputStream.class)) {
                assertThat(SyntheticVideo.sha256(in)).as(e.path()).isEqualTo(served.get(e.media().sourceId()));
            }
        }
        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        assertThat(latest().entries()).hasSize(ITEMS);
    }

    @Test
    void itemsThatCannotBeDownloadedMakeAPartialSnapshotThatTheNextRunCompletes() throws Exception {
        // The daily media quota runs out after 10 downloads: the other items fail whatever the retries.
        emulator.faults(FaultSpec.parse("daily-media=10"));
        RunOutcome partial = fire("google-photos-backup");
        assertThat(partial.status()).as(String.valueOf(partial)).isEqualTo("partial");
        Snapshot snapshot = latest();
        assertThat(snapshot.header().partial()).isTrue();
        assertThat(snapshot.entries()).hasSize(10);
        assertThat(snapshot.header().missing()).hasSize(ITEMS - 10);
        Set<String> paths = new HashSet<>(snapshot.header().missing());
        snapshot.entries().forEach(e -> assertThat(paths.add(e.path())).as("stored and missing: " + e.path()).isTrue());
        assertThat(paths).hasSize(ITEMS);
        JsonNode report = VaultJson.MAPPER.readTree(partial.report());
        assertThat(report.path("status").asText()).isEqualTo("partial");
        assertThat(report.path("itemsFailed").asLong()).isEqualTo(ITEMS - 10);
        // Once the quota is found spent, the other items fail without spending more requests (at most one refused
        // request per download already under way: backup.concurrency is 4).
        assertThat(report.path("requests").path("media requests").asLong()).isBetween(11L, 14L);

        emulator.faults(FaultSpec.NONE);
        long media = mediaRequests();
        RunOutcome complete = fire("google-photos-backup");
        assertThat(complete.status()).isEqualTo("complete");
        assertThat(latest().entries()).hasSize(ITEMS);
        assertThat(latest().header().missing()).isEmpty();
        // Only the missing items were downloaded.
        assertThat(mediaRequests() - media).isEqualTo(ITEMS - 10);
    }

    @Test
    void snapshotsAreWriteOnceAndChainedToTheirParent() throws Exception {
        fire("google-photos-backup");
        fire("google-photos-backup");
        List<SnapshotRef> all = repository().listSnapshots();
        assertThat(all).hasSize(2);
        assertThat(all.get(1).header().parent()).isEqualTo(all.get(0).id());
        assertThat(Duration.between(all.get(0).header().time(), all.get(1).header().time())).isPositive();
    }

    @Test
    void healthChecksSayStoreAndTokenAreReadyAndRoutesHaveMetrics() throws Exception {
        fire("google-photos-backup");
        // The checks as Camel's registry holds them (the /observe/health endpoint calls them the same way).
        var byId = new HashMap<String, org.apache.camel.health.HealthCheck.State>();
        org.apache.camel.health.HealthCheckRegistry.get(context).stream()
                .filter(c -> c.isReadiness() && c.isEnabled())
                .forEach(c -> byId.put(c.getId(), c.call().getState()));
        assertThat(byId.keySet()).anyMatch(id -> id.startsWith("vault-store-"))
                .anyMatch(id -> id.startsWith("google-photos-"));
        byId.forEach((id, state) -> {
            if (id.startsWith("vault-store-") || id.startsWith("google-photos-")) {
                assertThat(state).as(id).isEqualTo(org.apache.camel.health.HealthCheck.State.UP);
            }
        });
        var registries = context.getRegistry().findByType(io.micrometer.core.instrument.MeterRegistry.class);
        assertThat(registries).isNotEmpty();
        assertThat(registries.iterator().next().getMeters()).anyMatch(m -> "google-photos-backup".equals(m.getId().getTag("routeId")));
    }

    @Test
    void theReadmeRestoreRouteWritesTheSnapshotAsFiles() throws Exception {
        fire("google-photos-backup");
        Path target = dir.resolve("restored");
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:restore").to("vault:list?snapshot=latest").split(body()).to("vault:read")
                        .to("file:" + target);
            }
        });
        template.sendBody("direct:restore", null);
        Map<String, String> served = servedHashes();
        for (Entry e : latest().entries()) {
            try (InputStream in = Files.newInputStream(target.resolve(e.path()))) {
                assertThat(SyntheticVideo.sha256(in)).as(e.path()).isEqualTo(served.get(e.media().sourceId()));
            }
        }
    }

    @Test
    void anItemInTwoAlbumsIsOneEntryWithBothAlbumsAndOneDownload() throws Exception {
        GooglePhotosClient client = client();
        byte[] shared = dev.photovault.testing.TestData.sekienAkashita();
        // Another photo of the same name: the same JPEG with other trailing bytes (what follows EOI is ignored).
        byte[] other = java.util.Arrays.copyOf(shared, shared.length + 16);
        other[shared.length + 3] = 42;
        String alpha = client.createAlbum("Alpha").id();
        String beta = client.createAlbum("Beta").id();
        String gamma = client.createAlbum("Gamma, with a comma").id();
        List<GooglePhotosClient.Created> made = client.createMediaItems(alpha, List.of(new GooglePhotosClient.NewItem(
                client.upload(new java.io.ByteArrayInputStream(shared), shared.length, "image/jpeg", "same.jpg"),
                "same.jpg", "in two albums")));
        assertThat(made.get(0).item()).as(made.get(0).code() + " " + made.get(0).message()).isNotNull();
        String sharedId = made.get(0).item().id();
        client.addToAlbum(beta, List.of(sharedId));
        List<GooglePhotosClient.Created> madeOther = client.createMediaItems(gamma, List.of(new GooglePhotosClient.NewItem(
                client.upload(new java.io.ByteArrayInputStream(other), other.length, "image/jpeg", "same.jpg"),
                "same.jpg", "")));
        assertThat(madeOther.get(0).item()).as(madeOther.get(0).code() + " " + madeOther.get(0).message()).isNotNull();
        String otherId = madeOther.get(0).item().id();

        long media = mediaRequests();
        RunOutcome outcome = fire("google-photos-backup");
        assertThat(outcome.status()).as(String.valueOf(outcome)).isEqualTo("complete");
        assertThat(mediaRequests() - media).as("one download per distinct item").isEqualTo(ITEMS + 2);

        Snapshot snapshot = latest();
        assertThat(snapshot.entries()).hasSize(ITEMS + 2);
        Entry sharedEntry = snapshot.entries().stream().filter(e -> sharedId.equals(e.media().sourceId()))
                .findFirst().orElseThrow();
        assertThat(sharedEntry.albums()).containsExactly("Alpha", "Beta");
        assertThat(sharedEntry.path()).isEqualTo("Alpha/same.jpg");
        assertThat(sharedEntry.media().description()).isEqualTo("in two albums");
        assertThat(sharedEntry.media().takenSource()).isEqualTo("api");
        Entry otherEntry = snapshot.entries().stream().filter(e -> otherId.equals(e.media().sourceId()))
                .findFirst().orElseThrow();
        assertThat(otherEntry.albums()).containsExactly("Gamma, with a comma");
        assertThat(otherEntry.path()).isEqualTo("Gamma, with a comma/same.jpg");

        // The next run keeps every path and downloads nothing.
        long before = mediaRequests();
        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        assertThat(mediaRequests()).isEqualTo(before);
        Map<String, String> paths = new HashMap<>();
        snapshot.entries().forEach(e -> paths.put(e.media().sourceId(), e.path()));
        assertThat(latest().entries()).allSatisfy(e -> assertThat(e.path()).isEqualTo(paths.get(e.media().sourceId())));
    }
}
