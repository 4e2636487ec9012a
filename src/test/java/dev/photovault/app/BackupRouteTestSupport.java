package dev.photovault.app;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.store.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;

/**
 * The shipped routes (src/main/resources/routes) under Camel Main with the shipped defaults
 * (config/application.properties), against an emulator and a repository in a temporary folder. Schedules do not
 * fire by themselves (the Quartz scheduler is held) unless a test says so; tests fire routes with
 * {@link PhotovaultApplication#fire}, as {@code photovault run --once} does.
 */
abstract class BackupRouteTestSupport extends CamelMainTestSupport {

    static final String PASSPHRASE = "route test passphrase";

    // Assigned from configureContext, which runs inside the superclass constructor: no initializers here.
    GooglePhotosEmulator emulator;
    Properties properties;
    Path dir;

    /** Seeds the emulator and adds the test's own properties, before the routes start. */
    void prepare(GooglePhotosEmulator emulator, Properties properties) throws Exception {
    }

    /** The store URI; a file: store in the test folder unless overridden. */
    String store() {
        return "file:" + dir.resolve("vault");
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        try {
            dir = Files.createTempDirectory("photovault-route-test");
            Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
            emulator = GooglePhotosEmulator.builder().start();
            properties = new Properties();
            properties.put("google-photos.api-url", emulator.apiUrl());
            properties.put("google-photos.picker-url", emulator.pickerUrl());
            properties.put("google-photos.token-url", emulator.tokenUrl());
            properties.put("google-photos.client-id", emulator.credentials().clientId());
            properties.put("google-photos.client-secret", emulator.credentials().clientSecret());
            properties.put("google-photos.refresh-token", emulator.credentials().refreshToken());
            properties.put("camel.component.google-photos.max-attempts", "8");
            properties.put("camel.component.google-photos.initial-retry-delay", "5");
            properties.put("camel.component.google-photos.min-rate-limit-delay", "10");
            properties.put("camel.component.google-photos.max-retry-delay", "50");
            properties.put("vault.store", store());
            properties.put("vault.password-file", dir.resolve("passphrase").toString());
            properties.put("vault.cache-dir", dir.resolve("cache").toString());
            properties.put("picker.sessions-dir", dir.resolve("picker-sessions").toString());
            properties.put("backup.retry-delay", "10");
            properties.put("camel.component.quartz.auto-start-scheduler", "false");
            properties.put("camel.management.enabled", "false");
            prepare(emulator, properties);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "classpath:photovault/application.properties";
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("classpath:photovault/routes/*.yaml");
        configuration.addConfiguration(PhotovaultBeans.class);
    }

    RunOutcome fire(String routeId) {
        return PhotovaultApplication.fire(context, routeId);
    }

    Repository repository() throws IOException {
        return Repository.open(new LocalObjectStore(dir.resolve("vault")), PASSPHRASE.toCharArray());
    }

    /** The entries of the latest snapshot, through vault:list. */
    @SuppressWarnings("unchecked")
    List<Entry> entries() {
        java.util.Iterator<Entry> it = template.request("vault:list", x -> { }).getMessage()
                .getBody(java.util.Iterator.class);
        List<Entry> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    /** Each entry, read back through vault:read, has the bytes the emulator serves for its item. */
    void assertSameAsEmulator(List<Entry> entries) throws IOException {
        dev.photovault.googlephotos.api.GooglePhotosClient client = dev.photovault.testing.EmulatorConfig.client(emulator);
        for (Entry e : entries) {
            String expected;
            try (java.io.InputStream in = client.download(e.media().sourceId())) {
                expected = dev.photovault.testing.SyntheticVideo.sha256(in);
            }
            org.apache.camel.Exchange read = template.request("vault:read", x -> x.getIn().setBody(e));
            try (java.io.InputStream in = read.getMessage().getBody(java.io.InputStream.class)) {
                org.assertj.core.api.Assertions.assertThat(dev.photovault.testing.SyntheticVideo.sha256(in))
                        .as(e.path()).isEqualTo(expected);
            }
        }
    }

    long mediaRequests() {
        return emulator.stats().path("mediaRequests").asLong();
    }

    @Override
    protected void doPostTearDown() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
