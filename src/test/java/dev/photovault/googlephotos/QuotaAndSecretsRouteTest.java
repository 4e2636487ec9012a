package dev.photovault.googlephotos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.EmulatorCredentials;
import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.LogCapture;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * credentials-in-uri.yaml: a daily quota spent mid-listing ends the poll with one clear line and pauses polling;
 * the refresh token, client secret and access tokens appear in no log line, at any level.
 */
class QuotaAndSecretsRouteTest extends GooglePhotosRouteTestSupport {

    LogCapture logs;
    EmulatorCredentials other;

    @Override
    String routes() {
        return "classpath:googlephotos/credentials-in-uri.yaml";
    }

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        logs = new LogCapture();
        // A second OAuth client, given only in the URI, so that its secrets cannot come from the component.
        other = emulator.registerClient("uri-client.apps.googleusercontent.com", dev.photovault.emulator.Scopes.CURRENT);
        emulator.seed(250, 0, other.clientId(), 41, true);
        properties.put("test.client-id", other.clientId());
        properties.put("test.client-secret", other.clientSecret());
        properties.put("test.refresh-token", other.refreshToken());
        // albums.list, then two pages of items; the third page is refused.
        emulator.faults(FaultSpec.parse("daily-requests=3"));
    }

    @Test
    void aSpentQuotaEndsThePollWithOneLineAndNoSecretIsLogged() throws Exception {
        MockEndpoint items = getMockEndpoint("mock:items");
        items.expectedMessageCount(200);
        items.setAssertPeriod(1500);
        items.setResultWaitTime(TimeUnit.MINUTES.toMillis(1));
        items.assertIsSatisfied();
        context.stop();

        List<String> quota = logs.lines().stream().filter(l -> l.contains("daily quota exhausted")).toList();
        assertThat(quota).hasSize(1);
        assertThat(quota.get(0)).startsWith("WARN").contains("resets at").contains("midnight Pacific")
                .contains("stops after 200 items").doesNotContain(" | ");
        String all = logs.text();
        assertThat(all).as("Camel logged the route's endpoint").contains("google-photos://mediaItems");
        assertThat(all).doesNotContain(other.refreshToken()).doesNotContain(other.clientSecret())
                .doesNotContain("ya29.emu-");
        for (var route : context.getRoutes()) {
            assertThat(route.getEndpoint().toString()).doesNotContain(other.refreshToken())
                    .doesNotContain(other.clientSecret());
        }
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        if (logs != null) {
            logs.close();
        }
    }
}
