package dev.photovault.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.takeout.TakeoutFixture;
import dev.photovault.takeout.TakeoutImport;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.backup.ItemBackup;
import dev.photovault.vault.core.backup.ItemBackupOptions;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Google Takeout import gives the UI that the Library API does not: places, people, descriptions and
 * favourites on the item page, the favourites filter, and the diff of two imports.
 */
class WebUiTakeoutTest {

    static final String R = "Google Photos/";

    @TempDir
    Path tmp;

    @Test
    void anItemShowsItsPlacePeopleDescriptionAndTheDiffShowsWhatChanged() throws Exception {
        Repository repository = TestRepository.create(tmp.resolve("repo"));
        String first = importExport(repository, "20250301T120000Z", "holiday.jpg");
        String second = importExport(repository, "20250401T120000Z", "later.jpg");
        Snapshot snapshot = repository.loadSnapshot(second);
        int geneva = -1;
        for (int i = 0; i < snapshot.entries().size(); i++) {
            Entry e = snapshot.entries().get(i);
            if (e.media() != null && e.media().latitude() != null && e.media().latitude() != 0) {
                geneva = i;
            }
        }
        assertThat(geneva).isNotNegative();
        try (WebUi ui = WebUi.start(repository, LocalCache.of(tmp.resolve("cache"), repository.config().id()),
                tmp.resolve("restores"), "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(ui.loginUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String base = ui.url() + "s/" + second;

            String item = get(http, base + "/i/" + geneva, cookie);
            assertThat(item).contains("46.204400, 6.143200, 375 m")
                    .contains("href=\"https://www.openstreetmap.org/?mlat=46.204400&amp;mlon=6.143200#map=16/46.204400/6.143200\"")
                    .contains("rel=\"noopener noreferrer\"").contains("Lake Geneva &lt;script&gt;alert(1)&lt;/script&gt;&quot;")
                    .doesNotContain("<script>alert").doesNotContain("\" onload").contains("Ana")
                    .contains("★ yes").contains("(from sidecar)").contains("Summer trip");
            assertThat(item).doesNotContain("<img src=\"https://"); // no map tiles, nothing from elsewhere

            assertThat(get(http, base + "/grid?favorite=1", cookie)).contains("id=\"count\">1 item<");
            assertThat(get(http, base + "/grid?q=" + URLEncoder.encode("lake geneva", StandardCharsets.UTF_8), cookie))
                    .contains("id=\"count\">1 item<");

            String diff = get(http, base + "/diff?against=" + first, cookie);
            assertThat(diff).contains("id=\"diff-summary\">1 added, 1 removed, 0 changed").contains("later.jpg")
                    .contains("holiday.jpg");
            // Either way round, it reads older → newer.
            assertThat(get(http, ui.url() + "s/" + first + "/diff?against=" + second, cookie))
                    .contains("id=\"diff-summary\">1 added, 1 removed, 0 changed");

            // A partial snapshot says so in the list and names what it misses.
            dev.photovault.vault.core.snapshot.SnapshotHeader h = snapshot.header();
            String partial = repository.saveSnapshot(new Snapshot(new dev.photovault.vault.core.snapshot.SnapshotHeader(
                    h.time().plusSeconds(60), h.hostname(), h.username(), h.source(), h.paths(), List.of("weekly"),
                    second, true, List.of("Google Photos/Photos from 2025/unreadable <b>.jpg"), h.stats()),
                    snapshot.entries()));
            assertThat(get(http, ui.url(), cookie)).contains("partial (1 missing)").contains("weekly");
            assertThat(get(http, ui.url() + "s/" + partial, cookie)).contains("Not in this snapshot")
                    .contains("unreadable &lt;b&gt;.jpg");
        }
    }

    private static String importExport(Repository repository, String id, String other) throws Exception {
        TakeoutFixture f = new TakeoutFixture(id);
        byte[] photo = TakeoutFixture.jpeg(1, 40_000, null);
        f.file(1, R + "Summer trip/IMG_0042.jpg", photo);
        f.json(1, R + "Summer trip/IMG_0042.jpg.json", TakeoutFixture.sidecar("IMG_0042.jpg",
                Instant.ofEpochSecond(1_600_000_000L), Instant.ofEpochSecond(1_600_100_000L),
                "\"geoDataExif\":{\"latitude\":46.2044,\"longitude\":6.1432,\"altitude\":375.0},"
                        + "\"people\":[{\"name\":\"Ana\"}],\"favorited\":true")
                .replace("\"description\":\"\"",
                        "\"description\":\"Lake Geneva <script>alert(1)</script>\\\" onload=\\\"x\""));
        f.file(1, R + "Photos from 2025/" + other, TakeoutFixture.jpeg(other.length(), 20_000, null));
        f.json(1, R + "Photos from 2025/" + other + ".json", TakeoutFixture.sidecar(other,
                Instant.ofEpochSecond(1_740_000_000L), null, null));
        List<Path> parts = f.write(java.nio.file.Files.createTempDirectory("takeout-" + id),
                Map.of(1, TakeoutFixture.Format.ZIP_STORED));
        ItemBackup backup = ItemBackup.open(repository, ItemBackupOptions.of("takeout", "takeout"));
        TakeoutImport.run(parts, backup, TakeoutImport.Options.defaults());
        return backup.commit().snapshot();
    }

    private static String get(HttpClient http, String url, String cookie) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }
}
