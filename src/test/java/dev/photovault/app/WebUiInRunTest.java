package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.testing.EmulatorConfig;
import dev.photovault.vault.core.VaultJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI inside {@code photovault run} (ui.enabled): the same pages on Camel's HTTP server beside the schedules,
 * and restores into the Google Photos account the application backs up, here the emulator's.
 */
class WebUiInRunTest {

    @TempDir
    Path dir;

    @Test
    void anAlbumRestoresFromTheUiIntoGooglePhotos() throws Exception {
        Path passphrase = Files.writeString(dir.resolve("passphrase"), "ui in run\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            emulator.seed(12, 2, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 5);
            Path config = EmulatorConfig.write(dir, emulator, "vault.password-file=" + passphrase,
                    "ui.enabled=true", "ui.port=" + port, "ui.restore-dir=" + dir.resolve("restores"),
                    "camel.management.enabled=false");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PhotovaultApplication app = new PhotovaultApplication(config, null, false,
                    new PrintStream(out, true, StandardCharsets.UTF_8))) {
                app.override("google-photos.client-secret", emulator.credentials().clientSecret())
                        .override("google-photos.refresh-token", emulator.credentials().refreshToken());
                app.start();
                assertThat(app.runBackupsOnce()).anyMatch(o -> o.routeId().equals("google-photos-backup") && o.ok());
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("web UI at http://127.0.0.1:" + port + "/")
                        .doesNotContain(emulator.credentials().refreshToken())
                        .as("no terminal: the one-time link stays out of the log").doesNotContain("login?token=");
                assertThat(app.context().getRoutes()).anyMatch(r -> "ui".equals(r.getGroup()));

                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(app.uiLoginUrl())).build(),
                        HttpResponse.BodyHandlers.ofString());
                String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                String base = "http://127.0.0.1:" + port;
                JsonNode snapshots = VaultJson.MAPPER.readTree(get(http, base + "/api/snapshots", cookie).body());
                String id = snapshots.get(0).get("id").asText();
                String snapshotPage = get(http, base + "/s/" + id, cookie).body();
                Matcher albumLink = Pattern.compile("grid\\?album=([^\"]+)\">([^<]+)</a> <span class=\"muted\">(\\d+)")
                        .matcher(snapshotPage);
                assertThat(albumLink.find()).as(snapshotPage).isTrue();
                String album = albumLink.group(2);
                int count = Integer.parseInt(albumLink.group(3));
                String grid = get(http, base + "/s/" + id + "/grid?album=" + albumLink.group(1), cookie).body();
                assertThat(grid).contains("id=\"external-all\"").contains("into Google Photos");
                Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(grid);
                assertThat(csrf.find()).isTrue();

                HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/s/" + id
                        + "/restore?to=external")).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString("csrf="
                                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&scope=all&album="
                                + URLEncoder.encode(album, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
                String job = started.headers().firstValue("Location").orElseThrow().replace("/jobs/", "");
                JsonNode state = null;
                for (int i = 0; i < 300; i++) {
                    state = VaultJson.MAPPER.readTree(get(http, base + "/api/jobs/" + job, cookie).body());
                    if (!state.get("state").asText().matches("queued|running")) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("done");
                assertThat(state.get("target").asText()).isEqualTo("Google Photos");
                assertThat(state.get("summary").asText()).contains("albums created");

                GooglePhotosClient client = EmulatorConfig.client(emulator);
                List<Album> albums = new ArrayList<>();
                client.listAlbums().forEachRemaining(albums::add);
                Album restored = albums.stream().filter(a -> a.title().equals("Restored " + album)).findFirst()
                        .orElseThrow(() -> new AssertionError("no album Restored " + album + " in " + albums));
                List<Object> items = new ArrayList<>();
                client.listAlbumItems(restored.id()).forEachRemaining(items::add);
                assertThat(items).hasSize(count);
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
