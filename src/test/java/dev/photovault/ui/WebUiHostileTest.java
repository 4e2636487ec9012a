package dev.photovault.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.LogCapture;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI against what an attacker or an accident puts in front of it: a damaged chunk, a file name made to
 * break headers, a picture that inflates to gigapixels, an oversized or multipart form, an unwritable cache and an
 * unwritable restore folder.
 */
class WebUiHostileTest {

    static final String HOSTILE_NAME = "say \"hi\"\r\nSet-Cookie: x=1;.jpg";

    @TempDir
    Path tmp;
    Repository repository;
    Snapshot snapshot;
    WebUi ui;
    String cookie;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void backUpAndSignIn() throws Exception {
        repository = TestRepository.create(tmp.resolve("repo"));
        Path photos = Files.createDirectories(tmp.resolve("photos/Album"));
        ImageIO.write(new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB), "jpg", photos.resolve("a.jpg").toFile());
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpg",
                photos.resolve(HOSTILE_NAME).toFile());
        Files.write(photos.resolve("bomb.png"), pngBomb(30_000, 30_000));
        String id = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(photos))
                .snapshotId();
        snapshot = repository.loadSnapshot(id);
        ui = WebUi.start(repository, LocalCache.of(tmp.resolve("cache"), repository.config().id()),
                tmp.resolve("restores"), "127.0.0.1", 0);
        HttpResponse<String> signIn = get("/login?token=" + ui.loginUrl().substring(ui.loginUrl().indexOf("token=") + 6));
        cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @AfterEach
    void stop() {
        ui.close();
    }

    @Test
    void aDamagedChunkIsSaidInOneLineNotAsAStackTraceNorAsTheUsersMistake() throws Exception {
        int n = index("a.jpg");
        Entry a = snapshot.entries().get(n);
        TestRepository.damageChunk(tmp.resolve("repo"), repository, a.chunks().get(0),
                TestRepository.storedChunk(tmp.resolve("repo"), repository, a.chunks().get(0)).length() / 2);
        try (LogCapture log = new LogCapture()) {
            for (String what : List.of("thumb", "preview", "download")) {
                HttpResponse<String> r = get(base() + "/" + what + "/" + n);
                assertThat(r.statusCode()).as(what).isEqualTo(500);
                assertThat(r.body()).as(what).contains("damaged").contains("photovault check --read-data")
                        .doesNotContain("at dev.photovault").doesNotContain("Exception");
            }
            assertThat(log.text()).doesNotContain("\tat ").doesNotContain("Exception:");
            assertThat(log.lines()).anyMatch(l -> l.contains("WARN") && l.contains("damaged"));
        }
    }

    @Test
    void aLargeFileDamagedNearItsEndIsRefusedBeforeTheDownloadStarts() throws Exception {
        byte[] data = new byte[20 << 20]; // past the size read into memory: verified in a first pass
        new java.util.Random(5).nextBytes(data);
        Files.write(tmp.resolve("photos/Album/clip.mp4"), data);
        snapshot = repository.loadSnapshot(new Archiver(repository, BackupOptions.defaults(), new Progress())
                .backup(List.of(tmp.resolve("photos/Album"))).snapshotId());
        int n = index("clip.mp4");
        Entry clip = snapshot.entries().get(n);
        assertThat(clip.chunks()).hasSizeGreaterThan(2);
        String last = clip.chunks().get(clip.chunks().size() - 1); // its own object, or packed when it is small
        TestRepository.damageChunk(tmp.resolve("repo"), repository, last,
                TestRepository.storedChunk(tmp.resolve("repo"), repository, last).length() / 2);
        try (LogCapture log = new LogCapture()) {
            HttpResponse<String> r = get(base() + "/download/" + n);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("damaged");
            Thread.sleep(200); // anything the server would log after the answer
            assertThat(log.text()).doesNotContain("Unhandled exception").doesNotContain("Response head already sent");
        }
    }

    @Test
    void aFileNameCannotBreakOutOfTheDownloadHeader() throws Exception {
        int n = index(HOSTILE_NAME);
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri(base() + "/download/" + n))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        String disposition = r.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).doesNotContain("\r").doesNotContain("\n")
                .startsWith("attachment; filename=\"say _hi___Set-Cookie_ x_1_.jpg\"; filename*=UTF-8''")
                .contains("%22hi%22%0D%0ASet-Cookie%3A");
        assertThat(dev.photovault.vault.core.Digests.sha256Hex(r.body())).isEqualTo(snapshot.entries().get(n).sha256());
        // And the pages show it as text.
        assertThat(get(base() + "/grid").body()).contains("say &quot;hi&quot;").doesNotContain("say \"hi\"");
    }

    @Test
    void aPictureThatInflatesToGigapixelsGetsThePlaceholderNotAnHourOfDecoding() throws Exception {
        HttpResponse<String> r = get(base() + "/thumb/" + index("bomb.png"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png"); // the placeholder, not a JPEG
    }

    @Test
    void anOversizedOrMultipartFormIsRefusedAndLeavesNoFiles() throws Exception {
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("n=1&".repeat(1 << 20) + "passphrase=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        String boundary = "pvboundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "y".repeat(100_000) + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isBetween(400, 499);
        assertThat(upload.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(Path.of("file-uploads")).as("Vert.x's upload folder in the working directory").doesNotExist();
        Path uploads = tmp.resolve("cache/http-uploads"); // where the body handler would put uploads, if any
        if (Files.exists(uploads)) {
            try (var files = Files.list(uploads)) {
                assertThat(files).as("nothing uploaded").isEmpty();
            }
        }
    }

    @Test
    void aRestoreIntoAFolderThatCannotBeMadeFailsInOneLineAndTheNextOneWorks() throws Exception {
        Files.writeString(tmp.resolve("restores"), "a file where the restore folder should be");
        RestoresJob first = restore("a.jpg");
        assertThat(first.state).isEqualTo("failed");
        assertThat(first.error).doesNotContain("\n").doesNotContain("Exception");
        Files.delete(tmp.resolve("restores"));
        RestoresJob second = restore("a.jpg");
        assertThat(second.state).isEqualTo("done");
        assertThat(tmp.resolve("restores/again").resolve(snapshot.entries().get(index("a.jpg")).path())).exists();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    record RestoresJob(String state, String error) {
    }

    private RestoresJob restore(String name) throws Exception {
        String page = get(base() + "/grid").body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri(base() + "/restore"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + java.net.URLEncoder.encode(csrf.group(1),
                        StandardCharsets.UTF_8) + "&scope=selected&folder=again&n=" + index(name))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String job = started.headers().firstValue("Location").orElseThrow().replace("/jobs/", "");
        for (int i = 0; i < 200; i++) {
            var state = dev.photovault.vault.core.VaultJson.MAPPER.readTree(get("/api/jobs/" + job).body());
            if (!state.get("state").asText().matches("queued|running")) {
                return new RestoresJob(state.get("state").asText(), state.path("error").asText(""));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the restore did not end");
    }

    private int index(String name) {
        for (int i = 0; i < snapshot.entries().size(); i++) {
            if (snapshot.entries().get(i).path().endsWith("/" + name) || snapshot.entries().get(i).path().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no " + name);
    }

    private String base() throws Exception {
        return "/s/" + repository.resolveSnapshot("latest").id();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie == null ? "x=y" : cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(ui.url().substring(0, ui.url().length() - 1) + path);
    }

    /**
     * A real PNG of {@code w} × {@code h} one-bit grey pixels, all black: about 100 KB that inflate to w × h / 8
     * bytes (112 MB for 30,000²), and 900 megapixels for a reader that decodes it.
     */
    static byte[] pngBomb(int w, int h) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {1, 0, 0, 0, 0}); // 1 bit, grey, deflate, no filter method quirks, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new java.util.zip.Deflater(9))) {
            byte[] row = new byte[1 + (w + 7) / 8];
            for (int y = 0; y < h; y++) {
                z.write(row);
            }
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws Exception {
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
