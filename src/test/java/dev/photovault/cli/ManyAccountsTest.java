package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.EmulatorCredentials;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.emulator.Scopes;
import dev.photovault.testing.Cli;
import dev.photovault.testing.EmulatorConfig;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One photovault, three Google accounts (three OAuth clients of the emulator, each seeing only its own items):
 * each account is an instance of the shipped route template with its own secrets file, label and schedule;
 * {@code run --once --account} runs one; two {@code run} nodes on the file cluster service back every account up
 * once per tick and none twice, each account under its own leadership.
 */
class ManyAccountsTest {

    static final List<String> ACCOUNTS = List.of("alice", "bob", "carol");

    @TempDir
    Path dir;

    private Path configure(GooglePhotosEmulator emulator, Map<String, Integer> items, String... more)
            throws IOException {
        List<String> settings = new ArrayList<>(List.of("accounts=" + String.join(",", ACCOUNTS),
                "picker.enabled=false", "takeout.enabled=false", "maintenance.enabled=false",
                "camel.management.enabled=false", "backup.retry-delay=10"));
        for (int i = 0; i < ACCOUNTS.size(); i++) {
            String name = ACCOUNTS.get(i);
            EmulatorCredentials c = emulator.registerClient(name + ".apps.example.com",
                    Set.of(Scopes.READONLY_APP_CREATED, Scopes.APPENDONLY));
            emulator.seed(3 + i, 1, c.clientId(), 40 + i);
            items.put(name, 3 + i);
            // What 'photovault auth --account NAME' writes.
            Path secrets = Files.writeString(dir.resolve(name + ".properties"), "google-photos.client-id="
                    + c.clientId() + "\ngoogle-photos.client-secret=" + c.clientSecret()
                    + "\ngoogle-photos.refresh-token=" + c.refreshToken() + "\n");
            settings.add("account." + name + ".secrets-file=" + secrets);
        }
        settings.add("account.carol.label=carol-phone");
        settings.addAll(List.of(more));
        return EmulatorConfig.write(dir, emulator, settings.toArray(String[]::new));
    }

    private Cli cli() {
        return new Cli(null, Map.of("PHOTOVAULT_PASSWORD", TestRepository.PASSPHRASE)).inDirectory(dir);
    }

    private Map<String, List<SnapshotRef>> snapshotsByLabel() throws IOException {
        if (!Files.exists(dir.resolve("vault/config"))) {
            return Map.of();
        }
        Repository repository = Repository.open(new dev.photovault.vault.core.store.LocalObjectStore(dir.resolve("vault")),
                TestRepository.PASSPHRASE.toCharArray());
        Map<String, List<SnapshotRef>> out = new TreeMap<>();
        for (SnapshotRef s : repository.listSnapshots()) {
            out.computeIfAbsent(s.header().paths().get(0), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    @Test
    void eachAccountIsItsOwnRouteAndRunOnceRunsOne() throws Exception {
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        List<String> notified = java.util.Collections.synchronizedList(new ArrayList<>());
        hook.createContext("/", x -> {
            notified.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        hook.start();
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            Map<String, Integer> items = new HashMap<>();
            Path config = configure(emulator, items, "notify.success-url=http://127.0.0.1:"
                    + hook.getAddress().getPort() + "/ok");

            Cli.Result bob = cli().run("run", "--once", "--account", "bob", "--config", config.toString());
            assertThat(bob.exitCode()).as(bob.all()).isZero();
            assertThat(bob.out()).contains("google-photos-backup-bob: complete").doesNotContain("alice")
                    .doesNotContain("google-photos-backup:");
            assertThat(snapshotsByLabel()).containsOnlyKeys("bob");
            // The run report posted to the monitor says whose backup it was.
            assertThat(notified).singleElement().asString().contains("\"account\":\"bob\"")
                    .contains("\"job\":\"google-photos-backup-bob\"").doesNotContain("emu-secret-");

            Cli.Result all = cli().run("run", "--once", "--config", config.toString());
            assertThat(all.exitCode()).as(all.all()).isZero();
            assertThat(all.out()).contains("google-photos-backup-alice: complete", "google-photos-backup-bob: complete",
                    "google-photos-backup-carol: complete");
            Map<String, List<SnapshotRef>> labels = snapshotsByLabel();
            assertThat(labels).containsOnlyKeys("alice", "bob", "carol-phone");
            assertThat(labels.get("alice").get(0).header().stats().files()).isEqualTo((long) items.get("alice"));
            assertThat(labels.get("carol-phone").get(0).header().stats().files()).isEqualTo((long) items.get("carol"));
            assertThat(bob.all() + all.all()).doesNotContain("emu-secret-");

            Cli.Result unknown = cli().run("run", "--once", "--account", "dave", "--config", config.toString());
            assertThat(unknown.exitCode()).isNotZero();
            assertThat(unknown.err()).contains("no account dave");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void onTwoNodesEveryAccountIsBackedUpOncePerTickUnderItsOwnLeader() throws Exception {
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            Path config = configure(emulator, new HashMap<>(), "cluster.service=file",
                    "cluster.file.root=" + dir.resolve("cluster"), "cluster.file.interval=1s",
                    "backup.cron=0/2 * * * * ?");
            long started = System.nanoTime();
            List<Node> nodes = List.of(new Node(cli().start("run", "--config", config.toString())),
                    new Node(cli().start("run", "--config", config.toString())));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline && (snapshotsByLabel().size() < 3
                        || snapshotsByLabel().values().stream().anyMatch(l -> l.size() < 3))) {
                    Thread.sleep(500);
                }
            } finally {
                for (Node n : nodes) {
                    n.process.destroyForcibly();
                    n.process.waitFor(30, TimeUnit.SECONDS);
                }
            }
            long ticks = (System.nanoTime() - started) / 2_000_000_000L + 1; // cron 0/2: one tick every 2 s
            Map<String, List<SnapshotRef>> labels = snapshotsByLabel();
            String logs = nodes.get(0).out + "\n" + nodes.get(1).out;
            assertThat(labels).as(logs).containsOnlyKeys("alice", "bob", "carol-phone");
            for (var e : labels.entrySet()) {
                // Once per tick at most: two leaders, or a tick run twice, would make more snapshots than ticks.
                assertThat(e.getValue()).as(e.getKey()).hasSizeBetween(3, (int) ticks);
                // Every snapshot a node reported is there once (a run killed after saving may not have said so).
                long reported = java.util.regex.Pattern.compile("complete, snapshot [0-9a-f]{8}.*, label "
                        + e.getKey() + "\\b").matcher(logs).results().count();
                assertThat((long) e.getValue().size()).as("%s: reported %d", e.getKey(), reported)
                        .isBetween(reported, reported + 2);
            }
        }
    }

    /** A child process whose merged output is collected as it comes. */
    private static final class Node {
        final Process process;
        final StringBuffer out = new StringBuffer();

        Node(Process process) {
            this.process = process;
            for (InputStream in : List.of(process.getInputStream(), process.getErrorStream())) {
                Thread t = new Thread(() -> {
                    byte[] buf = new byte[8192];
                    try {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        }
                    } catch (IOException e) {
                        // ended
                    }
                });
                t.setDaemon(true);
                t.start();
            }
        }
    }
}
