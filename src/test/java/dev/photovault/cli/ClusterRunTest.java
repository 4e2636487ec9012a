package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.Cli;
import dev.photovault.testing.EmulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code photovault run} nodes on one repository, with the file lock cluster service on a shared folder and
 * with a real ZooKeeper server (Curator's in-process TestingServer): only the leader backs up on each tick; killed
 * (SIGKILL), the other takes over and the backups go on; every snapshot a node reported exists once.
 */
class ClusterRunTest {

    static final Pattern SNAPSHOT = Pattern.compile("backup google-photos: complete, snapshot ([0-9a-f]{8})");

    @TempDir
    Path dir;

    /** A child process whose merged output is collected as it comes. */
    private static final class Node {
        final Process process;
        final StringBuffer out = new StringBuffer();

        Node(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> drain(process.getInputStream()));
            reader.setDaemon(true);
            reader.start();
            Thread errors = new Thread(() -> drain(process.getErrorStream()));
            errors.setDaemon(true);
            errors.start();
        }

        private void drain(InputStream in) {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0;) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        long backups() {
            Matcher m = SNAPSHOT.matcher(out);
            long n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }

        boolean awaitBackups(long count, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (backups() < count && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            return backups() >= count;
        }
    }

    @Test
    void onTheFileLockServiceOnlyTheLeaderBacksUpAndTheOtherTakesOverWhenItIsKilled() throws Exception {
        twoNodes("cluster.service=file", "cluster.file.root=" + dir.resolve("cluster"), "cluster.file.interval=1s");
    }

    @Test
    void onZooKeeperOnlyTheLeaderBacksUpAndTheOtherTakesOverWhenItIsKilled() throws Exception {
        try (org.apache.curator.test.TestingServer zookeeper = new org.apache.curator.test.TestingServer(true)) {
            twoNodes("cluster.service=zookeeper", "cluster.zookeeper.nodes=" + zookeeper.getConnectString(),
                    "cluster.zookeeper.session-timeout=4s");
        }
    }

    private void twoNodes(String... cluster) throws Exception {
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            emulator.seed(4, 1, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 9);
            java.util.List<String> settings = new java.util.ArrayList<>(java.util.List.of(cluster));
            settings.addAll(java.util.List.of("backup.cron=0/2 * * * * ?", "picker.enabled=false",
                    "takeout.enabled=false", "maintenance.enabled=false", "camel.management.enabled=false"));
            Path config = EmulatorConfig.write(dir, emulator, settings.toArray(String[]::new));
            Cli cli = new Cli(null, Map.of("GOOGLE_PHOTOS_CLIENT_SECRET", emulator.credentials().clientSecret(),
                    "GOOGLE_PHOTOS_REFRESH_TOKEN", emulator.credentials().refreshToken(),
                    "PHOTOVAULT_PASSWORD", "cluster test")).inDirectory(dir);

            Node first = new Node(cli.start("run", "--config", config.toString()));
            Node second = null;
            try {
                assertThat(first.awaitBackups(1, 90)).as(first.out.toString()).isTrue();
                second = new Node(cli.start("run", "--config", config.toString()));
                // Several ticks with both nodes up: the leader goes on, the follower waits.
                long before = first.backups();
                assertThat(first.awaitBackups(before + 3, 60)).as(first.out.toString()).isTrue();
                assertThat(second.backups()).as(second.out.toString()).isZero();

                first.process.destroyForcibly(); // SIGKILL: no clean hand-over
                first.process.waitFor(30, TimeUnit.SECONDS);
                assertThat(second.awaitBackups(2, 90)).as("the follower takes over: %s", second.out).isTrue();
            } finally {
                first.process.destroyForcibly();
                if (second != null) {
                    second.process.destroyForcibly();
                    second.process.waitFor(30, TimeUnit.SECONDS);
                }
            }
            // Every snapshot a node reported is in the repository once; none is missing or made twice.
            long reported = first.backups() + second.backups();
            long stored;
            try (Stream<Path> s = Files.list(dir.resolve("vault/snapshots"))) {
                stored = s.count();
            }
            assertThat(stored).isBetween(reported, reported + 1); // a run killed after it saved, before it logged
            Cli.Result check = cli.run("check", "--store", "file:" + dir.resolve("vault"));
            assertThat(check.exitCode()).as(check.all()).isZero();
        }
    }
}
