package dev.photovault.emulator.junit;

import dev.photovault.emulator.GooglePhotosEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for testing your own routes against the local Google Photos emulator: one emulator for the
 * whole test run (started on first use, stopped when the run ends), emptied before every test (albums, items,
 * sessions and counters go; its OAuth client and refresh token stay), injected as a {@link GooglePhotosEmulator}
 * parameter. {@link #properties()} gives its addresses and credentials as the Camel properties the
 * {@code google-photos:} component reads, for camel-test-main-junit5's override properties.
 *
 * <pre>{@code
 * @ExtendWith(GooglePhotosEmulatorExtension.class)
 * class MyRouteTest extends CamelMainTestSupport {
 *     @Override
 *     protected Properties useOverridePropertiesWithPropertiesComponent() {
 *         return GooglePhotosEmulatorExtension.properties();
 *     }
 *     @Test
 *     void backsUp(GooglePhotosEmulator emulator) { emulator.seed(5, 1, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 1); … }
 * }
 * }</pre>
 * JUnit is not a dependency of photovault's runtime: bring {@code junit-jupiter} in your test scope.
 */
public final class GooglePhotosEmulatorExtension implements BeforeEachCallback, ParameterResolver {

    private static GooglePhotosEmulator shared;

    /** The emulator of this test run, started on first use. */
    public static synchronized GooglePhotosEmulator emulator() {
        if (shared == null) {
            try {
                shared = GooglePhotosEmulator.builder().bindAddress("127.0.0.1").start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the Google Photos emulator", e);
            }
            GooglePhotosEmulator started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "google-photos-emulator-stop"));
        }
        return shared;
    }

    /**
     * The emulator's addresses and credentials as Camel properties: {@code google-photos.*} (as photovault's
     * application reads them) and {@code camel.component.google-photos.*} (as the component reads them).
     */
    public static Properties properties() {
        GooglePhotosEmulator e = emulator();
        Properties p = new Properties();
        put(p, "api-url", e.apiUrl());
        put(p, "picker-url", e.pickerUrl());
        put(p, "token-url", e.tokenUrl());
        put(p, "client-id", e.credentials().clientId());
        put(p, "client-secret", e.credentials().clientSecret());
        put(p, "refresh-token", e.credentials().refreshToken());
        return p;
    }

    private static void put(Properties p, String name, String value) {
        p.put("google-photos." + name, value);
        p.put("camel.component.google-photos." + name, value);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        emulator().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GooglePhotosEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
