package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.FaultProxy;
import dev.photovault.testing.FaultProxy.Fault;
import dev.photovault.testing.S3ProxyServer;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.snapshot.Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * google-photos-backup.yaml with a fault-injecting TCP proxy between photovault and both services: the emulator
 * (API, token and media requests) and S3Proxy (the repository). Latency, resets, half-closed connections, slow
 * reads and connections that stall forever: no run hangs, nothing is lost or stored twice, every failure is retried
 * or reported, and the runs that follow complete the backup.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NetworkFaultTest extends BackupRouteTestSupport {

    static final int ITEMS = 80;
    static final Map<Fault, Integer> WEIGHTS = Map.of(Fault.NONE, 6, Fault.LATENCY, 1, Fault.RESET, 1,
            Fault.HALF_CLOSE, 1, Fault.SLOW_READ, 1, Fault.STALL, 1);
    /** Toward S3 fewer, longer connections carry everything: more of them are hurt. */
    static final Map<Fault, Integer> S3_WEIGHTS = Map.of(Fault.NONE, 1, Fault.LATENCY, 1, Fault.RESET, 1,
            Fault.HALF_CLOSE, 1, Fault.SLOW_READ, 1, Fault.STALL, 1);

    static S3ProxyServer s3;
    static FaultProxy toS3;
    FaultProxy toGoogle;
    List<String> ids;

    @Override
    String store() {
        try {
            s3 = new S3ProxyServer();
            toS3 = new FaultProxy(Integer.parseInt(s3.endpoint().substring(s3.endpoint().lastIndexOf(':') + 1)), 7,
                    S3_WEIGHTS, 5 << 20); // more than the largest object: a pack (4 MiB, one chunk more, a header)
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return s3.camelUri("faults").replace(s3.endpoint(), toS3.url()) + "&requestTimeout=5s";
    }

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) throws Exception {
        ids = emulator.seed(ITEMS, 3, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 21);
        toGoogle = new FaultProxy(emulator.port(), 11, WEIGHTS, 256 << 10);
        String direct = "http://127.0.0.1:" + emulator.port();
        for (String key : List.of("google-photos.api-url", "google-photos.picker-url", "google-photos.token-url")) {
            properties.put(key, properties.getProperty(key).replace(direct, toGoogle.url()));
        }
        properties.put("camel.component.google-photos.read-timeout", "1500");
        properties.put("camel.component.google-photos.connect-timeout", "2000");
        properties.put("backup.item-retries", "4");
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (toS3 != null) {
            toS3.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void backupsThroughAFaultyNetworkLoseNothingStoreNothingTwiceAndNeverHang() throws Exception {
        List<RunOutcome> runs = new ArrayList<>();
        RunOutcome outcome = null;
        for (int run = 0; run < 5; run++) {
            outcome = fire("google-photos-backup");
            runs.add(outcome);
            if ("complete".equals(outcome.status())) {
                break;
            }
            assertThat(outcome.status()).as("a run that did not complete says so: %s", outcome).isIn("partial", "failed");
        }
        assertThat(outcome.status()).as("runs: %s", runs).isEqualTo("complete");
        Map<Fault, Integer> google = toGoogle.injected();
        Map<Fault, Integer> storage = toS3.injected();
        for (Fault f : Fault.values()) {
            assertThat(google.get(f)).as("connections to Google that got %s: %s", f, google).isPositive();
            assertThat(storage.get(f)).as("connections to S3 that got %s: %s", f, storage).isPositive();
        }

        toGoogle.enable(false);
        toS3.enable(false);
        List<Entry> entries = entries();
        Set<String> sources = new HashSet<>();
        entries.forEach(e -> sources.add(e.media().sourceId()));
        assertThat(entries).as("every item once").hasSize(ITEMS);
        assertThat(sources).containsExactlyInAnyOrderElementsOf(ids);
        assertSameAsEmulator(entries);
        // vault:check fails the exchange on any error; its answer is the CheckResult as JSON.
        CheckResult check = dev.photovault.vault.core.VaultJson.MAPPER.readValue(
                template.requestBody("vault:check?readDataSubset=1", null, String.class), CheckResult.class);
        assertThat(check.errors()).isEmpty();
        assertThat(check.chunksRead()).isEqualTo(check.chunks()).isPositive();
        System.out.printf("network faults: %d runs (%s), injected toward Google %s, toward S3 %s%n", runs.size(),
                runs.stream().map(RunOutcome::status).toList(), google, storage);
    }

    @Test
    void aRestoreIntoGooglePhotosThroughAFaultyNetworkCreatesEveryItemOnce() throws Exception {
        toGoogle.enable(false);
        toS3.enable(false);
        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        List<Entry> entries = entries();
        emulator.reset(); // the account lost everything
        toGoogle.lifetime(2 << 20); // uploads are larger than answers: fewer, longer connections
        toGoogle.enable(true);
        toS3.enable(true);
        List<String> failures = new ArrayList<>();
        boolean done = false;
        for (int run = 0; run < 6 && !done; run++) {
            try {
                template.sendBody("direct:photovault-restore-to-google-photos", null);
                done = true;
            } catch (org.apache.camel.CamelExecutionException e) {
                failures.add(String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()));
            }
        }
        assertThat(done).as("a run completed; the others said: %s", failures).isTrue();
        toGoogle.enable(false);
        toS3.enable(false);
        dev.photovault.googlephotos.api.GooglePhotosClient client = dev.photovault.testing.EmulatorConfig.client(emulator);
        List<dev.photovault.googlephotos.api.MediaItem> library = new ArrayList<>();
        client.listMediaItems().forEachRemaining(library::add);
        assertThat(library).as("every item once, none twice (failures on the way: %s)", failures)
                .hasSize(entries.size());
        assertThat(library.stream().map(dev.photovault.googlephotos.api.MediaItem::filename))
                .containsExactlyInAnyOrderElementsOf(entries.stream().map(e -> e.media().filename()).toList());
        Map<Fault, Integer> google = toGoogle.injected();
        assertThat(google.values().stream().mapToInt(Integer::intValue).sum() - google.get(Fault.NONE))
                .as("faults met on the way: %s", google).isPositive();
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        if (toGoogle != null) {
            toGoogle.close();
        }
    }
}
