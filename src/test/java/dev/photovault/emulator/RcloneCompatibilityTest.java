package dev.photovault.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.photovault.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unmodified third-party Google Photos client — rclone's googlephotos backend, from Debian — lists albums,
 * uploads into an album it created and downloads back, against the emulator. rclone hard-codes
 * https://photoslibrary.googleapis.com, so it goes through {@link InterceptingProxy} with a throw-away CA.
 * `.ci/run` installs rclone; where it is missing (a developer's machine) the test is skipped, not passed.
 */
class RcloneCompatibilityTest extends EmulatorTestBase {

    @TempDir
    Path tmp;

    @Test
    void rcloneListsUploadsAndDownloadsUnchanged() throws Exception {
        assumeTrue(onPath("rclone"), "rclone is not installed (apt-get install rclone)");
        char[] password = "changeit".toCharArray();
        Path keystore = makeCertificates(password);
        try (InterceptingProxy proxy = new InterceptingProxy(keystore, password, emulator.port())) {
            EmulatorCredentials c = emulator.credentials();
            Map<String, String> env = Map.of(
                    "RCLONE_CONFIG", Files.createFile(tmp.resolve("rclone.conf")).toString(),
                    "RCLONE_CONFIG_EMU_TYPE", "google photos",
                    "RCLONE_CONFIG_EMU_CLIENT_ID", c.clientId(),
                    "RCLONE_CONFIG_EMU_CLIENT_SECRET", c.clientSecret(),
                    "RCLONE_CONFIG_EMU_TOKEN_URL", emulator.tokenUrl(),
                    "RCLONE_CONFIG_EMU_TOKEN", "{\"access_token\":\"expired\",\"token_type\":\"Bearer\",\"refresh_token\":\""
                            + c.refreshToken() + "\",\"expiry\":\"2000-01-01T00:00:00Z\"}",
                    "HTTPS_PROXY", "http://127.0.0.1:" + proxy.port(),
                    "NO_PROXY", "127.0.0.1,localhost");
            Path photo = Files.write(tmp.resolve("akashita.jpg"), TestData.sekienAkashita());
            Path png = Files.write(tmp.resolve("pixel.png"), png(50, 40, 0x445566));

            run(env, "mkdir", "emu:album/Holiday");
            run(env, "copy", photo.toString(), "emu:album/Holiday");
            run(env, "copy", png.toString(), "emu:album/Holiday");
            assertThat(run(env, "lsd", "emu:album")).contains("Holiday");
            assertThat(run(env, "lsf", "emu:album/Holiday")).contains("akashita.jpg", "pixel.png");
            Path out = Files.createDirectories(tmp.resolve("out"));
            run(env, "copy", "emu:album/Holiday", out.toString());
            assertThat(Files.readAllBytes(out.resolve("akashita.jpg"))).isEqualTo(TestData.sekienAkashita());
            assertThat(Files.readAllBytes(out.resolve("pixel.png"))).isEqualTo(Files.readAllBytes(png));
        }
    }

    private String run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rclone", "--ca-cert", tmp.resolve("ca.pem").toString(),
                "--retries", "1", "--low-level-retries", "2"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("rclone %s: %s", String.join(" ", args), output).isZero();
        return output;
    }

    /** A CA and a leaf certificate for Google's API hosts, made with the JDK's keytool. */
    private Path makeCertificates(char[] password) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String pw = new String(password);
        Path ca = tmp.resolve("ca.p12");
        Path leaf = tmp.resolve("leaf.p12");
        exec(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=photovault test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(), "-storepass", pw, "-storetype", "PKCS12");
        exec(keytool, "-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-dname", "CN=photoslibrary.googleapis.com",
                "-validity", "2", "-keystore", leaf.toString(), "-storepass", pw, "-storetype", "PKCS12");
        Path csr = tmp.resolve("leaf.csr");
        exec(keytool, "-certreq", "-alias", "leaf", "-keystore", leaf.toString(), "-storepass", pw, "-file", csr.toString());
        Path signed = tmp.resolve("leaf.pem");
        exec(keytool, "-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pw, "-infile", csr.toString(),
                "-outfile", signed.toString(), "-rfc", "-validity", "2",
                "-ext", "san=dns:photoslibrary.googleapis.com,dns:photospicker.googleapis.com,dns:oauth2.googleapis.com",
                "-ext", "eku=serverAuth");
        Path caPem = tmp.resolve("ca.pem");
        exec(keytool, "-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pw, "-rfc",
                "-file", caPem.toString());
        exec(keytool, "-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", leaf.toString(),
                "-storepass", pw);
        exec(keytool, "-importcert", "-alias", "leaf", "-file", signed.toString(), "-keystore", leaf.toString(),
                "-storepass", pw);
        return leaf;
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
