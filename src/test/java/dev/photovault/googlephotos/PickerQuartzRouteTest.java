package dev.photovault.googlephotos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.PickerSession;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** picker-quartz.yaml: the Picker consumer under a Quartz cron, before and after the user picks. */
class PickerQuartzRouteTest extends GooglePhotosRouteTestSupport {

    List<String> library;
    PickerSession session;

    @Override
    String routes() {
        return "classpath:googlephotos/picker-quartz.yaml";
    }

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        library = emulator.seed(5, 0, null, 31);
        session = AlbumConsumerRouteTest.clientOf(emulator).createPickerSession(100);
        properties.put("test.session", session.id());
    }

    @Test
    void nothingArrivesUntilTheUserPicksThenEachPickedItemOnce() throws Exception {
        MockEndpoint picked = getMockEndpoint("mock:picked");
        // Let the cron fire at least twice while the user has not picked yet.
        long before = emulator.stats().path("byEndpoint").path("picker.sessions.get").asLong();
        for (int i = 0; i < 60 && emulator.stats().path("byEndpoint").path("picker.sessions.get").asLong() < before + 2; i++) {
            Thread.sleep(100);
        }
        assertThat(picked.getReceivedCounter()).isZero();

        emulator.pick(session.id(), library.subList(0, 3));
        picked.expectedMessageCount(3);
        picked.setAssertPeriod(2500);
        picked.setResultWaitTime(TimeUnit.SECONDS.toMillis(30));
        picked.assertIsSatisfied();
        assertThat(picked.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader(GooglePhotosConstants.SOURCE))
                .containsOnly("picker");
        assertThat(picked.getReceivedExchanges()).allSatisfy(e -> assertThat(e.getMessage().getBody(byte[].class)).isNotEmpty());
    }
}
