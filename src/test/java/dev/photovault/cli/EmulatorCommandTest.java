package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photovault.testing.Cli;
import dev.photovault.vault.core.VaultJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theEmulatorCommandPrintsAndWritesWorkingCredentials() throws Exception {
        Path credentials = tmp.resolve("emulator.json");
        Process emulator = new Cli(null, Map.of()).start("emulator", "--port", "0", "--seed", "3", "--seed-app", "4",
                "--credentials-file", credentials.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).startsWith("Google Photos emulator on http://127.0.0.1:");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            JsonNode c = VaultJson.MAPPER.readTree(credentials.toFile());
            for (String field : new String[] {"client_id", "client_secret", "refresh_token", "api_url", "picker_url", "token_url"}) {
                assertThat(c.path(field).asText()).as(field).isNotEmpty();
            }
            HttpClient http = HttpClient.newHttpClient();
            String form = "grant_type=refresh_token&client_id=" + c.get("client_id").asText() + "&client_secret="
                    + c.get("client_secret").asText() + "&refresh_token="
                    + java.net.URLEncoder.encode(c.get("refresh_token").asText(), StandardCharsets.UTF_8);
            JsonNode token = VaultJson.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(c.get("token_url").asText()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode items = VaultJson.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                    URI.create(c.get("api_url").asText() + "/v1/mediaItems"))
                    .header("Authorization", "Bearer " + token.get("access_token").asText()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(items.get("mediaItems")).hasSize(4);
            JsonNode stats = VaultJson.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                    URI.create(c.get("api_url").asText() + "/emulator/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(stats.get("mediaItems").asInt()).isEqualTo(7);
        } finally {
            emulator.destroy();
            assertThat(emulator.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aBadFaultSpecIsOneLine() throws Exception {
        Cli.Result r = new Cli(null, Map.of()).run("emulator", "--port", "0", "--faults", "boom=1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("photovault: --faults: unknown fault 'boom'");
    }
}
