package dev.photovault.googlephotos;

import dev.photovault.emulator.GooglePhotosEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;

/**
 * YAML routes under Camel Main, against an emulator started for each test. The component gets the emulator's
 * addresses and credentials the way an application does: {@code camel.component.google-photos.*} properties.
 * Retry delays are shortened (Google's 30 s after a 429 would make fault tests take hours).
 */
abstract class GooglePhotosRouteTestSupport extends CamelMainTestSupport {

    // Assigned from configureContext, which runs inside the superclass constructor: no initializers here.
    GooglePhotosEmulator emulator;
    Properties properties;

    /** The route files of this test. */
    abstract String routes();

    /** Seeds the emulator and adds the test's own properties, before the routes start. */
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        try {
            emulator = GooglePhotosEmulator.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties = new Properties();
        properties.put("camel.component.google-photos.api-url", emulator.apiUrl());
        properties.put("camel.component.google-photos.picker-url", emulator.pickerUrl());
        properties.put("camel.component.google-photos.token-url", emulator.tokenUrl());
        properties.put("camel.component.google-photos.client-id", emulator.credentials().clientId());
        properties.put("camel.component.google-photos.client-secret", emulator.credentials().clientSecret());
        properties.put("camel.component.google-photos.refresh-token", emulator.credentials().refreshToken());
        properties.put("camel.component.google-photos.max-attempts", "12");
        properties.put("camel.component.google-photos.initial-retry-delay", "5");
        properties.put("camel.component.google-photos.min-rate-limit-delay", "10");
        properties.put("camel.component.google-photos.max-retry-delay", "50");
        prepare(emulator, properties);
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern(routes());
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        registry.bind("seen", MemoryIdempotentRepository.memoryIdempotentRepository(100_000));
    }

    @Override
    protected void doPostTearDown() throws Exception {
        // Stop the routes first, so that no poll meets the emulator gone.
        if (context != null) {
            context.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
