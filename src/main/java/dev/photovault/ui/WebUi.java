package dev.photovault.ui;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.repository.Repository;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The web UI on its own ({@code photovault ui}): Camel Main with its HTTP server (platform-http on Vert.x) and the
 * {@link UiRoutes}, nothing else: no management server, no backup routes.
 */
public final class WebUi implements AutoCloseable {

    /**
     * What the UI's HTTP server accepts: bodies of at most 1 MiB (the largest form, a page of 100 selected items,
     * is a few KiB; without a limit one request could fill the heap). Uploads are kept out by the routes, which
     * take url-encoded forms only.
     */
    public static final Map<String, String> UI_SERVER_LIMITS = Map.of("camel.server.max-body-size", "1048576");

    /**
     * The folder platform-http's body handler makes at every start for uploads the UI never takes: one folder in
     * this machine's cache, rather than a new {@code /tmp/camel/camel-tmp-<uuid>} left behind by each start.
     */
    public static String uploadDirectory(Path cacheRoot) {
        return cacheRoot.resolve("http-uploads").toAbsolutePath().toString();
    }

    private final Main main;
    private final UiRoutes routes;
    private final String url;

    private WebUi(Main main, UiRoutes routes, String url) {
        this.main = main;
        this.routes = routes;
        this.url = url;
    }

    /**
     * Serves {@code repository} on {@code bind}:{@code port} (0: a free port).
     *
     * @throws VaultException when the port is taken or the address is not this machine's
     */
    public static WebUi start(Repository repository, LocalCache cache, Path restoreRoot, String bind, int port)
            throws Exception {
        int chosen = port == 0 ? freePort(bind) : port;
        checkFree(bind, chosen);
        UiRoutes routes = new UiRoutes(repository, cache, restoreRoot, ZoneId.systemDefault());
        Main main = new Main();
        main.addOverrideProperty("camel.main.name", "photovault-ui");
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", bind);
        main.addOverrideProperty("camel.server.port", Integer.toString(chosen));
        main.addOverrideProperty("camel.management.enabled", "false");
        UI_SERVER_LIMITS.forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.server.file-upload-directory", uploadDirectory(cache.dir().getParent()));
        main.configure().addRoutesBuilder(routes);
        main.start();
        return new WebUi(main, routes, url(bind, chosen));
    }

    /** The address to open, e.g. {@code http://127.0.0.1:8765/}. */
    public String url() {
        return url;
    }

    /** The link that signs in once with the one-time token (printed at start, never logged). */
    public String loginUrl() {
        return loginUrl(url, routes.oneTimeToken());
    }

    public UiRoutes routes() {
        return routes;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    static String loginUrl(String url, String token) {
        return url + "login?token=" + token;
    }

    /** The address a browser on this machine opens for a UI on {@code bind}:{@code port}. */
    public static String url(String bind, int port) {
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
    }

    /** Whether {@code bind} is a loopback address (the UI is then seen from this machine only). */
    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** @throws VaultException naming the setting to change when {@code bind}:{@code port} cannot be served */
    public static void checkFree(String bind, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
        } catch (IOException e) {
            throw new VaultException("the web UI cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "): is another photovault ui running? Choose another port with --port (ui.port)");
        }
    }

    private static int freePort(String bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        routes.jobs().close();
        try {
            main.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }

    @Override
    public String toString() {
        return "WebUi[" + url + "]";
    }
}
