package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.Cli;
import dev.photovault.testing.EmulatorConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code photovault run}: the demo default with no configuration, and --once against a configured account. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void withNoConfigurationItBacksUpTheEmulatorAndKeepsTheScheduleRunning() throws Exception {
        Cli cli = new Cli(null, Map.of()).inDirectory(dir);
        Process run = cli.start("run");
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.contains("Stop with Ctrl-C")) {
                    break;
                }
            }
            // The demo default serves the web UI too, over the backup it just made.
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)login\\?token=\\S+")
                    .matcher(out);
            if (link.find()) {
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                java.net.http.HttpResponse<String> signIn = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(link.group())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(signIn.statusCode()).isEqualTo(303);
                String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                java.net.http.HttpResponse<String> home = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(link.group(1))).header("Cookie", cookie).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(home.statusCode()).isEqualTo(200);
                assertThat(home.body()).contains("google-photos").contains("complete");
            } else {
                assertThat(out).as("the web UI starts, or says why not").contains("the web UI cannot listen");
            }
        } finally {
            run.destroy();
            run.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(out).contains("no Google account configured").contains("Generated the repository passphrase")
                .contains("google-photos-backup: complete").contains("restore latest --repo photovault-data/vault")
                .contains("48 items (48 new, 0 reused, 0 failed)");
        Path passphrase = dir.resolve("photovault-data/passphrase");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(passphrase))).isEqualTo("rw-------");

        Cli.Result snapshots = cli.run("snapshots", "--repo", "photovault-data/vault", "--password-file",
                passphrase.toString());
        assertThat(snapshots.exitCode()).as(snapshots.all()).isZero();
        assertThat(snapshots.out()).contains("google-photos");

        // The emulator's library is kept between runs: the next run downloads nothing.
        Cli.Result again = cli.run("run", "--once");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.all()).contains("48 items (0 new, 48 reused, 0 failed)").contains("0 media requests")
                .doesNotContain("Generated the repository passphrase");
    }

    @Test
    void onceAgainstAConfiguredAccountTakesSecretsFromTheEnvironmentAndSaysPartialByExitCode() throws Exception {
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            emulator.seed(6, 2, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 4);
            Path config = EmulatorConfig.write(dir, emulator, "backup.retry-delay=10",
                    "camel.component.google-photos.max-attempts=2",
                    "camel.component.google-photos.initial-retry-delay=5");
            Map<String, String> env = Map.of(
                    "GOOGLE_PHOTOS_CLIENT_SECRET", emulator.credentials().clientSecret(),
                    "GOOGLE_PHOTOS_REFRESH_TOKEN", emulator.credentials().refreshToken(),
                    "PHOTOVAULT_PASSWORD", "run command test");
            Cli cli = new Cli(null, env).inDirectory(dir);

            Cli.Result first = cli.run("run", "--once", "--config", config.toString());
            assertThat(first.exitCode()).as(first.all()).isZero();
            assertThat(first.all()).contains("6 items (6 new").doesNotContain("emulator (")
                    .doesNotContain(emulator.credentials().refreshToken())
                    .doesNotContain(emulator.credentials().clientSecret()).doesNotContain("run command test");
            assertThat(Files.list(dir.resolve("cache")).findFirst()).isPresent();

            emulator.seed(3, 1, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 5);
            emulator.faults(FaultSpec.parse("daily-media=1"));
            Cli.Result partial = cli.run("run", "--once", "--config", config.toString());
            assertThat(partial.exitCode()).as(partial.all()).isEqualTo(3);
            assertThat(partial.all()).contains("google-photos-backup: partial").contains("missing 3").doesNotContain("12 media requests");

            Cli.Result wrong = cli.withEnv(Map.of("PHOTOVAULT_PASSWORD", "not it"))
                    .run("run", "--once", "--config", config.toString());
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.out()).contains("google-photos-backup: failed").containsIgnoringCase("passphrase");
        }
    }

    @Test
    void aDryRunListsWhatWouldBeDownloadedAndSpendsNoMediaRequest() throws Exception {
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            emulator.seed(5, 1, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 4);
            Path config = EmulatorConfig.write(dir, emulator);
            Cli cli = new Cli(null, Map.of("GOOGLE_PHOTOS_CLIENT_SECRET", emulator.credentials().clientSecret(),
                    "GOOGLE_PHOTOS_REFRESH_TOKEN", emulator.credentials().refreshToken(),
                    "PHOTOVAULT_PASSWORD", "dry run test")).inDirectory(dir);
            assertThat(cli.run("run", "--once", "--config", config.toString()).exitCode()).isZero();
            emulator.seed(3, 1, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 5);
            long media = emulator.stats().path("mediaRequests").asLong();
            long snapshots;
            try (var s = Files.list(dir.resolve("vault/snapshots"))) {
                snapshots = s.count();
            }

            Cli.Result dry = cli.run("run", "--once", "--dry-run", "--config", config.toString());
            assertThat(dry.exitCode()).as(dry.all()).isZero();
            assertThat(dry.out()).contains("google-photos-backup: dry-run").contains("3 would be downloaded")
                    .contains("5 unchanged");
            assertThat(dry.out().lines().filter(l -> l.contains("would download "))).hasSize(3);
            assertThat(emulator.stats().path("mediaRequests").asLong()).isEqualTo(media);
            try (var s = Files.list(dir.resolve("vault/snapshots"))) {
                assertThat(s.count()).isEqualTo(snapshots);
            }

            Cli.Result refused = cli.withEnv(Map.of("GOOGLE_PHOTOS_REFRESH_TOKEN", "revoked"))
                    .run("run", "--once", "--dry-run", "--config", config.toString());
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertThat(refused.out()).contains("google-photos-backup: failed");
            assertThat(cli.run("run", "--dry-run", "--config", config.toString()).exitCode()).isEqualTo(2);
        }
    }
}
