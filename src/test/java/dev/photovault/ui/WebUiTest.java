package dev.photovault.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.CountingStore;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.snapshot.Entry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI over HTTP, as an attacker or a careless user meets it: sessions, CSRF, paths, the cache, sign-in. */
class WebUiTest {

    static UiTestLibrary library;
    static WebUi ui;
    static String cookie;
    static String csrf;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path restores;

    @BeforeAll
    static void signIn() throws Exception {
        library = UiTestLibrary.get();
        ui = library.start(restores);
        HttpResponse<String> login = post(ui, "/login", null, "passphrase=" + enc(UiTestLibrary.PASSPHRASE));
        assertThat(login.statusCode()).isEqualTo(303);
        cookie = sessionCookie(login);
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(get("/").body());
        assertThat(m.find()).isTrue();
        csrf = m.group(1);
    }

    @AfterAll
    static void stop() {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void withoutASessionEveryPageSendsToTheLoginAndEveryApiAnswers401() throws Exception {
        String s = "/s/" + library.snapshot.id();
        for (String page : List.of("/", s, s + "/grid", s + "/grid?album=x", s + "/diff?against=" + library.snapshot.id(),
                s + "/i/1", "/jobs", "/jobs/1")) {
            for (String c : new String[] {null, "photovault_session=forged", UiSessions.COOKIE + "="}) {
                HttpResponse<String> r = send(ui, HttpRequest.newBuilder(uri(ui, page)), c);
                assertThat(r.statusCode()).as(page).isEqualTo(303);
                assertThat(r.headers().firstValue("Location")).as(page).hasValue("/login");
                assertThat(r.body()).as(page).doesNotContain("IMG_");
            }
        }
        for (String api : List.of(s + "/thumb/1", s + "/preview/1", s + "/download/1", "/api/snapshots",
                "/api/jobs/1")) {
            HttpResponse<String> r = send(ui, HttpRequest.newBuilder(uri(ui, api)), null);
            assertThat(r.statusCode()).as(api).isEqualTo(401);
        }
        HttpResponse<String> restore = post(ui, s + "/restore", null, "scope=all&folder=x&csrf=" + enc(csrf));
        assertThat(restore.statusCode()).isEqualTo(401);
        assertThat(post(ui, "/logout", null, "csrf=" + enc(csrf)).statusCode()).isEqualTo(401);
        assertThat(ui.routes().jobs().jobs()).noneMatch(j -> j.target().endsWith("x"));
    }

    @Test
    void aForgedPostWithoutTheCsrfTokenIsRefusedAndStartsNothing() throws Exception {
        String restore = "/s/" + library.snapshot.id() + "/restore";
        int before = ui.routes().jobs().jobs().size();
        assertThat(post(ui, restore, cookie, "scope=all&folder=forged").statusCode()).isEqualTo(403);
        assertThat(post(ui, restore, cookie, "scope=all&folder=forged&csrf=wrong").statusCode()).isEqualTo(403);
        // The right token from another site's page (a cross-site form post still carries a Lax cookie elsewhere).
        HttpResponse<String> crossSite = send(ui, HttpRequest.newBuilder(uri(ui, restore))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("scope=all&folder=forged&csrf=" + enc(csrf))), cookie);
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(ui.routes().jobs().jobs()).hasSize(before);
        assertThat(restores.resolve("forged")).doesNotExist();
        // Sign-out is a POST with the token too: without it the session stays.
        assertThat(post(ui, "/logout", cookie, "").statusCode()).isEqualTo(403);
        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aPathTraversalInTheDownloadUrlFindsNothing() throws Exception {
        String s = "/s/" + library.snapshot.id();
        List<String> attempts = List.of(s + "/download/..%2F..%2F..%2Fetc%2Fpasswd", s + "/download/%2Fetc%2Fpasswd",
                s + "/download/-1", s + "/download/999999", s + "/download/0x1", s + "/download/1%00",
                s + "/download/" + library.load().entries().size(), "/s/..%2F..%2Fetc/download/1",
                "/s/" + library.snapshot.id().substring(0, 4) + "/download/1", s + "/download/1/..%2F..%2Fpasswd",
                "/static/..%2F..%2Fphotovault%2Fapplication.properties", "/static/app.css%2F..%2F..%2Fpasswd");
        for (String a : attempts) {
            HttpResponse<String> r = get(a);
            assertThat(r.statusCode()).as(a).isEqualTo(404);
            assertThat(r.body()).as(a).doesNotContain("root:").doesNotContain("vault.store");
        }
        // A folder entry is not a file to download either.
        int folder = -1;
        List<Entry> entries = library.load().entries();
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).isFile()) {
                folder = i;
                break;
            }
        }
        if (folder >= 0) {
            assertThat(get(s + "/download/" + folder).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theDownloadIsTheOriginalByteForByte() throws Exception {
        int n = library.indexOf(e -> e.path().endsWith(".jpg"));
        Entry entry = library.load().entries().get(n);
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri(ui, "/s/" + library.snapshot.id()
                + "/download/" + n)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        assertThat(dev.photovault.vault.core.Digests.sha256Hex(r.body())).isEqualTo(entry.sha256());
    }

    @Test
    void theThumbnailCacheHoldsNoPlaintextImage() throws Exception {
        String s = "/s/" + library.snapshot.id();
        List<String> thumbs = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"(/s/[0-9a-f]+/thumb/[0-9]+)\"").matcher(get(s + "/grid").body());
        while (m.find()) {
            thumbs.add(m.group(1));
        }
        assertThat(thumbs).hasSize(48);
        int photos = 0;
        for (String t : thumbs) {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri(ui, t)).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            byte[] b = r.body();
            if (r.headers().firstValue("Content-Type").orElse("").equals("image/jpeg")) {
                assertThat(b[0] & 0xff).isEqualTo(0xff);
                assertThat(b[1] & 0xff).isEqualTo(0xd8);
                photos++;
            }
        }
        assertThat(photos).as("every photo of the library gets a real thumbnail").isGreaterThan(30);
        get(s + "/preview/" + library.indexOf(e -> e.path().endsWith(".jpg")));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(library.cache.dir())) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/runs/")
                    && !f.getFileName().toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(photos);
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            // JPEG magic: the start of image and the first marker (JFIF, EXIF, tables) our writer puts after it;
            // three bytes alone turn up by chance in ciphertext (1 in 16 million places).
            for (int marker : new int[] {0xe0, 0xe1, 0xdb, 0xc0, 0xc4}) {
                assertThat(TestRepository.indexOf(content, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) marker}))
                        .as(f.toString()).isEqualTo(-1);
            }
            assertThat(TestRepository.indexOf(content, "JFIF".getBytes(StandardCharsets.US_ASCII))).as(f.toString()).isEqualTo(-1);
            assertThat(TestRepository.indexOf(content, new byte[] {(byte) 0x89, 'P', 'N', 'G'})).as(f.toString()).isEqualTo(-1);
        }
        // A second view reads the sealed cache, not the original.
        Entry photo = library.load().entries().get(library.indexOf(e -> e.path().endsWith(".jpg")));
        assertThat(ui.routes().thumbnails().of(photo, dev.photovault.vault.core.thumbnail.Thumbnails.Size.THUMBNAIL)
                .fromCache()).isTrue();
    }

    @Test
    void aWrongPassphraseIsRateLimitedAndTheOneTimeTokenWorksOnce(@TempDir Path other) throws Exception {
        try (WebUi fresh = library.start(other)) {
            HttpResponse<String> wrong = post(fresh, "/login", null, "passphrase=guess");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
            // Even the right passphrase is not heard right after a failure.
            HttpResponse<String> soon = post(fresh, "/login", null, "passphrase=" + enc(UiTestLibrary.PASSPHRASE));
            assertThat(soon.statusCode()).isEqualTo(429);
            long wait = Long.parseLong(soon.headers().firstValue("Retry-After").orElseThrow());
            assertThat(wait).isBetween(1L, 60L);
            Thread.sleep(wait * 1000 + 100);
            HttpResponse<String> wrongAgain = post(fresh, "/login", null, "passphrase=guess2");
            assertThat(wrongAgain.statusCode()).isEqualTo(401);
            assertThat(wrongAgain.body()).contains("2 seconds"); // doubled
            Thread.sleep(2100);
            String token = fresh.loginUrl().substring(fresh.loginUrl().indexOf("token=") + 6);
            HttpResponse<String> first = send(fresh, HttpRequest.newBuilder(uri(fresh, "/login?token=" + token)),
                    null);
            assertThat(first.statusCode()).isEqualTo(303);
            String c = sessionCookie(first);
            assertThat(first.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly")
                    .contains("SameSite=Strict").contains("Path=/");
            assertThat(send(fresh, HttpRequest.newBuilder(uri(fresh, "/")), c).statusCode()).isEqualTo(200);
            HttpResponse<String> second = send(fresh, HttpRequest.newBuilder(uri(fresh, "/login?token=" + token)),
                    null);
            assertThat(second.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aPlaintextArchiveTakesNoPassphraseOnlyTheOneTimeLink(@TempDir Path dir) throws Exception {
        dev.photovault.vault.core.repository.Repository plain = dev.photovault.vault.core.repository.Repository
                .initPlaintext(new dev.photovault.vault.core.store.LocalObjectStore(dir.resolve("plain")),
                        dev.photovault.vault.core.chunker.ChunkerParams.PRODUCTION);
        try (WebUi open = WebUi.start(plain, dev.photovault.vault.core.cache.LocalCache.of(dir.resolve("cache"),
                plain.config().id()), dir.resolve("restores"), "127.0.0.1", 0)) {
            HttpResponse<String> any = post(open, "/login", null, "passphrase=anything");
            assertThat(any.statusCode()).isEqualTo(401);
            assertThat(any.body()).contains("one-time link");
            assertThat(any.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(send(open, HttpRequest.newBuilder(uri(open, "/login?token="
                    + open.loginUrl().substring(open.loginUrl().indexOf("token=") + 6))), null).statusCode())
                    .isEqualTo(303);
        }
    }

    @Test
    void pagesCarryNoSecretAndForbidFramingAndOtherOrigins() throws Exception {
        String s = "/s/" + library.snapshot.id();
        String token = ui.loginUrl().substring(ui.loginUrl().indexOf("token=") + 6);
        for (String page : List.of("/", s, s + "/grid", s + "/i/" + library.indexOf(Entry::isFile), "/jobs",
                "/api/snapshots", "/login")) {
            HttpResponse<String> r = get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).doesNotContain(UiTestLibrary.PASSPHRASE).doesNotContain(token)
                    .doesNotContain(cookie.substring(cookie.indexOf('=') + 1));
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(r.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Cookie"));
        }
        assertThat(new UiSessions(java.time.Clock.systemUTC()).toString()).doesNotContain(token);
    }

    @Test
    void searchFindsByNameAlbumAndDateAndTheApiListsTheSnapshot() throws Exception {
        String s = "/s/" + library.snapshot.id();
        Entry some = library.load().entries().get(library.indexOf(e -> !e.albums().isEmpty()));
        String album = some.albums().get(0);
        long inAlbum = library.load().entries().stream().filter(e -> e.isFile() && e.albums().contains(album)).count();
        assertThat(get(s + "/grid?album=" + enc(album)).body()).contains("id=\"count\">" + inAlbum + " item");
        String name = some.path().substring(some.path().lastIndexOf('/') + 1);
        assertThat(get(s + "/grid?q=" + enc(name.toLowerCase(java.util.Locale.ROOT))).body())
                .contains("id=\"count\">1 item").contains(name);
        assertThat(get(s + "/grid?from=1990-01-01&to=1990-12-31").body()).contains("id=\"count\">0 items");
        assertThat(get(s + "/grid?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/api/snapshots").body()).contains(library.snapshot.id()).contains("\"files\":48");
    }

    @Test
    void aRequestNamingAnotherHostIsRefusedEvenWithASession() throws Exception {
        int port = URI.create(ui.url()).getPort();
        for (String host : List.of("evil.example:" + port, "evil.example", "192.168.1.20:" + port)) {
            assertThat(rawStatus(port, "GET / HTTP/1.1\r\nHost: " + host + "\r\nCookie: " + cookie
                    + "\r\nConnection: close\r\n\r\n")).as(host).isEqualTo(403);
        }
        assertThat(rawStatus(port, "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nCookie: " + cookie
                + "\r\nConnection: close\r\n\r\n")).isEqualTo(200);
        assertThat(UiRoutes.hostOf("[::1]:8765")).isEqualTo("::1");
        assertThat(UiRoutes.hostOf("127.0.0.1:8765")).isEqualTo("127.0.0.1");
    }

    static int rawStatus(int port, String request) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void aGridAndItsThumbnailsDoNotListTheStoresSnapshotsAgainAndAgain(@TempDir Path other) throws Exception {
        CountingStore store = new CountingStore(new dev.photovault.vault.core.store.LocalObjectStore(
                library.dir.resolve("vault")));
        dev.photovault.vault.core.repository.Repository counted = dev.photovault.vault.core.repository.Repository
                .open(store, UiTestLibrary.PASSPHRASE.toCharArray());
        try (WebUi fresh = WebUi.start(counted, library.cache, other, "127.0.0.1", 0)) {
            String token = fresh.loginUrl().substring(fresh.loginUrl().indexOf("token=") + 6);
            String c = sessionCookie(send(fresh, HttpRequest.newBuilder(uri(fresh, "/login?token=" + token)), null));
            String s = "/s/" + library.snapshot.id();
            String grid = send(fresh, HttpRequest.newBuilder(uri(fresh, s + "/grid")), c).body();
            Matcher m = Pattern.compile("src=\"(/s/[0-9a-f]+/thumb/[0-9]+)\"").matcher(grid);
            int pictures = 0;
            while (m.find()) {
                assertThat(send(fresh, HttpRequest.newBuilder(uri(fresh, m.group(1))), c).statusCode()).isEqualTo(200);
                pictures++;
            }
            assertThat(pictures).isEqualTo(48);
            assertThat(send(fresh, HttpRequest.newBuilder(uri(fresh, s + "/i/1")), c).statusCode()).isEqualTo(200);
            assertThat(store.lists("snapshots/")).as("listings of snapshots/ for a grid, 48 thumbnails and an item")
                    .isZero();
            assertThat(store.reads("snapshots/" + library.snapshot.id())).isLessThanOrEqualTo(1);
            // A short id still finds it, through the listing.
            assertThat(send(fresh, HttpRequest.newBuilder(uri(fresh, "/s/" + library.snapshot.shortId())), c)
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theDiffOfASnapshotWithItselfIsEmptyAndAnUnknownOneIsNotFound() throws Exception {
        String s = "/s/" + library.snapshot.id();
        assertThat(get(s + "/diff?against=" + library.snapshot.id()).body())
                .contains("id=\"diff-summary\">0 added, 0 removed, 0 changed");
        assertThat(get(s + "/diff?against=" + "0".repeat(64)).statusCode()).isEqualTo(404);
        assertThat(get(s + "/diff").statusCode()).isEqualTo(404);
    }

    @Test
    void aRestoreFolderNameCannotLeaveTheRestoreRoot() {
        RestoreJobs jobs = ui.routes().jobs();
        Path root = jobs.root();
        for (String name : List.of("../../etc", "/etc/cron.d", "a/../../b", "C:\\Windows", ".hidden",
                "album\u0000name", "Ferien 2024 – Sylt")) {
            Path target = jobs.target(name);
            assertThat(target.getParent()).as(name).isEqualTo(root);
            assertThat(target.getFileName().toString()).as(name).doesNotStartWith(".").doesNotContain("/");
        }
        assertThat(jobs.target("Ferien 2024 – Sylt").getFileName().toString()).isEqualTo("Ferien 2024 - Sylt");
        for (String empty : new String[] {"", "..", "...", "//", null}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> jobs.target(empty))
                    .hasMessageContaining("folder name");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    static HttpResponse<String> get(String path) throws Exception {
        return send(ui, HttpRequest.newBuilder(uri(ui, path)), cookie);
    }

    static HttpResponse<String> post(WebUi target, String path, String cookie, String form) throws Exception {
        return send(target, HttpRequest.newBuilder(uri(target, path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), cookie);
    }

    static HttpResponse<String> send(WebUi target, HttpRequest.Builder request, String cookie) throws Exception {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(WebUi target, String path) {
        return URI.create(target.url().substring(0, target.url().length() - 1) + path);
    }

    static String sessionCookie(HttpResponse<?> response) {
        String set = response.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
