package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * maintenance.yaml (check with sampled read-data, forget and prune by retention) and the run-report
 * notifications every route sends through camel-http to a local web hook.
 */
class MaintenanceAndNotificationRouteTest extends BackupRouteTestSupport {

    record Posted(String path, String contentType, String body) {
    }

    HttpServer hook;
    BlockingQueue<Posted> posted;

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) throws Exception {
        emulator.seed(8, 2, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 9);
        posted = new LinkedBlockingQueue<>();
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", ex -> {
            posted.add(new Posted(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Content-Type"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        String base = "http://127.0.0.1:" + hook.getAddress().getPort();
        properties.put("notify.success-url", base + "/ok");
        properties.put("notify.failure-url", base + "/fail");
        properties.put("maintenance.keep-last", "1");
        properties.put("maintenance.keep-daily", "0");
        properties.put("maintenance.keep-weekly", "0");
        properties.put("maintenance.keep-monthly", "0");
        properties.put("maintenance.keep-yearly", "0");
        properties.put("maintenance.prune-grace", "0s");
        properties.put("maintenance.read-data-subset", "1");
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        if (hook != null) {
            hook.stop(0);
        }
    }

    private Posted next() throws InterruptedException {
        Posted p = posted.poll(10, TimeUnit.SECONDS);
        assertThat(p).as("a notification").isNotNull();
        return p;
    }

    @Test
    void completeRunsPostTheirReportToTheSuccessUrlAndPartialOnesToTheFailureUrl() throws Exception {
        fire("google-photos-backup");
        Posted ok = next();
        assertThat(ok.path()).isEqualTo("/ok");
        assertThat(ok.contentType()).startsWith("application/json");
        JsonNode report = VaultJson.MAPPER.readTree(ok.body());
        assertThat(report.path("status").asText()).isEqualTo("complete");
        assertThat(report.path("itemsSeen").asInt()).isEqualTo(8);
        assertThat(ok.body()).doesNotContain(emulator.credentials().refreshToken())
                .doesNotContain(emulator.credentials().clientSecret()).doesNotContain(PASSPHRASE);

        emulator.advanceClock(java.time.Duration.ofHours(1));
        emulator.faults(FaultSpec.parse("daily-media=0,500=1"));
        RunOutcome failed = fire("google-photos-backup");
        Posted fail = next();
        assertThat(fail.path()).isEqualTo("/fail");
        assertThat(VaultJson.MAPPER.readTree(fail.body()).path("status").asText()).isEqualTo(failed.status());
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(posted).isEmpty();
    }

    @Test
    void maintenanceForgetsByRetentionPrunesAndFindsTheRepositoryWhole() throws Exception {
        fire("google-photos-backup");
        emulator.seed(2, 1, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 10);
        fire("google-photos-backup");
        assertThat(repository().listSnapshots()).hasSize(2);
        posted.clear();

        RunOutcome outcome = fire("maintenance");
        assertThat(outcome.status()).as(String.valueOf(outcome)).isEqualTo("complete");
        assertThat(repository().listSnapshots()).hasSize(1);
        Posted ok = next();
        assertThat(ok.path()).isEqualTo("/ok");
        assertThat(ok.body()).contains("\"job\":\"maintenance\"");
    }

    @Test
    void aDamagedChunkFailsMaintenanceAndNotifiesTheFailureUrl() throws Exception {
        fire("google-photos-backup");
        posted.clear();
        Repository repository = repository();
        String chunk = repository.loadSnapshot(repository.resolveSnapshot("latest").id()).entries().get(0).chunks().get(0);
        dev.photovault.testing.TestRepository.damageChunk(dir.resolve("vault"), repository, chunk, 40);
        RunOutcome outcome = fire("maintenance");
        assertThat(outcome.status()).isEqualTo("failed");
        assertThat(outcome.error()).contains("check found").contains("photovault check --read-data");
        Posted fail = next();
        assertThat(fail.path()).isEqualTo("/fail");
        assertThat(fail.body()).contains("check found");
        assertThat(repository().listSnapshots()).as("nothing forgotten after a failed check").hasSize(1);
    }
}
