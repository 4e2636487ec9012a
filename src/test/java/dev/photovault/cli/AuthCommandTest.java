package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.PhotosEndpoints;
import dev.photovault.googlephotos.api.RetryPolicy;
import java.io.FileReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** photovault auth against the emulator's consent page and token endpoint, a browser played by an HTTP client. */
class AuthCommandTest {

    @TempDir
    Path dir;
    GooglePhotosEmulator emulator;

    @BeforeEach
    void start() throws Exception {
        emulator = GooglePhotosEmulator.builder().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private CompletableFuture<Integer> run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = PhotovaultCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return CompletableFuture.supplyAsync(() -> cli.execute(args));
    }

    private static String printedAddress(StringWriter out) throws InterruptedException {
        Pattern url = Pattern.compile("^  (http\\S+)$", Pattern.MULTILINE);
        for (int i = 0; i < 200; i++) {
            Matcher m = url.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no address printed: " + out);
    }

    @Test
    void theLoopbackFlowWithPkceSavesAWorkingRefreshTokenReadableOnlyByItsOwner() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), emulator.credentials().clientSecret());
        Path output = dir.resolve("conf/google-photos.properties");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = run(out, err, "auth", "--no-browser", "--client-id",
                emulator.credentials().clientId(), "--client-secret-file", secret.toString(), "--output", output.toString(),
                "--auth-url", emulator.authUrl(), "--token-url", emulator.tokenUrl(), "--timeout", "30");
        String address = printedAddress(out);
        assertThat(address).contains("code_challenge_method=S256").contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A")
                .contains("photospicker.mediaitems.readonly");

        // The "browser": follows the consent page's redirect back to the loopback listener.
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("photovault is authorized");
        assertThat(exit.get()).as(err.toString()).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rw-------");
        Properties saved = new Properties();
        try (FileReader r = new FileReader(output.toFile())) {
            saved.load(r);
        }
        String refresh = saved.getProperty("google-photos.refresh-token");
        assertThat(out.toString()).doesNotContain(refresh).doesNotContain(emulator.credentials().clientSecret());
        GooglePhotosClient client = new GooglePhotosClient(new PhotosEndpoints(emulator.apiUrl(), emulator.pickerUrl(),
                emulator.tokenUrl()), saved.getProperty("google-photos.client-id"),
                saved.getProperty("google-photos.client-secret"), refresh, RetryPolicy.GOOGLE);
        assertThat(client.createAlbum("authorized").title()).isEqualTo("authorized");
    }

    @Test
    void aWrongClientSecretIsRefusedWithAClearLineAndNothingIsWritten() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "wrong");
        Path output = dir.resolve("google-photos.properties");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = run(out, err, "auth", "--no-browser", "--client-id",
                emulator.credentials().clientId(), "--client-secret-file", secret.toString(), "--output", output.toString(),
                "--auth-url", emulator.authUrl(), "--token-url", emulator.tokenUrl(), "--timeout", "30");
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create(printedAddress(out))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(exit.get()).isEqualTo(1);
        assertThat(err.toString()).contains("invalid_client").contains("photovault auth");
        assertThat(output).doesNotExist();
    }
}
