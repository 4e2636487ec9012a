package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.photovault.testing.Cli;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust cases as a user meets them: real processes, real locales, real mounts. */
class TrustCommandLineTest {

    @TempDir
    Path tmp;

    Path repo;
    Path source;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        repo = tmp.resolve("repo");
        source = tmp.resolve("photos");
        cli = Cli.forRepository(repo);
        write(source.resolve("Summer/sea.jpg"), randomBytes(700_000, 1));
        write(source.resolve("Winter/snow.jpg"), randomBytes(900_000, 2));
    }

    private void init() throws Exception {
        ok(cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1"));
    }

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }

    private static String snapshotIdOf(Cli.Result backup) {
        return backup.out().substring("snapshot ".length(), "snapshot ".length() + 8);
    }

    private static long errorLines(Cli.Result result) {
        return result.err().lines().filter(l -> !l.isBlank()).count();
    }

    @Test
    void aDamagedSnapshotIsReportedOnceAndEveryCommandGoesOnWithTheOthers() throws Exception {
        init();
        String old = snapshotIdOf(ok(cli.run("backup", source.toString())));
        write(source.resolve("Summer/new.jpg"), randomBytes(1000, 3));
        String latest = snapshotIdOf(ok(cli.run("backup", source.toString())));
        Path oldFile;
        try (Stream<Path> s = Files.list(repo.resolve("snapshots"))) {
            oldFile = s.filter(p -> p.getFileName().toString().startsWith(old)).findFirst().orElseThrow();
        }
        oldFile.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(oldFile);
        bytes[bytes.length / 2] ^= 0x04;
        Files.write(oldFile, bytes);

        Cli.Result snapshots = ok(cli.run("snapshots"));
        assertThat(snapshots.out()).contains(latest).doesNotContain(old + " ");
        assertThat(snapshots.err()).contains("snapshot " + old + " is damaged").contains("'photovault repair snapshots'");
        assertThat(errorLines(snapshots)).isEqualTo(1);
        assertThat(ok(cli.run("ls", "latest")).out()).contains("Summer/new.jpg");
        ok(cli.run("restore", "latest", "--target", tmp.resolve("restored").toString()));
        ok(cli.run("diff", latest, "latest"));
        ok(cli.run("backup", source.toString()));
        ok(cli.run("forget", "--keep-last", "5"));
        Cli.Result prune = cli.run("prune");
        assertThat(prune.exitCode()).isEqualTo(1);
        assertThat(prune.err()).contains("repair snapshots");
        assertThat(cli.run("check").exitCode()).isEqualTo(1);

        Cli.Result repair = ok(cli.run("repair", "snapshots"));
        assertThat(repair.out()).contains("removed snapshot " + old + " is damaged");
        ok(cli.run("prune"));
        ok(cli.run("check", "--read-data"));
    }

    @Test
    void aDeletedChunkIsHealedByRepairIndexAndTheNextBackup() throws Exception {
        init();
        ok(cli.run("backup", source.toString()));
        Path chunk;
        try (Stream<Path> chunks = Files.walk(repo.resolve("chunks"))) {
            chunk = chunks.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.delete(chunk);
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains(chunk.getFileName() + ": missing").contains("repair index");
        Cli.Result prune = cli.run("prune");
        assertThat(prune.err()).contains("repair index");

        Cli.Result repair = ok(cli.run("repair", "index"));
        assertThat(repair.out()).contains("1 listed before but missing");
        Cli.Result backup = ok(cli.run("backup", source.toString()));
        assertThat(backup.out()).doesNotContain(" 0 B added");
        ok(cli.run("check", "--read-data"));
        Path target = tmp.resolve("restored");
        ok(cli.run("restore", "latest", "--target", target.toString()));
        assertThat(Files.readAllBytes(target.resolve("Summer/sea.jpg"))).isEqualTo(randomBytes(700_000, 1));
        assertThat(Files.readAllBytes(target.resolve("Winter/snow.jpg"))).isEqualTo(randomBytes(900_000, 2));
    }

    @Test
    void inTheCLocaleNamesAreStoredExactlyAndTheUserIsToldToUseUtf8() throws Exception {
        init();
        Files.write(Path.of(URI.create(source.resolve("Summer").toUri() + "caf%C3%A9.jpg")), randomBytes(100, 4));
        Files.write(Path.of(URI.create(source.resolve("Summer").toUri() + "%FF.jpg")), randomBytes(200, 5));
        Cli.Result backup = cli.withEnv(Map.of("LC_ALL", "C", "LANG", "C")).run("backup", source.toString());
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        assertThat(backup.err()).contains("run photovault in a UTF-8 locale (LANG=C.UTF-8)");

        Cli.Result ls = ok(cli.withEnv(Map.of("LC_ALL", "C.UTF-8")).run("ls", "latest"));
        assertThat(ls.out()).contains("Summer/café.jpg").contains("Summer/\\xFF.jpg");
        Path target = tmp.resolve("restored");
        ok(cli.withEnv(Map.of("LC_ALL", "C.UTF-8")).run("restore", "latest", "--target", target.toString()));
        assertThat(Files.readAllBytes(target.resolve("Summer/café.jpg"))).isEqualTo(randomBytes(100, 4));
        assertThat(Files.readAllBytes(Path.of(URI.create(target.resolve("Summer").toUri() + "%FF.jpg"))))
                .isEqualTo(randomBytes(200, 5));
    }

    @Test
    void aRepositoryOnReadOnlyMediaCanBeListedCheckedAndRestoredFrom() throws Exception {
        init();
        ok(cli.run("backup", source.toString()));
        Cli readOnly;
        if ("root".equals(System.getProperty("user.name"))) {
            // Root writes through permissions: make the folder a real read-only mount, in a namespace of its own.
            Process probe = new ProcessBuilder("unshare", "-m", "true").start();
            assumeTrue(probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0, "unshare -m is not allowed here");
            readOnly = cli.withPrefix("unshare", "-m", "sh", "-c",
                    "mount --bind " + repo + " " + repo + " && mount -o remount,bind,ro " + repo + " && exec \"$@\"", "sh");
        } else {
            try (Stream<Path> all = Files.walk(repo)) {
                all.forEach(p -> p.toFile().setWritable(false, false));
            }
            readOnly = cli;
        }
        Cli.Result snapshots = ok(readOnly.run("snapshots"));
        assertThat(snapshots.out()).contains("1 snapshots");
        ok(readOnly.run("ls", "latest"));
        Cli.Result check = ok(readOnly.run("check", "--read-data"));
        assertThat(check.err()).contains("cannot be written").contains("reading it without a lock");
        Path target = tmp.resolve("restored");
        ok(readOnly.run("restore", "latest", "--target", target.toString()));
        assertThat(Files.readAllBytes(target.resolve("Winter/snow.jpg"))).isEqualTo(randomBytes(900_000, 2));
        Cli.Result noLock = ok(readOnly.run("check", "--no-lock"));
        assertThat(noLock.err()).doesNotContain("cannot be written");
        Cli.Result backup = readOnly.run("backup", source.toString());
        assertThat(backup.exitCode()).isEqualTo(1);
        assertThat(backup.err()).contains("cannot be written").hasLineCount(1);
    }

    @Test
    void outOfRangeOptionsAndASmallHeapAreEachOneLine() throws Exception {
        Cli.Result memory = cli.run("init", "--kdf-memory", "100000000");
        assertThat(memory.exitCode()).isEqualTo(1);
        assertThat(memory.err()).contains("--kdf-memory").contains("out of range").hasLineCount(1);
        init();
        ok(cli.run("backup", source.toString()));
        for (String[] args : List.of(new String[] {"backup", source.toString(), "--workers", "0"},
                new String[] {"restore", "latest", "--target", tmp.resolve("r").toString(), "--workers", "0"},
                new String[] {"restore", "latest", "--target", tmp.resolve("r").toString(), "--include", "a/[b"},
                new String[] {"init", "--chunk-min", "9000000"})) {
            Cli.Result result = cli.run(args);
            assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
            assertThat(result.err()).as(String.join(" ", args)).startsWith("photovault: ").hasLineCount(1)
                    .doesNotContain("internal error");
        }

        Path big = tmp.resolve("big-kdf");
        Cli bigKdf = Cli.forRepository(big);
        ok(bigKdf.run("init", "--kdf-memory", "64", "--kdf-iterations", "1"));
        Cli.Result small = bigKdf.withJvmOptions("-Xmx64m").run("snapshots");
        assertThat(small.exitCode()).as(small.all()).isEqualTo(1);
        assertThat(small.err()).contains("needs").contains("-Xmx").hasLineCount(1).doesNotContain("OutOfMemoryError");
    }

    @Test
    void aFullDiskNamesThePathAndWhatToDoAndTheNextRunAfterFreeingSpaceCompletes() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a small tmpfs");
        Path small = Files.createDirectories(tmp.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", small.toString())
                .inheritIO().start();
        assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0, "cannot mount a tmpfs here");
        try {
            Path smallRepo = small.resolve("repo");
            Cli onSmall = Cli.forRepository(smallRepo);
            ok(onSmall.run("init", "--kdf-memory", "1", "--kdf-iterations", "1"));
            Cli.Result full = onSmall.run("backup", source.toString());
            assertThat(full.exitCode()).as(full.all()).isEqualTo(1);
            assertThat(full.err()).contains("no space left on device at " + smallRepo)
                    .contains("free some space").hasLineCount(1);
            ok(onSmall.run("check"));

            run("mount", "-o", "remount,size=20m", small.toString());
            Cli.Result again = ok(onSmall.run("backup", source.toString()));
            assertThat(again.out()).contains("2 files");
            ok(onSmall.run("check", "--read-data"));

            Path target = Files.createDirectories(tmp.resolve("small-target"));
            run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", target.toString());
            try {
                Cli.Result restore = onSmall.run("restore", "latest", "--target", target.toString());
                assertThat(restore.exitCode()).as(restore.all()).isEqualTo(3);
                assertThat(restore.err()).contains("no space left on device writing " + target)
                        .contains("free space in the target");
            } finally {
                run("umount", target.toString());
            }
        } finally {
            run("umount", small.toString());
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }

    @Test
    void aSymbolicLinkInTheRestoreTargetFailsOnlyTheEntriesBelowItWithExitThree() throws Exception {
        init();
        ok(cli.run("backup", source.toString()));
        Path target = Files.createDirectories(tmp.resolve("restored"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(target.resolve("Summer"), elsewhere);
        Cli.Result restore = cli.run("restore", "latest", "--target", target.toString());
        assertThat(restore.exitCode()).isEqualTo(3);
        assertThat(restore.err()).contains("Summer").contains("symbolic link");
        assertThat(target.resolve("Winter/snow.jpg")).isRegularFile();
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }
}
