package dev.photovault.ui;

import static dev.photovault.ui.Html.csrfField;
import static dev.photovault.ui.Html.esc;
import static dev.photovault.ui.Html.url;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.backup.RunReport;
import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.MediaInfo;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.thumbnail.Thumbnails;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI's pages as Camel {@code platform-http} routes (group {@code ui}): the snapshots, a snapshot's albums
 * and months, a thumbnail grid with search, an item's page, thumbnails, previews, downloads, a diff of two
 * snapshots, and restores with their progress. Every route but the login page and the static files needs a
 * session; every POST needs the session's CSRF token and, when the browser sends one, an Origin of this server.
 */
public final class UiRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(UiRoutes.class);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final int RUNS_SHOWN = 20;
    private static final String HEADER_FILTER = "photovaultUiHeaders";
    /** Downloads up to this size are read into memory once; larger ones are verified in a first pass. */
    private static final long BUFFERED_DOWNLOAD = 16L << 20;

    /** What a route answers without a session: a page sends the browser to the login, data says 401. */
    private enum Kind { PUBLIC, PAGE, DATA }

    @FunctionalInterface
    private interface Handler {
        void handle(UiCall call) throws Exception;
    }

    private final Repository repository;
    private final LocalCache cache;
    private final Gallery gallery;
    private final Thumbnails thumbnails;
    private final UiSessions sessions;
    private final RestoreJobs jobs;
    private volatile ExternalRestore external;

    /**
     * @param restoreRoot where restores from the UI go, each into a folder the form names
     * @param zone        the time zone of the pages (months and times)
     */
    public UiRoutes(Repository repository, LocalCache cache, Path restoreRoot, ZoneId zone) {
        this.repository = repository;
        this.cache = cache;
        this.gallery = new Gallery(repository, zone);
        this.thumbnails = new Thumbnails(repository, cache);
        this.sessions = new UiSessions(Clock.systemUTC());
        this.jobs = new RestoreJobs(repository, restoreRoot);
    }

    /** The token printed at start that opens one session without the passphrase. */
    public String oneTimeToken() {
        return sessions.oneTimeToken();
    }

    public Thumbnails thumbnails() {
        return thumbnails;
    }

    public RestoreJobs jobs() {
        return jobs;
    }

    /** Offers restores into {@code destination} (Google Photos) beside those into a folder. */
    public UiRoutes withExternalRestore(ExternalRestore destination) {
        this.external = destination;
        return this;
    }

    @Override
    public void configure() {
        // platform-http drops Cache-Control from answers by default; the UI's "no-store" must reach the browser.
        org.apache.camel.support.DefaultHeaderFilterStrategy headers =
                new org.apache.camel.support.DefaultHeaderFilterStrategy();
        org.apache.camel.support.http.HttpUtil.addCommonFilters(headers.getOutFilter());
        headers.getOutFilter().removeIf(h -> h.equalsIgnoreCase("cache-control"));
        headers.setLowerCase(true);
        headers.setOutFilterStartsWith(org.apache.camel.support.DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
        getContext().getRegistry().bind(HEADER_FILTER, headers);
        route("GET", "/static/{file}", Kind.PUBLIC, this::asset);
        route("GET", "/login", Kind.PUBLIC, this::loginPage);
        route("POST", "/login", Kind.PUBLIC, this::login);
        route("POST", "/logout", Kind.PAGE, this::logout);
        route("GET", "/", Kind.PAGE, this::snapshotsPage);
        route("GET", "/s/{id}", Kind.PAGE, this::snapshotPage);
        route("GET", "/s/{id}/grid", Kind.PAGE, this::gridPage);
        route("GET", "/s/{id}/diff", Kind.PAGE, this::diffPage);
        route("GET", "/s/{id}/i/{n}", Kind.PAGE, this::itemPage);
        route("GET", "/s/{id}/thumb/{n}", Kind.DATA, call -> picture(call, Thumbnails.Size.THUMBNAIL));
        route("GET", "/s/{id}/preview/{n}", Kind.DATA, call -> picture(call, Thumbnails.Size.PREVIEW));
        route("GET", "/s/{id}/download/{n}", Kind.DATA, this::download);
        route("POST", "/s/{id}/restore", Kind.PAGE, this::restore);
        route("GET", "/jobs", Kind.PAGE, this::jobsPage);
        route("GET", "/jobs/{job}", Kind.PAGE, this::jobPage);
        route("GET", "/api/snapshots", Kind.DATA, this::snapshotsJson);
        route("GET", "/api/jobs/{job}", Kind.DATA, this::jobJson);
    }

    private void route(String method, String template, Kind kind, Handler handler) {
        String id = "ui" + (template.equals("/") ? "-home" : template.replaceAll("[{}]", "").replace('/', '-'))
                + ("POST".equals(method) ? "-post" : "");
        // A POST takes url-encoded forms only: a multipart body would be stored as files (platform-http's body
        // handler keeps uploads on disk) before the route could refuse it.
        from("platform-http:" + template + "?httpMethodRestrict=" + method + "&muteException=true"
                + "&headerFilterStrategy=#" + HEADER_FILTER
                + ("POST".equals(method) ? "&consumes=application/x-www-form-urlencoded" : ""))
                .routeId(id).routeGroup("ui")
                .process(exchange -> handle(exchange, template, kind, handler));
    }

    private void handle(Exchange exchange, String template, Kind kind, Handler handler) {
        UiCall call = new UiCall(exchange, template);
        try {
            if (!hostAllowed(call)) {
                call.text(403, "refused: served on this machine only, ask for localhost or 127.0.0.1");
                return;
            }
            if (kind != Kind.PUBLIC || "POST".equals(call.header(Exchange.HTTP_METHOD))) {
                if (!sameOrigin(call)) {
                    call.text(403, "refused: this request came from another site");
                    return;
                }
            }
            if (kind != Kind.PUBLIC) {
                Optional<UiSessions.Session> session = sessions.fromCookieHeader(call.header("Cookie"));
                if (session.isEmpty()) {
                    if (kind == Kind.PAGE && "GET".equals(call.header(Exchange.HTTP_METHOD))) {
                        call.redirect("/login");
                    } else {
                        call.text(401, "sign in first: open /login");
                    }
                    return;
                }
                call.session = session.get();
                if ("POST".equals(call.header(Exchange.HTTP_METHOD))
                        && !UiSessions.csrfMatches(call.session, call.formValue("csrf"))) {
                    call.text(403, "refused: the form's CSRF token is missing or wrong (reload the page and try again)");
                    return;
                }
            }
            handler.handle(call);
        } catch (IntegrityException e) {
            // Damage in the repository, not a mistake of the request: said in one line, in the log and the page.
            LOG.warn("web UI: {} is damaged in the repository: {}", call.header(Exchange.HTTP_PATH), e.getMessage());
            call.html(500, Html.page("Damaged", csrf(call), "<h1>This file is damaged in the repository</h1>"
                    + "<p class=\"error\">" + esc(e.getMessage()) + "</p><p>The other files are not affected."
                    + " <code>photovault check --read-data</code> finds every damaged file and"
                    + " <code>photovault repair</code> says what can be done; a second repository (copy) or the"
                    + " next backup of the original restores it.</p>"));
        } catch (VaultException e) {
            call.html(400, Html.page("Cannot do that", csrf(call), "<h1>Cannot do that</h1><p class=\"error\">"
                    + esc(e.getMessage()) + "</p><p><a href=\"/\">Back to the snapshots</a></p>"));
        } catch (Exception e) {
            LOG.warn("web UI: {} {} failed: {}", call.header(Exchange.HTTP_METHOD), call.header(Exchange.HTTP_PATH),
                    e.toString());
            call.html(500, Html.page("Error", csrf(call), "<h1>Something went wrong</h1><p class=\"error\">"
                    + esc(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
                    + "</p><p>The repository was not changed. The log has the details.</p>"));
        }
    }

    /**
     * Served on a loopback address, the UI answers only requests that name a loopback host: a web page whose own
     * name an attacker made resolve to 127.0.0.1 (DNS rebinding) gets nothing but this refusal.
     */
    static boolean hostAllowed(UiCall call) {
        Object local = call.exchange.getIn().getHeader("CamelVertxPlatformHttpLocalAddress");
        String localHost = local == null ? "" : hostOf(local.toString());
        if (!isLoopbackName(localHost)) {
            return true; // served to the network on purpose (--bind): any name that reaches it
        }
        String host = authority(call);
        return host != null && isLoopbackName(hostOf(host));
    }

    /**
     * The host and port the request was sent to: the Host header of HTTP/1.1, or HTTP/2's :authority, as
     * platform-http puts either into the request URL.
     */
    static String authority(UiCall call) {
        String url = call.header(Exchange.HTTP_URL);
        if (url != null) {
            try {
                String authority = java.net.URI.create(url).getRawAuthority();
                if (authority != null) {
                    return authority;
                }
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return call.header("Host");
    }

    /** The host part of {@code host:port}, {@code [v6]:port} or a bare host. */
    static String hostOf(String hostAndPort) {
        String h = hostAndPort.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.substring(0, colon) : h;
    }

    private static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    /** A POST's Origin (or, without one, its Sec-Fetch-Site) must say it came from this server's own pages. */
    private static boolean sameOrigin(UiCall call) {
        String origin = call.header("Origin");
        String host = authority(call);
        if (origin != null && !origin.equals("null")) {
            return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
        }
        String site = call.header("Sec-Fetch-Site");
        return site == null || site.equals("same-origin") || site.equals("none")
                || !"POST".equals(call.header(Exchange.HTTP_METHOD)) && site.equals("same-site");
    }

    private static String csrf(UiCall call) {
        return call.session == null ? null : call.session.csrf();
    }

    // ---- sign-in ------------------------------------------------------------------------------------------

    private void loginPage(UiCall call) {
        String token = call.param("token");
        if (token != null) {
            loginResult(call, sessions.withToken(token));
            return;
        }
        call.html(200, loginForm(null));
    }

    private void login(UiCall call) {
        String token = call.formValue("token");
        String passphrase = call.formValue("passphrase");
        if (token != null && !token.isBlank()) {
            loginResult(call, sessions.withToken(token.strip()));
        } else if (passphrase != null && !passphrase.isEmpty() && repository.plaintext()) {
            // Every passphrase "opens" a plaintext archive: only the one-time link signs in to one.
            call.html(401, loginForm("This archive is not encrypted and has no passphrase: sign in with the"
                    + " one-time link printed at start."));
        } else if (passphrase != null && !passphrase.isEmpty()) {
            char[] chars = passphrase.toCharArray();
            try {
                loginResult(call, sessions.withCheck(() -> {
                    try {
                        return repository.opensWith(chars);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            } finally {
                Arrays.fill(chars, '\0');
            }
        } else {
            call.html(400, loginForm("Enter the repository passphrase or the one-time token."));
        }
    }

    private void loginResult(UiCall call, UiSessions.Login login) {
        switch (login.outcome()) {
            case OK -> {
                call.redirect("/");
                call.exchange.getMessage().setHeader("Set-Cookie", UiSessions.COOKIE + "=" + login.session().id()
                        + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + UiSessions.IDLE.toSeconds());
            }
            case WRONG -> call.html(401, loginForm("Wrong passphrase or token. The next attempt is heard in "
                    + seconds(login.retryAfter()) + "."));
            default -> {
                call.html(429, loginForm("Too many attempts: try again in " + seconds(login.retryAfter()) + "."));
                call.exchange.getMessage().setHeader("Retry-After", Long.toString(wholeSeconds(login.retryAfter())));
            }
        }
    }

    private static String seconds(java.time.Duration d) {
        long s = wholeSeconds(d);
        return s + (s == 1 ? " second" : " seconds");
    }

    /** A wait in whole seconds, rounded up, at least one. */
    private static long wholeSeconds(java.time.Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static String loginForm(String message) {
        return Html.page("Sign in", null, "<h1>Sign in</h1>"
                + (message == null ? "" : "<p class=\"error\" id=\"login-error\">" + esc(message) + "</p>")
                + "<form method=\"post\" action=\"/login\" class=\"login\">"
                + "<label>Repository passphrase <input type=\"password\" name=\"passphrase\" id=\"passphrase\""
                + " autocomplete=\"current-password\" autofocus></label>"
                + "<label>or the one-time token printed at start <input type=\"text\" name=\"token\" id=\"token\""
                + " autocomplete=\"off\" spellcheck=\"false\"></label>"
                + "<button type=\"submit\" id=\"sign-in\">Sign in</button></form>"
                + "<p class=\"muted\">The passphrase is checked by opening the repository's key on this machine;"
                + " it is not stored.</p>");
    }

    private void logout(UiCall call) {
        sessions.end(call.header("Cookie"));
        call.redirect("/login");
        call.exchange.getMessage().setHeader("Set-Cookie",
                UiSessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    }

    // ---- snapshots ----------------------------------------------------------------------------------------

    private void snapshotsPage(UiCall call) throws IOException {
        List<SnapshotRef> all = gallery.snapshots();
        StringBuilder b = new StringBuilder("<h1>Snapshots</h1>");
        int damaged = repository.damagedSnapshots().size();
        b.append("<p class=\"muted\">Repository ").append(esc(repository.store().location())).append(" · ")
                .append(all.size()).append(all.size() == 1 ? " snapshot" : " snapshots");
        if (damaged > 0) {
            b.append(" · <span class=\"error\">").append(damaged)
                    .append(" damaged (photovault repair snapshots removes them)</span>");
        }
        b.append("</p>");
        if (all.isEmpty()) {
            b.append("<p>No snapshots yet: run a backup first.</p>");
        } else {
            b.append("<div class=\"table\"><table id=\"snapshots\"><thead><tr><th>Time</th><th>Snapshot</th>")
                    .append("<th>Source</th><th>Label</th><th>Items</th><th>Size</th><th>State</th><th>Tags</th>")
                    .append("</tr></thead><tbody>");
            for (SnapshotRef ref : all) {
                SnapshotHeader h = ref.header();
                b.append("<tr><td>").append(esc(time(h.time(), MINUTE))).append("</td><td><a href=\"/s/")
                        .append(ref.id()).append("\">").append(ref.shortId()).append("</a>")
                        .append(h.copiedFrom() == null ? "" : " <span class=\"muted\">(copy)</span>")
                        .append("</td><td>").append(esc(h.source())).append("</td><td>")
                        .append(esc(String.join(", ", h.paths()))).append("</td><td>")
                        .append(h.stats() == null ? "" : h.stats().files()).append("</td><td>")
                        .append(h.stats() == null ? "" : esc(ByteSizes.format(h.stats().totalBytes())))
                        .append("</td><td>").append(h.partial()
                                ? "<span class=\"warn\">partial (" + h.missing().size() + " missing)</span>"
                                : "complete")
                        .append("</td><td>").append(esc(String.join(", ", h.tags()))).append("</td></tr>");
            }
            b.append("</tbody></table></div>");
        }
        b.append(runHistory());
        call.html(200, Html.page("Snapshots", csrf(call), b.toString()));
    }

    /** The newest run reports of this machine's scheduled backups (the cache's runs/ folder). */
    private String runHistory() {
        Path runs = cache.dir().resolve("runs");
        List<RunReport> reports = new ArrayList<>();
        if (Files.isDirectory(runs)) {
            try (Stream<Path> files = Files.list(runs)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                        .sorted(java.util.Comparator.comparing(Path::getFileName).reversed()).limit(RUNS_SHOWN)
                        .toList()) {
                    try {
                        reports.add(VaultJson.MAPPER.readValue(file.toFile(), RunReport.class));
                    } catch (IOException e) {
                        LOG.debug("unreadable run report {}: {}", file, e.getMessage());
                    }
                }
            } catch (IOException e) {
                LOG.debug("cannot list {}: {}", runs, e.getMessage());
            }
        }
        StringBuilder b = new StringBuilder("<h2>Runs on this machine</h2>");
        if (reports.isEmpty()) {
            return b.append("<p class=\"muted\">No scheduled backup has run here yet (photovault run).</p>")
                    .toString();
        }
        RunReport last = reports.get(0);
        b.append("<p id=\"health\" class=\"").append(last.ok() ? "ok" : "warn").append("\">Last run ")
                .append(esc(time(last.started(), MINUTE))).append(": ").append(esc(last.status()))
                .append("</p><div class=\"table\"><table id=\"runs\"><thead><tr><th>Started</th><th>Source</th>")
                .append("<th>State</th><th>What it did</th></tr></thead><tbody>");
        for (RunReport r : reports) {
            b.append("<tr><td>").append(esc(time(r.started(), MINUTE))).append("</td><td>").append(esc(r.source()))
                    .append("</td><td class=\"").append(r.ok() ? "ok" : "warn").append("\">").append(esc(r.status()))
                    .append("</td><td>").append(esc(r.line())).append("</td></tr>");
        }
        return b.append("</tbody></table></div>").toString();
    }

    private void snapshotPage(UiCall call) throws IOException {
        Optional<SnapshotRef> found = snapshotOf(call);
        if (found.isEmpty()) {
            return;
        }
        SnapshotRef ref = found.get();
        Snapshot snapshot = gallery.load(ref);
        Gallery.Overview o = gallery.overview(snapshot);
        String base = "/s/" + ref.id();
        StringBuilder b = new StringBuilder();
        b.append("<h1>Snapshot ").append(ref.shortId()).append("</h1>").append(headerLine(ref))
                .append("<p><a class=\"button\" id=\"all-photos\" href=\"").append(base).append("/grid\">All ")
                .append(o.files()).append(" items</a> ").append(esc(ByteSizes.format(o.bytes()))).append("</p>");
        if (!ref.header().missing().isEmpty()) {
            List<String> missing = ref.header().missing();
            b.append("<h2 class=\"warn\">Not in this snapshot</h2><p>").append(missing.size())
                    .append(missing.size() == 1 ? " item" : " items")
                    .append(" could not be read by this backup; the next run tries again.</p><ul id=\"missing\">");
            missing.stream().limit(50).forEach(m -> b.append("<li>").append(esc(m)).append("</li>"));
            b.append(missing.size() > 50 ? "<li class=\"muted\">and " + (missing.size() - 50) + " more</li>" : "")
                    .append("</ul>");
        }
        b.append(searchForm(base, o, Gallery.Query.ALL));
        b.append("<h2>Albums</h2>");
        if (o.albums().isEmpty()) {
            b.append("<p class=\"muted\">No albums in this snapshot.</p>");
        } else {
            b.append("<ul class=\"counts\" id=\"albums\">");
            for (Gallery.Count c : o.albums()) {
                b.append("<li><a href=\"").append(base).append("/grid?album=").append(url(c.name())).append("\">")
                        .append(esc(c.name())).append("</a> <span class=\"muted\">").append(c.count())
                        .append("</span></li>");
            }
            b.append("</ul>");
        }
        b.append("<h2>By month taken</h2><ul class=\"counts\" id=\"months\">");
        for (Gallery.Count c : o.months()) {
            b.append("<li><a href=\"").append(base).append("/grid?month=").append(c.name()).append("\">")
                    .append(c.name()).append("</a> <span class=\"muted\">").append(c.count()).append("</span></li>");
        }
        b.append("</ul>");
        List<SnapshotRef> others = gallery.snapshots().stream().filter(s -> !s.id().equals(ref.id())).toList();
        if (!others.isEmpty()) {
            b.append("<h2>Compare</h2><form method=\"get\" action=\"").append(base)
                    .append("/diff\" class=\"inline\"><label>What changed since <select name=\"against\">");
            for (SnapshotRef other : others) {
                b.append("<option value=\"").append(other.id()).append("\">").append(other.shortId()).append(" — ")
                        .append(esc(time(other.header().time(), MINUTE))).append(" ")
                        .append(esc(other.header().source())).append("</option>");
            }
            b.append("</select></label> <button type=\"submit\">Compare</button></form>");
        }
        call.html(200, Html.page("Snapshot " + ref.shortId(), csrf(call), b.toString()));
    }

    private String headerLine(SnapshotRef ref) {
        SnapshotHeader h = ref.header();
        StringBuilder b = new StringBuilder("<p class=\"muted\">").append(esc(time(h.time(), MINUTE))).append(" · ")
                .append(esc(h.source()));
        if (!h.paths().isEmpty()) {
            b.append(" · ").append(esc(String.join(", ", h.paths())));
        }
        b.append(" · ").append(esc(h.hostname()));
        if (h.partial()) {
            b.append(" · <span class=\"warn\">partial: ").append(h.missing().size()).append(" missing</span>");
        }
        if (!h.tags().isEmpty()) {
            b.append(" · tags ").append(esc(String.join(", ", h.tags())));
        }
        return b.append("</p>").toString();
    }

    private static String searchForm(String base, Gallery.Overview o, Gallery.Query q) {
        StringBuilder b = new StringBuilder("<form method=\"get\" action=\"").append(base)
                .append("/grid\" class=\"search\" id=\"search\">")
                .append("<input type=\"search\" name=\"q\" placeholder=\"Name or description\" value=\"")
                .append(q.text() == null ? "" : esc(q.text())).append("\"><select name=\"album\">")
                .append("<option value=\"\">Any album</option>");
        for (Gallery.Count c : o.albums()) {
            b.append("<option").append(c.name().equals(q.album()) ? " selected" : "").append(" value=\"")
                    .append(esc(c.name())).append("\">").append(esc(c.name())).append("</option>");
        }
        b.append("</select><label>from <input type=\"date\" name=\"from\" value=\"")
                .append(q.from() == null ? "" : q.from()).append("\"></label><label>to <input type=\"date\" name=\"to\""
                        + " value=\"").append(q.to() == null ? "" : q.to()).append("\"></label>")
                .append("<label><input type=\"checkbox\" name=\"favorite\" value=\"1\"")
                .append(q.favorites() ? " checked" : "").append("> favourites</label>");
        if (q.month() != null) {
            b.append("<input type=\"hidden\" name=\"month\" value=\"").append(q.month()).append("\">");
        }
        return b.append("<button type=\"submit\">Search</button></form>").toString();
    }

    // ---- the grid -----------------------------------------------------------------------------------------

    private static Gallery.Query query(java.util.function.Function<String, String> field) {
        YearMonth month = null;
        LocalDate from = null;
        LocalDate to = null;
        try {
            month = field.apply("month") == null ? null : YearMonth.parse(field.apply("month"));
            from = field.apply("from") == null ? null : LocalDate.parse(field.apply("from"));
            to = field.apply("to") == null ? null : LocalDate.parse(field.apply("to"));
        } catch (DateTimeParseException e) {
            throw new VaultException("a date in the search is not YYYY-MM-DD (or a month YYYY-MM): "
                    + e.getParsedString());
        }
        return new Gallery.Query(field.apply("album"), month, field.apply("q"), from, to,
                field.apply("favorite") != null);
    }

    /** The query's fields as request parameters (unencoded), in a fixed order. */
    private static Map<String, String> queryParams(Gallery.Query q) {
        Map<String, String> params = new LinkedHashMap<>();
        if (q.album() != null) {
            params.put("album", q.album());
        }
        if (q.month() != null) {
            params.put("month", q.month().toString());
        }
        if (q.text() != null) {
            params.put("q", q.text());
        }
        if (q.from() != null) {
            params.put("from", q.from().toString());
        }
        if (q.to() != null) {
            params.put("to", q.to().toString());
        }
        if (q.favorites()) {
            params.put("favorite", "1");
        }
        return params;
    }

    private static String queryString(Gallery.Query q) {
        return String.join("&", queryParams(q).entrySet().stream().map(e -> e.getKey() + "=" + url(e.getValue()))
                .toList());
    }

    private static String describe(Gallery.Query q) {
        List<String> parts = new ArrayList<>();
        if (q.album() != null) {
            parts.add("album “" + q.album() + "”");
        }
        if (q.month() != null) {
            parts.add("taken in " + q.month());
        }
        if (q.text() != null) {
            parts.add("matching “" + q.text() + "”");
        }
        if (q.from() != null) {
            parts.add("from " + q.from());
        }
        if (q.to() != null) {
            parts.add("to " + q.to());
        }
        if (q.favorites()) {
            parts.add("favourites");
        }
        return parts.isEmpty() ? "All items" : String.join(", ", parts);
    }

    private void gridPage(UiCall call) throws IOException {
        Optional<SnapshotRef> found = snapshotOf(call);
        if (found.isEmpty()) {
            return;
        }
        SnapshotRef ref = found.get();
        Snapshot snapshot = gallery.load(ref);
        Gallery.Query q = query(call::param);
        int pageNumber = 0;
        String p = call.param("page");
        if (p != null && p.matches("[0-9]{1,6}")) {
            pageNumber = Integer.parseInt(p) - 1;
        }
        Gallery.Page page = gallery.grid(snapshot, q, pageNumber);
        String base = "/s/" + ref.id();
        String qs = queryString(q);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"crumbs\"><a href=\"").append(base).append("\">Snapshot ").append(ref.shortId())
                .append("</a></p><h1>").append(esc(describe(q))).append("</h1>")
                .append(searchForm(base, gallery.overview(snapshot), q))
                .append("<p class=\"muted\" id=\"count\">").append(page.total())
                .append(page.total() == 1 ? " item" : " items");
        if (page.pages() > 1) {
            b.append(" · page ").append(page.page() + 1).append(" of ").append(page.pages());
        }
        b.append("</p>");
        b.append("<form method=\"post\" action=\"").append(base).append("/restore\" id=\"restore-form\">")
                .append(csrfField(call.session.csrf()));
        queryParams(q).forEach((name, value) -> b.append("<input type=\"hidden\" name=\"").append(name)
                .append("\" value=\"").append(esc(value)).append("\">"));
        b.append("<ul class=\"grid\" id=\"grid\">");
        for (Gallery.Item item : page.items()) {
            b.append(figure(base, item, true, qs));
        }
        b.append("</ul>");
        b.append(pager(base, qs, page));
        if (page.total() > 0) {
            String folder = (q.album() != null ? q.album() : q.month() != null ? q.month().toString() : "photos")
                    + " " + ref.shortId();
            b.append("<fieldset class=\"restore\"><legend>Restore to a folder under ")
                    .append(esc(jobs.root())).append("</legend><label>Folder <input type=\"text\" name=\"folder\"")
                    .append(" id=\"folder\" value=\"").append(esc(folder)).append("\" required></label>")
                    .append("<button type=\"submit\" name=\"scope\" value=\"selected\" id=\"restore-selected\">")
                    .append("Restore selected</button>")
                    .append("<button type=\"submit\" name=\"scope\" value=\"all\" id=\"restore-all\">Restore all ")
                    .append(page.total()).append("</button></fieldset>");
            ExternalRestore to = external;
            if (to != null) {
                String action = base + "/restore?to=external";
                b.append("<fieldset class=\"restore\"><legend>Restore into ").append(esc(to.label()))
                        .append("</legend><button type=\"submit\" name=\"scope\" value=\"selected\" formaction=\"")
                        .append(action).append("\" id=\"external-selected\">Selected into ").append(esc(to.label()))
                        .append("</button><button type=\"submit\" name=\"scope\" value=\"all\" formaction=\"")
                        .append(action).append("\" id=\"external-all\">All ").append(page.total()).append(" into ")
                        .append(esc(to.label())).append("</button></fieldset>");
            }
        }
        b.append("</form>");
        call.html(200, Html.page(describe(q) + " · " + ref.shortId(), csrf(call), b.toString()));
    }

    private static String figure(String base, Gallery.Item item, boolean selectable, String qs) {
        Entry e = item.entry();
        String name = name(e);
        StringBuilder b = new StringBuilder("<li class=\"cell\"><a class=\"thumb\" href=\"").append(base).append("/i/")
                .append(item.index()).append(qs.isEmpty() ? "" : esc("?" + qs)).append("\" title=\"")
                .append(esc(e.path())).append("\"><img src=\"")
                .append(base).append("/thumb/").append(item.index()).append("\" loading=\"lazy\" alt=\"")
                .append(esc(name)).append("\" width=\"160\" height=\"160\">");
        if (Thumbnails.isVideo(e)) {
            b.append("<span class=\"badge\">video</span>");
        }
        b.append("</a>");
        if (selectable) {
            b.append("<label class=\"pick\"><input type=\"checkbox\" name=\"n\" value=\"").append(item.index())
                    .append("\"> ").append(esc(name)).append("</label>");
        } else {
            b.append("<span class=\"pick\">").append(esc(name)).append("</span>");
        }
        return b.append("</li>").toString();
    }

    private static String pager(String base, String qs, Gallery.Page page) {
        if (page.pages() <= 1) {
            return "";
        }
        String prefix = base + "/grid?" + (qs.isEmpty() ? "" : qs + "&") + "page=";
        StringBuilder b = new StringBuilder("<nav class=\"pager\">");
        if (page.page() > 0) {
            b.append("<a rel=\"prev\" href=\"").append(esc(prefix)).append(page.page()).append("\">← Newer</a>");
        }
        if (page.page() + 1 < page.pages()) {
            b.append("<a rel=\"next\" href=\"").append(esc(prefix)).append(page.page() + 2).append("\">Older →</a>");
        }
        return b.append("</nav>").toString();
    }

    private static String name(Entry e) {
        if (e.media() != null && e.media().filename() != null) {
            return e.media().filename();
        }
        int slash = e.path().lastIndexOf('/');
        return slash < 0 ? e.path() : e.path().substring(slash + 1);
    }

    // ---- one item -----------------------------------------------------------------------------------------

    /** The snapshot a URL names, or a 404 answered. */
    private Optional<SnapshotRef> snapshotOf(UiCall call) throws IOException {
        Optional<SnapshotRef> found = gallery.find(call.path.get("id"));
        if (found.isEmpty()) {
            notFound(call, "No such snapshot.");
        }
        return found;
    }

    /** The snapshot and item a URL names, or a 404 answered. */
    private Optional<Located> locate(UiCall call) throws IOException {
        Optional<SnapshotRef> ref = gallery.find(call.path.get("id"));
        if (ref.isPresent()) {
            Snapshot snapshot = gallery.load(ref.get());
            Optional<Gallery.Item> item = gallery.item(snapshot, call.path.get("n"));
            if (item.isPresent()) {
                return Optional.of(new Located(ref.get(), snapshot, item.get()));
            }
        }
        call.text(404, "no such item");
        return Optional.empty();
    }

    private record Located(SnapshotRef ref, Snapshot snapshot, Gallery.Item item) {
    }

    private void itemPage(UiCall call) throws IOException {
        Optional<Located> found = locate(call);
        if (found.isEmpty()) {
            return;
        }
        Located l = found.get();
        Entry e = l.item().entry();
        MediaInfo m = e.media();
        String base = "/s/" + l.ref().id();
        int n = l.item().index();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Path", esc(e.path()));
        Instant taken = m == null ? null : m.taken();
        rows.put("Taken", taken == null ? "<span class=\"muted\">unknown; sorted by "
                + (m != null && m.created() != null ? "upload" : "file") + " time "
                + esc(time(Gallery.when(e), SECOND)) + "</span>"
                : esc(time(taken, SECOND)) + (m.takenSource() == null ? ""
                        : " <span class=\"muted\">(from " + esc(m.takenSource()) + ")</span>"));
        if (m != null && m.created() != null) {
            rows.put("Added to the source", esc(time(m.created(), SECOND)));
        }
        if (m != null && (m.cameraMake() != null || m.cameraModel() != null)) {
            rows.put("Camera", esc(String.join(" ", Stream.of(m.cameraMake(), m.cameraModel())
                    .filter(x -> x != null && !x.isBlank()).toList())));
        }
        String dims = m != null && m.width() != null && m.height() != null ? " · " + m.width() + " × " + m.height()
                : "";
        rows.put("Size", esc(ByteSizes.format(e.size()) + " (" + e.size() + " bytes)" + dims));
        if (m != null && m.mimeType() != null) {
            rows.put("Type", esc(m.mimeType()));
        }
        if (!e.albums().isEmpty()) {
            rows.put("Albums", String.join(", ", e.albums().stream().map(a -> "<a href=\"" + base + "/grid?album="
                    + url(a) + "\">" + esc(a) + "</a>").toList()));
        }
        if (m != null && m.description() != null && !m.description().isBlank()) {
            rows.put("Description", esc(m.description()));
        }
        if (m != null && m.people() != null) {
            rows.put("People", esc(String.join(", ", m.people())));
        }
        rows.put("Favourite", m != null && Boolean.TRUE.equals(m.favorite()) ? "★ yes" : "no");
        if (m != null && Boolean.TRUE.equals(m.archived())) {
            rows.put("Archived", "yes");
        }
        if (m != null && m.latitude() != null && m.longitude() != null) {
            String lat = String.format(Locale.ROOT, "%.6f", m.latitude());
            String lon = String.format(Locale.ROOT, "%.6f", m.longitude());
            rows.put("Place", lat + ", " + lon + (m.altitude() == null ? ""
                    : String.format(Locale.ROOT, ", %.0f m", m.altitude()))
                    + " · <a id=\"map\" rel=\"noopener noreferrer\" target=\"_blank\""
                    + " href=\"https://www.openstreetmap.org/?mlat=" + lat + "&amp;mlon=" + lon + "#map=16/" + lat + "/"
                    + lon + "\">OpenStreetMap</a>");
        }
        if (m != null && m.sourceId() != null) {
            rows.put("Source id", esc(m.sourceId()));
        }
        rows.put("SHA-256", "<code>" + esc(e.sha256()) + "</code>");
        Gallery.Query q = query(call::param);
        String qs = queryString(q);
        String suffix = qs.isEmpty() ? "" : esc("?" + qs);
        Gallery.Neighbours near = gallery.neighbours(l.snapshot(), q, l.item());
        StringBuilder b = new StringBuilder("<p class=\"crumbs\"><a href=\"").append(base).append("\">Snapshot ")
                .append(l.ref().shortId()).append("</a> · <a href=\"").append(base).append("/grid").append(suffix)
                .append("\" id=\"back\">").append(esc(describe(q))).append("</a>");
        if (near.newer() != null) {
            b.append(" · <a id=\"prev\" rel=\"prev\" href=\"").append(base).append("/i/").append(near.newer().index())
                    .append(suffix).append("\">← Newer</a>");
        }
        if (near.older() != null) {
            b.append(" · <a id=\"next\" rel=\"next\" href=\"").append(base).append("/i/").append(near.older().index())
                    .append(suffix).append("\">Older →</a>");
        }
        b.append("</p><h1>").append(esc(name(e))).append("</h1><div class=\"item\">")
                .append("<div class=\"preview\"><img id=\"preview\" src=\"").append(base).append("/preview/").append(n)
                .append("\" alt=\"").append(esc(name(e))).append("\"></div><div><table class=\"meta\" id=\"meta\">");
        rows.forEach((k, v) -> b.append("<tr><th>").append(esc(k)).append("</th><td>").append(v).append("</td></tr>"));
        b.append("</table><p><a class=\"button\" id=\"download\" href=\"").append(base).append("/download/").append(n)
                .append("\">Download the original</a></p>")
                .append("<form method=\"post\" action=\"").append(base).append("/restore\">")
                .append(csrfField(call.session.csrf())).append("<input type=\"hidden\" name=\"n\" value=\"").append(n)
                .append("\"><input type=\"hidden\" name=\"scope\" value=\"selected\"><label>Restore into folder ")
                .append("<input type=\"text\" name=\"folder\" value=\"").append(esc("item " + l.ref().shortId()))
                .append("\" required></label> <button type=\"submit\">Restore</button></form></div></div>");
        call.html(200, Html.page(name(e), csrf(call), b.toString()));
    }

    private void picture(UiCall call, Thumbnails.Size size) throws IOException {
        Optional<Located> found = locate(call);
        if (found.isEmpty()) {
            return;
        }
        Thumbnails.Picture picture = thumbnails.of(found.get().item().entry(), size);
        call.bytes(picture.contentType(), picture.bytes());
    }

    private void download(UiCall call) throws IOException {
        Optional<Located> found = locate(call);
        if (found.isEmpty()) {
            return;
        }
        Entry e = found.get().item().entry();
        String type = e.media() != null && e.media().mimeType() != null ? e.media().mimeType()
                : "application/octet-stream";
        // Every chunk is verified before the answer starts: a damaged file then gets an error page, not a download
        // cut off after its headers (which a browser may keep as a whole file). A photo is read once into memory;
        // a larger file (a video) is read twice, once to verify and once to send.
        if (e.size() <= BUFFERED_DOWNLOAD) {
            byte[] content;
            try (InputStream in = new EntryInputStream(repository, e)) {
                content = in.readNBytes((int) e.size());
            }
            call.download(type, attachment(name(e)), content);
        } else {
            try (InputStream in = new EntryInputStream(repository, e)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            call.stream(type, attachment(name(e)), new EntryInputStream(repository, e));
        }
    }

    /** A Content-Disposition that keeps a file name in any script and cannot break out of the header. */
    static String attachment(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._ -]", "_");
        StringBuilder encoded = new StringBuilder();
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    // ---- diff ---------------------------------------------------------------------------------------------

    private void diffPage(UiCall call) throws IOException {
        Optional<SnapshotRef> newer = gallery.find(call.path.get("id"));
        Optional<SnapshotRef> older = gallery.find(call.param("against"));
        if (newer.isEmpty() || older.isEmpty()) {
            notFound(call, "No such snapshot.");
            return;
        }
        SnapshotRef a = older.get();
        SnapshotRef b0 = newer.get();
        if (a.header().time().isAfter(b0.header().time())) { // always older → newer
            SnapshotRef t = a;
            a = b0;
            b0 = t;
        }
        Gallery.Diff diff = gallery.diff(gallery.load(a), gallery.load(b0));
        StringBuilder b = new StringBuilder("<h1>From ").append(a.shortId()).append(" to ").append(b0.shortId())
                .append("</h1><p class=\"muted\">").append(esc(time(a.header().time(), MINUTE))).append(" → ")
                .append(esc(time(b0.header().time(), MINUTE))).append("</p><p id=\"diff-summary\">")
                .append(diff.added().size()).append(" added, ").append(diff.removed().size()).append(" removed, ")
                .append(diff.changed().size()).append(" changed</p>");
        diffSection(b, "Added", "added", "/s/" + b0.id(), diff.added());
        diffSection(b, "Removed", "removed", "/s/" + a.id(), diff.removed());
        diffSection(b, "Changed", "changed", "/s/" + b0.id(), diff.changed());
        call.html(200, Html.page("Diff", csrf(call), b.toString()));
    }

    private static void diffSection(StringBuilder b, String title, String id, String base, List<Gallery.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("<h2>").append(title).append("</h2><ul class=\"grid\" id=\"").append(id).append("\">");
        items.stream().limit(500).forEach(item -> b.append(figure(base, item, false, "")));
        b.append("</ul>");
        if (items.size() > 500) {
            b.append("<p class=\"muted\">and ").append(items.size() - 500).append(" more</p>");
        }
    }

    // ---- restores -----------------------------------------------------------------------------------------

    private void restore(UiCall call) throws IOException {
        Optional<SnapshotRef> found = snapshotOf(call);
        if (found.isEmpty()) {
            return;
        }
        SnapshotRef ref = found.get();
        Snapshot snapshot = gallery.load(ref);
        Set<String> paths = new LinkedHashSet<>();
        String what;
        if ("all".equals(call.formValue("scope"))) {
            Gallery.Query q = query(name -> {
                String v = call.formValue(name);
                return v == null || v.isBlank() ? null : v;
            });
            gallery.matching(snapshot, q).forEach(item -> paths.add(item.entry().path()));
            String described = describe(q);
            what = Character.toLowerCase(described.charAt(0)) + described.substring(1) + " of " + ref.shortId();
        } else {
            for (String n : call.formValues("n")) {
                gallery.item(snapshot, n).ifPresent(item -> paths.add(item.entry().path()));
            }
            what = paths.size() + (paths.size() == 1 ? " selected item" : " selected items") + " of " + ref.shortId();
        }
        ExternalRestore to = external;
        RestoreJobs.Job job;
        if ("external".equals(call.param("to"))) {
            if (to == null) {
                throw new VaultException("no restore destination but folders is configured here (photovault run with a"
                        + " Google account restores into Google Photos)");
            }
            job = jobs.start(ref.id(), snapshot, paths, to, what);
        } else {
            job = jobs.start(snapshot, paths, call.formValue("folder"), what);
        }
        call.redirect("/jobs/" + job.id());
    }

    private void jobsPage(UiCall call) {
        StringBuilder b = new StringBuilder("<h1>Restores</h1>");
        List<RestoreJobs.Job> all = jobs.jobs();
        if (all.isEmpty()) {
            b.append("<p class=\"muted\">None yet: pick items in a grid and restore them.</p>");
        } else {
            b.append("<ul>");
            for (RestoreJobs.Job j : all) {
                b.append("<li><a href=\"/jobs/").append(j.id()).append("\">").append(esc(j.what())).append("</a> — ")
                        .append(j.state().name().toLowerCase(Locale.ROOT)).append("</li>");
            }
            b.append("</ul>");
        }
        call.html(200, Html.page("Restores", csrf(call), b.toString()));
    }

    private void jobPage(UiCall call) {
        Optional<RestoreJobs.Job> found = jobs.job(call.path.get("job"));
        if (found.isEmpty()) {
            notFound(call, "No such restore.");
            return;
        }
        RestoreJobs.Job j = found.get();
        boolean running = j.state() == RestoreJobs.State.QUEUED || j.state() == RestoreJobs.State.RUNNING;
        long total = j.progress().bytesTotal();
        long done = j.progress().bytesDone();
        StringBuilder b = new StringBuilder("<h1>Restore ").append(esc(j.what())).append("</h1>")
                .append("<p>Into <code id=\"target\">").append(esc(j.destination())).append("</code></p>")
                .append("<p id=\"job-state\" data-job=\"").append(j.id()).append("\" class=\"")
                .append(j.state() == RestoreJobs.State.FAILED ? "warn" : "ok").append("\">")
                .append(j.state().name().toLowerCase(Locale.ROOT)).append("</p>");
        if (j.target() != null) { // a restore into a folder counts files and bytes as it goes
            b.append("<progress id=\"job-progress\" max=\"").append(Math.max(1, total)).append("\" value=\"")
                    .append(running ? done : Math.max(1, total)).append("\"></progress><p id=\"job-counts\">")
                    .append(j.progress().itemsDone()).append(" of ").append(j.progress().itemsTotal())
                    .append(" files, ").append(esc(ByteSizes.format(done))).append(" of ")
                    .append(esc(ByteSizes.format(total))).append("</p>");
        }
        if (j.result() != null) {
            b.append("<p id=\"job-result\">").append(j.result().files()).append(" files restored, ")
                    .append(j.result().unchanged()).append(" already there and unchanged, ")
                    .append(esc(ByteSizes.format(j.result().bytes()))).append(" written</p>");
        }
        if (j.summary() != null) {
            b.append("<p id=\"job-result\">").append(esc(j.summary())).append("</p>");
        }
        if (j.error() != null) {
            b.append("<p class=\"error\">").append(esc(j.error())).append("</p>");
        }
        call.html(200, Html.page("Restore", csrf(call), b.toString()));
    }

    private void jobJson(UiCall call) throws IOException {
        Optional<RestoreJobs.Job> found = jobs.job(call.path.get("job"));
        if (found.isEmpty()) {
            call.text(404, "no such restore");
            return;
        }
        RestoreJobs.Job j = found.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", j.id());
        out.put("what", j.what());
        out.put("state", j.state().name().toLowerCase(Locale.ROOT));
        out.put("target", j.destination());
        if (j.summary() != null) {
            out.put("summary", j.summary());
        }
        out.put("filesDone", j.progress().itemsDone());
        out.put("filesTotal", j.progress().itemsTotal());
        out.put("bytesDone", j.progress().bytesDone());
        out.put("bytesTotal", j.progress().bytesTotal());
        if (j.result() != null) {
            out.put("files", j.result().files());
            out.put("unchanged", j.result().unchanged());
        }
        if (j.error() != null) {
            out.put("error", j.error());
        }
        call.json(200, VaultJson.MAPPER.writeValueAsString(out));
    }

    private void snapshotsJson(UiCall call) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SnapshotRef ref : gallery.snapshots()) {
            Map<String, Object> s = new LinkedHashMap<>();
            SnapshotHeader h = ref.header();
            s.put("id", ref.id());
            s.put("time", h.time().toString());
            s.put("source", h.source());
            s.put("paths", h.paths());
            s.put("tags", h.tags());
            s.put("files", h.stats() == null ? null : h.stats().files());
            s.put("bytes", h.stats() == null ? null : h.stats().totalBytes());
            s.put("partial", h.partial());
            out.add(s);
        }
        call.json(200, VaultJson.MAPPER.writeValueAsString(out));
    }

    // ---- static files and errors --------------------------------------------------------------------------

    private void asset(UiCall call) throws IOException {
        String file = call.path.get("file");
        String type = switch (file == null ? "" : file) {
            case "app.css" -> "text/css; charset=utf-8";
            case "app.js" -> "text/javascript; charset=utf-8";
            default -> null;
        };
        if (type == null) {
            call.text(404, "no such file");
            return;
        }
        try (InputStream in = UiRoutes.class.getResourceAsStream("/photovault/ui/" + file)) {
            if (in == null) {
                call.text(404, "no such file");
                return;
            }
            call.bytes(type, in.readAllBytes());
        }
    }

    private static void notFound(UiCall call, String message) {
        call.html(404, Html.page("Not found", csrf(call), "<h1>Not found</h1><p>" + esc(message)
                + "</p><p><a href=\"/\">Back to the snapshots</a></p>"));
    }

    private String time(Instant t, DateTimeFormatter format) {
        return t == null ? "" : format.format(t.atZone(gallery.zone()));
    }

    @Override
    public String toString() {
        return "UiRoutes[" + repository + "]";
    }
}
