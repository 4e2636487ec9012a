package dev.photovault.app;

import dev.photovault.emulator.EmulatorCredentials;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.GooglePhotosComponent;
import dev.photovault.googlephotos.GooglePhotosConfiguration;
import dev.photovault.ui.UiRoutes;
import dev.photovault.ui.WebUi;
import dev.photovault.vault.VaultComponent;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.repository.Repository;
import java.time.ZoneId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;

/**
 * {@code photovault run}: Camel Main with the shipped routes (and the user's), configured from
 * {@code config/application.properties}, the secrets file and the environment. With no Google refresh token
 * anywhere it is the demo default: the emulator starts in-process with a sample library, the passphrase is
 * generated if none is given, and one backup runs at once.
 */
public final class PhotovaultApplication implements AutoCloseable {

    static final Path DATA = Path.of("photovault-data");

    /**
     * The routes shipped in the jar (src/main/resources/routes), named one by one: for a wildcard Camel reads
     * through every entry of the 75 MB jar, inflating each, which took about 2 s of every start.
     */
    static final List<String> SHIPPED_ROUTES = List.of("backup-error-handling", "google-photos-backup", "maintenance",
            "mirror", "notify", "picker-backup", "push-albums", "replicate", "restore-to-google-photos",
            "takeout-import");

    private final Path config;
    private final String userRoutes;
    private final boolean once;
    private boolean dryRun;
    private final PrintStream out;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final Main main = new Main();
    private GooglePhotosEmulator emulator;
    private Settings settings;
    private List<Accounts.Account> accounts = List.of();
    private String onlyAccount;
    private String uiLoginUrl;

    /**
     * @param config     the properties file, or null for ./config/application.properties when it exists
     * @param userRoutes more routes (a Camel resource glob such as {@code file:routes/*.yaml}), or null
     * @param once       fire each backup route once instead of keeping the schedule
     */
    public PhotovaultApplication(Path config, String userRoutes, boolean once, PrintStream out) {
        this.config = config;
        this.userRoutes = userRoutes;
        this.once = once;
        this.out = out;
    }

    /**
     * With {@code --once}: every backup finds out what it would download, downloads and writes nothing (no media
     * request is spent), and reports it; credentials, the store and the listings are checked for real.
     */
    public PhotovaultApplication dryRun(boolean value) {
        this.dryRun = value;
        return this;
    }

    /** With {@code --once}: run only this account's backup (accounts=). */
    public PhotovaultApplication account(String name) {
        this.onlyAccount = name;
        return this;
    }

    /** The accounts of {@code accounts=}, once started. */
    public List<Accounts.Account> accounts() {
        return accounts;
    }

    /** A property value that overrides every other source (for tests and the demo default). */
    public PhotovaultApplication override(String name, String value) {
        overrides.put(name, value);
        return this;
    }

    public boolean isEmbedded() {
        return emulator != null;
    }

