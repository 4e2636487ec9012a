package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.Cli;
import dev.photovault.testing.EmulatorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No secret in any log line at any level; the management server is not on the network unless asked. */
class SecretsAndExposureTest {

    @TempDir
    Path dir;

    private Path config(GooglePhotosEmulator emulator) throws IOException {
        // A later line wins: the secrets file is the one the test writes.
        return EmulatorConfig.write(dir, emulator, "google-photos.secrets-file=" + dir.resolve("secrets.properties"));
    }

    @Test
    void withTraceLoggingNoSecretAppearsInAnyLine() throws Exception {
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            emulator.seed(4, 2, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 4);
            Path config = config(emulator);
            // The refresh token in the secrets file `photovault auth` writes, the client secret in the environment.
            Files.writeString(dir.resolve("secrets.properties"),
                    "google-photos.refresh-token=" + emulator.credentials().refreshToken() + "\n");
            Path trace = Files.writeString(dir.resolve("log4j2-trace.properties"), String.join("\n",
                    "appender.console.type = Console", "appender.console.name = out",
                    "appender.console.layout.type = PatternLayout", "appender.console.layout.pattern = %p %c %m%n",
                    "rootLogger.level = trace", "rootLogger.appenderRef.out.ref = out", ""));
            String passphrase = "trace test passphrase 7c1f";
            Cli cli = new Cli(null, Map.of("GOOGLE_PHOTOS_CLIENT_SECRET", emulator.credentials().clientSecret(),
                    "PHOTOVAULT_PASSWORD", passphrase, "CAMEL_MAIN_LOG_MASK", "true")).inDirectory(dir)
                    .withJvmOptions("-Xmx256m", "-Dlog4j2.configurationFile=" + trace).unrecorded();

            Cli.Result run = cli.run("run", "--once", "--config", config.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.all()).contains("4 items (4 new").contains("TRACE").contains("DEBUG org.apache.camel");
            assertThat(run.all()).doesNotContain(emulator.credentials().refreshToken())
                    .doesNotContain(emulator.credentials().clientSecret()).doesNotContain(passphrase);
        }
    }

    @Test
    void theManagementServerListensOnLoopbackOnlyAndItsPortComesFromTheEnvironment() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            emulator.seed(2, 1, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 4);
            Path config = config(emulator);
            Cli cli = new Cli(null, Map.of("GOOGLE_PHOTOS_CLIENT_SECRET", emulator.credentials().clientSecret(),
                    "GOOGLE_PHOTOS_REFRESH_TOKEN", emulator.credentials().refreshToken(),
                    "PHOTOVAULT_PASSWORD", "management test", "BACKUP_RUN_ON_START", "true",
                    "CAMEL_MANAGEMENT_PORT", String.valueOf(port))).inDirectory(dir);
            Process run = cli.start("run", "--config", config.toString());
            try {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null && !line.contains("Stop with Ctrl-C")) {
                        // wait until the schedule is up
                    }
                }
                HttpURLConnection health = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/observe/health")
                        .toURL().openConnection();
                assertThat(health.getResponseCode()).isEqualTo(200);
                Optional<InetAddress> lan = nonLoopbackAddress();
                if (lan.isPresent()) {
                    assertThatThrownBy(() -> {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress(lan.get(), port), 2000);
                        }
                    }).isInstanceOf(IOException.class);
                }
            } finally {
                run.destroy();
                run.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
