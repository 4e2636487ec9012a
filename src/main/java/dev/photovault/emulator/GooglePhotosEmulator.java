package dev.photovault.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Google Photos: OAuth token endpoint, Library API, uploads, media host and Picker API on one HTTP
 * port, plus control endpoints under {@code /emulator/}. Start it from tests with {@link #builder()} (port 0
 * picks a free one) or from the command line with {@code photovault emulator}. See the README for every
 * endpoint.
 */
public final class GooglePhotosEmulator implements AutoCloseable {

    /** The OAuth client the emulator registers at start. */
    public static final String DEFAULT_CLIENT_ID = "photovault-emulator.apps.googleusercontent.com";

    private static final Logger LOG = LoggerFactory.getLogger(GooglePhotosEmulator.class);
    /** The JDK HTTP server's switch for TCP_NODELAY on its connections. */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final EmulatorState state;
    private final EmulatorClock clock = new EmulatorClock();
    private final Traffic traffic;
    private final OAuthServer oauth;
    private final LibraryApi library;
    private final Uploads uploads;
    private final MediaHost media;
    private final PickerApi picker;
    private final Path stateFile;
    private final Path tempDir;
    private final EmulatorCredentials credentials;

    /**
     * Turns Nagle's algorithm off for the JDK's HTTP server unless the JVM was told otherwise. That server sends a
     * response's headers and body as two writes, so on a kept-alive connection the body waited for the client's
     * delayed ACK: about 40 ms a request, 1.8 s of an unchanged 1,951-item backup's 3.7 s, a pause Google's front
     * ends do not make. The JDK reads the property once, when its server first loads; an HTTP server made earlier
     * in the same JVM keeps what it read.
     */
    private static void noDelay() {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private GooglePhotosEmulator(Builder b) throws IOException {
        Path dir = b.stateDir;
        tempDir = dir == null ? Files.createTempDirectory("photovault-emulator") : null;
        Path root = dir != null ? Files.createDirectories(dir) : tempDir;
        stateFile = dir == null ? null : dir.resolve("state.json");
        state = new EmulatorState(new MediaFiles(root.resolve("media")));
        traffic = new Traffic(clock, b.faults);
        oauth = new OAuthServer(state, clock, b.accessTokenLifetime);
        Runnable changed = this::save;
        library = new LibraryApi(state, oauth, traffic, clock, b.baseUrlLifetime, changed);
        uploads = new Uploads(state, oauth, traffic, clock, changed);
        media = new MediaHost(state, oauth, traffic, clock);
        picker = new PickerApi(state, oauth, traffic, clock, library, changed);
        if (stateFile != null && Files.exists(stateFile)) {
            state.load(stateFile);
        }
        credentials = defaultCredentials(b.clientSecret);
        noDelay();
        server = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), 64);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "google-photos-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new Router(this));
        server.start();
        LOG.debug("Google Photos emulator listening on {}", url());
    }

    private EmulatorCredentials defaultCredentials(String secret) {
        synchronized (state) {
            for (EmulatorState.Grant g : state.grants.values()) {
                if (g.clientId.equals(DEFAULT_CLIENT_ID) && !g.revoked && g.scopes.containsAll(Scopes.CURRENT)) {
                    return new EmulatorCredentials(DEFAULT_CLIENT_ID, state.clients.get(DEFAULT_CLIENT_ID).secret, g.refreshToken);
                }
            }
        }
        EmulatorCredentials c = OAuthServer.register(state, DEFAULT_CLIENT_ID, secret, Scopes.CURRENT);
        save();
        return c;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How to start an emulator. */
    public static final class Builder {
        private int port;
        private String bindAddress = "127.0.0.1";
        private Path stateDir;
        private FaultSpec faults = FaultSpec.NONE;
        private Duration baseUrlLifetime = Duration.ofMinutes(60);
        private Duration accessTokenLifetime = Duration.ofSeconds(3599);
        private String clientSecret = "emu-secret-" + Ids.token(18);

        /** The port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The address to listen on (default 127.0.0.1). */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** Keep state and media in this folder across restarts (default: memory and a temporary folder). */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Builder faults(FaultSpec faults) {
            this.faults = faults;
            return this;
        }

        /** How long base URLs work (default 60 minutes, as at Google). */
        public Builder baseUrlLifetime(Duration d) {
            this.baseUrlLifetime = d;
            return this;
        }

        /** How long access tokens work (default 3599 s, as at Google). */
        public Builder accessTokenLifetime(Duration d) {
            this.accessTokenLifetime = d;
            return this;
        }

        public GooglePhotosEmulator start() throws IOException {
            return new GooglePhotosEmulator(this);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the Library API base (append {@code /v1/…}). */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public String apiUrl() {
        return url();
    }

    /** The Picker API base (append {@code /v1/…}). */
    public String pickerUrl() {
        return url() + "/picker";
    }

    /** The installed-app consent page (Google's {@code accounts.google.com/o/oauth2/auth}). */
    public String authUrl() {
        return url() + "/o/oauth2/auth";
    }

    public String tokenUrl() {
        return url() + "/token";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The default client and a refresh token with every current scope. */
    public EmulatorCredentials credentials() {
        return credentials;
    }

    /** A new refresh token for the default client with exactly these scopes (removed ones included). */
    public String grant(Set<String> scopes) {
        String token = OAuthServer.register(state, DEFAULT_CLIENT_ID, credentials.clientSecret(), scopes).refreshToken();
        save();
        return token;
    }

    /** Registers another OAuth client (another app) with a refresh token carrying {@code scopes}. */
    public EmulatorCredentials registerClient(String clientId, Set<String> scopes) {
        EmulatorCredentials c = OAuthServer.register(state, clientId, "emu-secret-" + Ids.token(18), scopes);
        save();
        return c;
    }

    /** Revokes a refresh token: the next refresh answers {@code invalid_grant}. */
    public void revoke(String refreshToken) {
        synchronized (state) {
            EmulatorState.Grant g = state.grants.get(refreshToken);
            if (g != null) {
                g.revoked = true;
            }
        }
        save();
    }

    /**
     * Adds generated media: {@code items} items in {@code albums} albums, owned by {@code clientId} (app-created,
     * visible to the Library API) or, with null, the user's own library (visible only to Picker sessions).
     *
     * @return the new items' ids
     */
    public List<String> seed(int items, int albums, String clientId, long seed) {
        return seed(items, albums, clientId, seed, false);
    }

    /**
     * As {@link #seed(int, int, String, long)}; with {@code tiny}, every item shares one small JPEG, for
     * libraries of tens of thousands of items.
     */
    public List<String> seed(int items, int albums, String clientId, long seed, boolean tiny) {
        List<String> ids = new ArrayList<>();
        synchronized (state) {
            try {
                Seeds.seed(state, items, albums, clientId, seed, clock.instant(), tiny).forEach(i -> ids.add(i.id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        save();
        return ids;
    }

    /**
     * Adds the photos and videos under a folder, one album per first-level folder, owned by {@code clientId}
     * (app-created) or, with null, the user's library. @return the new items' ids
     */
    public List<String> importFolder(java.nio.file.Path dir, String clientId) throws IOException {
        List<String> ids = new ArrayList<>();
        synchronized (state) {
            Seeds.importFolder(state, dir, clientId, clock.instant()).forEach(i -> ids.add(i.id));
        }
        save();
        return ids;
    }

    /** Picks items for a Picker session, as a user tapping "Done" would; null picks the whole library. */
    public void pick(String sessionId, List<String> itemIds) {
        picker.pick(sessionId, itemIds);
    }

    /** The original bytes of an item (before any GPS stripping or transcoding). */
    public byte[] original(String itemId) throws IOException {
        String key;
        synchronized (state) {
            EmulatorState.MediaItem item = state.items.get(itemId);
            if (item == null) {
                throw new IllegalArgumentException("no media item " + itemId);
            }
            key = item.contentKey;
        }
        return state.mediaFiles.read(key);
    }

    /** Moves the emulator's clock forward (expires tokens, base URLs, sessions, quota days). */
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    public void faults(FaultSpec spec) {
        traffic.faults(spec);
    }

    /** The counters {@code GET /emulator/stats} returns. */
    public JsonNode stats() {
        ObjectNode s = traffic.stats();
        synchronized (state) {
            s.put("albums", state.albums.size());
            s.put("mediaItems", state.items.size());
            s.put("pickerSessions", state.sessions.size());
        }
        return s;
    }

    /** Forgets all albums, items, uploads and sessions and zeroes the counters; clients and tokens stay. */
    public void reset() throws IOException {
        synchronized (state) {
            state.albums.clear();
            state.items.clear();
            state.uploads.clear();
            state.resumable.clear();
            state.baseUrls.clear();
            state.sessions.clear();
            state.mediaFiles.clear();
        }
        traffic.reset();
        save();
    }

    private void save() {
        if (stateFile == null) {
            return;
        }
        synchronized (state) {
            try {
                state.save(stateFile);
            } catch (IOException e) {
                LOG.warn("could not save emulator state to {}: {}", stateFile, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        save();
        if (tempDir != null) {
            try (var files = Files.walk(tempDir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                LOG.debug("could not remove {}: {}", tempDir, e.getMessage());
            }
        }
    }

    // ---- routing --------------------------------------------------------------------------------------------

    void route(Exchange ex) throws IOException {
        String path = ex.path;
        if (path.equals("/o/oauth2/auth")) {
            traffic.other("oauth.consent");
            oauth.consent(ex);
        } else if (path.equals("/token")) {
            traffic.other("oauth.token");
            oauth.token(ex);
        } else if (path.equals("/v1/uploads")) {
            uploads.handle(ex);
        } else if (path.startsWith("/v1/")) {
            library.handle(ex, path.substring(4));
        } else if (path.startsWith("/lr/")) {
            media.handle(ex, path.substring(4));
        } else if (path.startsWith("/picker/v1/")) {
            picker.handle(ex, path.substring(11));
        } else if (path.startsWith("/picker/ui/")) {
            picker.page(ex, path.substring(11));
        } else if (path.startsWith("/emulator/")) {
            control(ex, path.substring(10));
        } else {
            throw ApiError.notFound("Not found: " + path);
        }
    }

    private void control(Exchange ex, String rest) throws IOException {
        traffic.other("emulator." + rest.replaceAll("/.*", ""));
        JsonNode body = ex.method.equals("POST") ? ex.json() : EmulatorState.JSON.createObjectNode();
        if (rest.equals("stats") && ex.method.equals("GET")) {
            ex.sendJson(200, stats());
        } else if (rest.equals("reset") && ex.method.equals("POST")) {
            reset();
            ex.sendJson(200, EmulatorState.JSON.createObjectNode());
        } else if (rest.equals("seed") && ex.method.equals("POST")) {
            String owner = body.path("owner").asText("user");
            String client = owner.equals("user") ? null : owner.equals("app") ? DEFAULT_CLIENT_ID : owner;
            List<String> ids = seed(body.path("items").asInt(10), body.path("albums").asInt(0), client,
                    body.path("seed").asLong(System.nanoTime()), body.path("tiny").asBoolean(false));
            ObjectNode out = EmulatorState.JSON.createObjectNode();
            ArrayNode arr = out.putArray("mediaItemIds");
            ids.forEach(arr::add);
            ex.sendJson(200, out);
        } else if (rest.startsWith("sessions/") && rest.endsWith(":pick") && ex.method.equals("POST")) {
            List<String> ids = null;
            if (!body.path("all").asBoolean(false)) {
                ids = new ArrayList<>();
                for (JsonNode n : body.path("mediaItemIds")) {
                    ids.add(n.asText());
                }
            }
            pick(rest.substring(9, rest.length() - 5), ids);
            ex.sendJson(200, EmulatorState.JSON.createObjectNode());
        } else if (rest.equals("faults") && ex.method.equals("POST")) {
            try {
                faults(FaultSpec.parse(body.path("spec").asText("")));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidArgument(e.getMessage());
            }
            ex.sendJson(200, EmulatorState.JSON.valueToTree(traffic.faults()));
        } else if (rest.equals("faults") && ex.method.equals("GET")) {
            ex.sendJson(200, EmulatorState.JSON.valueToTree(traffic.faults()));
        } else if (rest.equals("clock:advance") && ex.method.equals("POST")) {
            advanceClock(Duration.ofSeconds(body.path("seconds").asLong(0)));
            ex.sendJson(200, EmulatorState.JSON.createObjectNode());
        } else if (rest.equals("grants") && ex.method.equals("POST")) {
            Set<String> scopes = new LinkedHashSet<>();
            body.path("scopes").forEach(n -> scopes.add(n.asText()));
            ObjectNode out = EmulatorState.JSON.createObjectNode();
            out.put("refresh_token", grant(scopes));
            ex.sendJson(200, out);
        } else if (rest.startsWith("grants/") && rest.endsWith(":revoke") && ex.method.equals("POST")) {
            revoke(rest.substring(7, rest.length() - 7));
            ex.sendJson(200, EmulatorState.JSON.createObjectNode());
        } else if (rest.startsWith("media/") && ex.method.equals("GET")) {
            try {
                ex.sendBytes(200, "application/octet-stream", original(rest.substring(6)));
            } catch (IllegalArgumentException e) {
                throw ApiError.notFound(e.getMessage());
            }
        } else {
            throw ApiError.notFound("No control endpoint " + ex.method + " /emulator/" + rest);
        }
    }

    /** Turns every request into an answer; errors become Google's envelope. */
    private static final class Router implements com.sun.net.httpserver.HttpHandler {
        /** Reads what is left of a request body so the connection can be reused; it may be closed already. */
        private static void drain(com.sun.net.httpserver.HttpExchange http) {
            try {
                http.getRequestBody().readAllBytes();
            } catch (IOException alreadyClosed) {
                // nothing left to read
            }
        }

        private final GooglePhotosEmulator emulator;

        Router(GooglePhotosEmulator emulator) {
            this.emulator = emulator;
        }

        @Override
        public void handle(com.sun.net.httpserver.HttpExchange http) throws IOException {
            Exchange ex = new Exchange(http);
            try {
                emulator.route(ex);
            } catch (ApiError e) {
                drain(http);
                try {
                    ex.sendError(e);
                } catch (IOException | RuntimeException gone) {
                    http.close();
                }
            } catch (MediaHost.DroppedConnection e) {
                throw e;
            } catch (IOException e) {
                http.close();
            } catch (RuntimeException e) {
                LOG.warn("emulator error on {} {}: {}", ex.method, ex.path, e.toString());
                try {
                    ex.sendError(new ApiError(500, "INTERNAL", "Internal error encountered."));
                } catch (IOException | RuntimeException gone) {
                    http.close();
                }
            }
        }
    }
}