    public GooglePhotosEmulator emulator() {
        return emulator;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Starts Camel (and the emulator, in the demo default). */
    public void start() throws Exception {
        settings = Settings.load(config, overrides);
        accounts = Accounts.from(settings);
        if (onlyAccount != null && accounts.stream().noneMatch(a -> a.name().equals(onlyAccount))) {
            throw new dev.photovault.vault.core.VaultException("no account " + onlyAccount + (accounts.isEmpty()
                    ? ": accounts= is not set" : " in accounts=" + settings.get("accounts")));
        }
        if (!accounts.isEmpty()) {
            // One route per account replaces the single-account route of the google-photos.* credentials.
            overrides.put("backup.enabled", "false");
        }
        PhotovaultBeans.GoogleSecrets secrets = new PhotovaultBeans.GoogleSecrets(
                settings.get("google-photos.client-id"), settings.get("google-photos.client-secret"),
                settings.get("google-photos.refresh-token"));
        if (secrets.refreshToken().isBlank() && !accounts.isEmpty()) {
            // The routes that serve one account (Picker sessions, restore into and push to Google Photos) use the
            // first account's credentials unless google-photos.* names others.
            secrets = accounts.get(0).secrets();
        }
        if (secrets.refreshToken().isBlank()) {
            EmulatorCredentials c = startEmbeddedDefault();
            secrets = new PhotovaultBeans.GoogleSecrets(c.clientId(), c.clientSecret(), c.refreshToken());
        }
        // Secrets never enter Camel's properties (its resolver logs values at DEBUG): the secrets file is read by
        // Settings alone, and the credentials reach the component through PhotovaultBeans.
        // Camel takes a property from the first location that has it: the most specific file comes first.
        List<String> locations = new ArrayList<>();
        if (settings.configFile() != null) {
            locations.add("file:" + settings.configFile().toAbsolutePath());
        }
        locations.add("classpath:" + Settings.DEFAULTS);
        main.setPropertyPlaceholderLocations(String.join(",", locations));
        if (dryRun) {
            overrides.put("camel.component.vault.dry-run", "true");
        }
        if (once) {
            overrides.put("camel.component.quartz.auto-start-scheduler", "false");
            overrides.put("camel.management.enabled", "false");
        }
        boolean ui = !once && Boolean.parseBoolean(settings.get("ui.enabled"));
        String uiBind = settings.get("ui.bind", "127.0.0.1");
        int uiPort = settings.getInt("ui.port", 8765);
        if (ui) {
            try {
                WebUi.checkFree(uiBind, uiPort);
                overrides.put("camel.server.enabled", "true");
                overrides.put("camel.server.host", uiBind);
                overrides.put("camel.server.port", Integer.toString(uiPort));
                WebUi.UI_SERVER_LIMITS.forEach(overrides::putIfAbsent); // a user's own routes may want others
                overrides.putIfAbsent("camel.server.file-upload-directory",
                        WebUi.uploadDirectory(Path.of(settings.get("vault.cache-dir", "photovault-data/cache"))));
            } catch (dev.photovault.vault.core.VaultException e) {
                out.println("photovault: " + e.getMessage() + "; the routes run without the web UI.");
                ui = false;
            }
        }
        settings.camelEnvironment().forEach(overrides::putIfAbsent);
        overrides.forEach(main::addOverrideProperty);
        String routes = SHIPPED_ROUTES.stream().map(name -> "classpath:photovault/routes/" + name + ".yaml")
                .collect(Collectors.joining(","))
                + (userRoutes == null || userRoutes.isBlank() ? "" : "," + userRoutes);
        main.configure().withRoutesIncludePattern(routes);
        main.configure().addConfiguration(new PhotovaultBeans(secrets));
        main.start();
        Accounts.addRoutes(context(), accounts);
        if (ui) {
            startUi(uiBind, uiPort);
        }
    }

    /** The web UI's routes on Camel's HTTP server, over the repository of vault.store. */
    private void startUi(String bind, int port) throws Exception {
        VaultComponent vault = context().getComponent("vault", VaultComponent.class);
        Repository repository = vault.defaultRepository();
        LocalCache cache = LocalCache.of(vault.cacheRoot(), repository.config().id());
        UiRoutes routes = new UiRoutes(repository, cache, Path.of(settings.get("ui.restore-dir", "photovault-restores")),
                ZoneId.systemDefault());
        // Restores into the Google account this application backs up (the first of accounts=, or the emulator's),
        // through the routes' own shared client: one token, one retry policy, one memory of a spent quota.
        GooglePhotosComponent google = context().getComponent("google-photos", GooglePhotosComponent.class);
        GooglePhotosConfiguration account = google.getConfiguration();
        String prefix = settings.get("restore.album-prefix");
        routes.withExternalRestore(new GooglePhotosUiRestore(repository, google.defaultClient(),
                GooglePhotosRestore.accountKey(account.getApiUrl(), account.getClientId(), account.getRefreshToken()),
                prefix.isBlank() ? "" : prefix + " ", cache.dir()));
        context().addRoutes(routes);
        uiLoginUrl = WebUi.url(bind, port) + "login?token=" + routes.oneTimeToken();
        // Under systemd or in a container stdout is a log: there the one-time link is not printed.
        if (isEmbedded() || System.console() != null) {
            out.println("photovault: web UI at " + WebUi.url(bind, port) + " — open " + uiLoginUrl
                    + " (signs in once, within 10 minutes) or sign in with the repository passphrase.");
        } else {
            out.println("photovault: web UI at " + WebUi.url(bind, port) + " — sign in with the repository"
                    + " passphrase (the one-time link is shown only on a terminal, to keep it out of logs).");
        }
    }

    /** The web UI's one-time sign-in link when it runs (printed only in the demo or on a terminal), else null. */
    public String uiLoginUrl() {
        return uiLoginUrl;
    }

    private EmulatorCredentials startEmbeddedDefault() throws IOException {
        int port = settings.getInt("emulator.port", 0);
        emulator = GooglePhotosEmulator.builder().port(port).bindAddress("127.0.0.1")
                .stateDir(DATA.resolve("emulator")).start();
        int items = emulator.stats().path("mediaItems").asInt();
        if (items == 0) {
            int wanted = settings.getInt("emulator.items", 48);
            int albums = settings.getInt("emulator.albums", 4);
            emulator.seed(wanted, albums, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 1);
            items = wanted;
        }
        EmulatorCredentials c = emulator.credentials();
        overrides.putIfAbsent("google-photos.api-url", emulator.apiUrl());
        overrides.putIfAbsent("google-photos.picker-url", emulator.pickerUrl());
        overrides.putIfAbsent("google-photos.token-url", emulator.tokenUrl());
        overrides.putIfAbsent("backup.run-on-start", "true");
        overrides.putIfAbsent("ui.enabled", "true");
        out.println("photovault: no Google account configured, so this run backs up the built-in Google Photos"
                + " emulator (" + items + " sample items in app-created albums, at " + emulator.url() + ").");
        out.println("  To back up your own library: photovault auth, then run again (see README, Configuration).");
        if (System.getenv("PHOTOVAULT_PASSWORD") == null && settings.get("vault.password-file").isBlank()) {
            Path passphrase = DATA.resolve("passphrase");
            if (!Files.exists(passphrase)) {
                Files.createDirectories(DATA);
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                Files.createFile(passphrase,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(passphrase, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
                out.println("  Generated the repository passphrase into " + passphrase.toAbsolutePath()
                        + " — keep a copy elsewhere: without it the backup cannot be read.");
            } else {
                out.println("  Repository passphrase: " + passphrase.toAbsolutePath());
            }
            overrides.put("vault.password-file", passphrase.toAbsolutePath().toString());
        }
        return c;
    }

    /** Fires every started backup route once, one after the other, and says how each ended. */
    public List<RunOutcome> runBackupsOnce() {
        List<RunOutcome> outcomes = new ArrayList<>();
        CamelContext context = context();
        for (Route route : context.getRoutes()) {
            if (!"backup".equals(route.getGroup())
                    || context.getRouteController().getRouteStatus(route.getRouteId()) != ServiceStatus.Started) {
                continue;
            }
            if (onlyAccount != null && !route.getRouteId().equals(Accounts.ROUTE_PREFIX + onlyAccount)) {
                continue;
            }
            outcomes.add(fire(context, route.getRouteId()));
        }
        return outcomes;
    }

    /**
     * Runs a route once, now, as its timer would, and waits for it: the exchange goes through the route's own
     * processor (unit of work, error handler, onCompletion), so it behaves as a scheduled run.
     */
    public static RunOutcome fire(CamelContext context, String routeId) {
        Route route = context.getRoute(routeId);
        if (route == null) {
            throw new IllegalArgumentException("no route " + routeId);
        }
        Exchange exchange = route.getEndpoint().createExchange();
        exchange.getExchangeExtension().setFromEndpoint(route.getEndpoint());
        exchange.getExchangeExtension().setFromRouteId(routeId);
        try {
            route.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        return new RunOutcome(routeId, RunOutcome.status(exchange, failure),
                exchange.getProperty("CamelVaultRunReport", String.class),
                failure == null ? null : failure.getMessage());
    }

    /** Whether a backup should run right after start (the demo default, or backup.run-on-start=true). */
    public boolean runOnStart() {
        return Boolean.parseBoolean(context().resolvePropertyPlaceholders("{{backup.run-on-start:false}}"));
    }

    public String property(String name) {
        return context().resolvePropertyPlaceholders("{{" + name + ":}}");
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            // stopping anyway
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
