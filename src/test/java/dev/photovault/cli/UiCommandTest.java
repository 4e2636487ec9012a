package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.Cli;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code photovault ui} as a user starts it: the one-time link signs in, a taken port is said in one line. */
class UiCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theUiServesTheRepositoryAndItsOneTimeLinkSignsIn() throws Exception {
        Cli cli = Cli.forRepository(tmp.resolve("repo")).inDirectory(tmp);
        assertThat(cli.run("init", "--kdf-memory", "8", "--kdf-iterations", "1").exitCode()).isZero();
        Path photos = Files.createDirectories(tmp.resolve("photos/Summer"));
        ImageIO.write(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "jpg",
                photos.resolve("beach.jpg").toFile());
        assertThat(cli.run("backup", tmp.resolve("photos").toString()).exitCode()).isZero();
        int port = freePort();
        Process ui = cli.start("ui", "--port", Integer.toString(port));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8))) {
            String link = null;
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:" + port + "/login\\?token=\\S+").matcher(line);
                if (m.find()) {
                    link = m.group();
                }
                if (line.contains("Stop with Ctrl-C")) {
                    break;
                }
            }
            assertThat(link).as(seen.toString()).isNotNull();
            assertThat(seen).contains("1 snapshots of").contains("photovault-restores");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(link)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isEqualTo(303);
            String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/snapshots")).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("\"files\":1");

            // A second ui on the same port says so before asking for anything.
            Cli.Result taken = cli.run("ui", "--port", Integer.toString(port));
            assertThat(taken.exitCode()).isEqualTo(1);
            assertThat(taken.err().strip()).startsWith("photovault: the web UI cannot listen on 127.0.0.1:" + port)
                    .contains("--port").doesNotContain("\n").doesNotContain("Exception");
        } finally {
            ui.destroy();
            ui.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
