package dev.photovault.googlephotos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** headers-only.yaml: a route that decides from headers spends no media quota, across every album. */
class HeadersOnlyRouteTest extends GooglePhotosRouteTestSupport {

    @Override
    String routes() {
        return "classpath:googlephotos/headers-only.yaml";
    }

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        // 30 items over 3 albums, some in none; 3 of them videos.
        emulator.seed(30, 3, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 21);
    }

    @Test
    void everyAppCreatedItemIsSeenOnceAndNoBodyIsDownloaded() throws Exception {
        MockEndpoint seen = getMockEndpoint("mock:seen");
        seen.expectedMessageCount(30);
        MockEndpoint videos = getMockEndpoint("mock:videos");
        videos.expectedMessageCount(3);
        // The first poll emits everything; stop before the second (no idempotent repository here).
        seen.setResultWaitTime(TimeUnit.MINUTES.toMillis(1));
        seen.assertIsSatisfied();
        context.getRouteController().stopRoute("headers-only");
        videos.assertIsSatisfied();
        assertThat(seen.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader(GooglePhotosConstants.MEDIA_ITEM_ID))
                .doesNotHaveDuplicates();
        assertThat(emulator.stats().get("mediaRequests").asLong()).as("no media bytes requested").isZero();
    }
}
