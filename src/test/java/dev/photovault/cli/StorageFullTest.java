package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.photovault.takeout.TakeoutFixture;
import dev.photovault.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up under a Takeout import and under an export (real small tmpfs mounts; needs root): one line
 * saying what happened and what to do, the repository stays valid, no half file looks whole, and the run after
 * space was freed completes. (Backups and restores onto a full disk: TrustCommandLineTest.)
 */
class StorageFullTest {

    @TempDir
    Path tmp;
    Path small;

    @BeforeEach
    void mount() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a small tmpfs");
        small = Files.createDirectories(tmp.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", small.toString())
                .inheritIO().start();
        assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0, "cannot mount a tmpfs here");
    }

    @AfterEach
    void unmount() throws Exception {
        if (small != null) {
            new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.all()).isZero();
        return r;
    }

    private static void remount(Path dir, String size) throws Exception {
        Process p = new ProcessBuilder("mount", "-o", "remount,size=" + size, dir.toString()).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    }

    @Test
    void aTakeoutImportOntoAFullDiskStopsInOneLineAndTheNextImportCompletes() throws Exception {
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        for (int i = 0; i < 4; i++) {
            f.file(1, "Google Photos/Photos from 2024/IMG_" + i + ".jpg", TakeoutFixture.jpeg(i, 400_000, null));
        }
        List<Path> parts = f.write(tmp.resolve("export"), Map.of());
        Path repo = small.resolve("repo");
        Cli cli = Cli.forRepository(repo);
        ok(cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1"));
        Cli.Result full = cli.run("backup", "--takeout", parts.get(0).toString());
        assertThat(full.exitCode()).as(full.all()).isEqualTo(1);
        assertThat(full.err()).contains("no space left on device at " + repo).contains("free some space")
                .doesNotContain("Exception").doesNotContain("\tat ");
        // One error line (the engine's run summary is logged above it, as for every run).
        assertThat(full.err().lines().filter(l -> l.startsWith("photovault:"))).hasSize(1);
        ok(cli.run("check"));

        remount(small, "20m");
        Cli.Result again = ok(cli.run("backup", "--takeout", parts.get(0).toString()));
        assertThat(again.out()).contains("4 items");
        ok(cli.run("check", "--read-data"));
    }

    @Test
    void anExportOntoAFullDiskLeavesNoFileAndSaysSo() throws Exception {
        Path repo = tmp.resolve("repo");
        Cli cli = Cli.forRepository(repo);
        ok(cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1"));
        Path photos = tmp.resolve("photos");
        write(photos.resolve("Summer/beach.jpg"), randomBytes(600_000, 1));
        write(photos.resolve("Summer/sea.jpg"), randomBytes(500_000, 2));
        ok(cli.run("backup", photos.toString()));

        for (String name : List.of("photos.pva", "photos.zip", "photos.tar")) {
            Path out = small.resolve(name);
            Cli.Result full = cli.withEnv(Map.of("PHOTOVAULT_NEW_PASSWORD", "x")).run("export", "latest", "--output",
                    out.toString(), "--kdf-memory", "1", "--kdf-iterations", "1");
            assertThat(full.exitCode()).as(full.all()).isEqualTo(1);
            assertThat(full.err()).as(name).contains("no space left on device writing " + out)
                    .contains("free space there").hasLineCount(1);
            try (Stream<Path> left = Files.list(small)) {
                assertThat(left).as("nothing left behind by the %s export", name).isEmpty();
            }
        }
        remount(small, "20m");
        ok(cli.withEnv(Map.of("PHOTOVAULT_NEW_PASSWORD", "x")).run("export", "latest", "--output",
                small.resolve("photos.pva").toString(), "--kdf-memory", "1", "--kdf-iterations", "1"));
        ok(new Cli(small.resolve("photos.pva"), Map.of("PHOTOVAULT_PASSWORD", "x")).run("check", "--read-data"));
    }
}
