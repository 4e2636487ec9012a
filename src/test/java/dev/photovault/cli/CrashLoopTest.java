package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.takeout.TakeoutFixture;
import dev.photovault.takeout.TakeoutImport;
import dev.photovault.testing.Cli;
import dev.photovault.testing.EmulatorConfig;
import dev.photovault.testing.KillLoop;
import dev.photovault.testing.SyntheticVideo;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Digests;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.backup.ItemBackup;
import dev.photovault.vault.core.backup.ItemBackupOptions;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash loop (docs/reliability.md): every command that writes is killed with SIGKILL at 20 random moments of
 * its work; after each kill the repository passes {@code check --read-data}, and the run after the last kill
 * completes, with a bit-exact result and no duplicates, and cleans what the killed runs left on this host.
 */
class CrashLoopTest {

    static final int ROUNDS = 20;
    /** The killed commands do little work each: a client compiler and the serial collector start them faster. */
    static final String[] QUICK_JVM = {"-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

    @TempDir
    Path tmp;

    private static void assertValid(Path repo, String passphrase, int round) throws Exception {
        Repository repository = Repository.open(new dev.photovault.vault.core.store.LocalObjectStore(repo),
                passphrase.toCharArray());
        CheckResult check = new Checker(repository, 2, new Progress()).check(true, 1.0);
        assertThat(check.errors()).as("check --read-data after round %d", round).isEmpty();
    }

    private static void assertValid(Path repo, int round) throws Exception {
        assertValid(repo, TestRepository.PASSPHRASE, round);
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.all()).isZero();
        return r;
    }

    /** No lock and no temporary file of a killed process is left once a run on this host went through. */
    private static void assertNoLeftovers(Path repo) throws Exception {
        assertThat(RepositoryLock.list(TestRepository.reopen(repo))).as("locks").isEmpty();
        if (Files.isDirectory(repo.resolve("tmp"))) {
            try (Stream<Path> left = Files.list(repo.resolve("tmp"))) {
                assertThat(left).as("temporary files of killed runs").isEmpty();
            }
        }
    }

    private static void assertMostlyKilled(KillLoop.Tally tally) {
        assertThat(tally.killed()).as("rounds killed mid-work: %s", tally).isGreaterThanOrEqualTo(ROUNDS / 2);
    }

    @Test
    void aFolderBackup() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepository.create(repo);
        Path source = tmp.resolve("photos");
        for (int i = 0; i < 300; i++) {
            write(source.resolve("Album " + i % 7 + "/IMG_" + i + ".jpg"), randomBytes(i % 10 == 0 ? 900_000 : 90_000, i));
        }
        Cli cli = Cli.forRepository(repo).withJvmOptions(QUICK_JVM);
        KillLoop.Tally tally = KillLoop.run(ROUNDS, 1, Duration.ofMillis(900), repo.resolve("locks"),
                () -> cli.start("backup", source.toString()), (round, killed) -> assertValid(repo, round));
        assertMostlyKilled(tally);

        ok(cli.run("backup", source.toString()));
        assertNoLeftovers(repo);
        Repository repository = TestRepository.reopen(repo);
        Snapshot latest = repository.loadSnapshot(repository.resolveSnapshot("latest").id());
        assertThat(latest.entries().stream().filter(e -> e.type() == dev.photovault.vault.core.snapshot.EntryType.FILE)).hasSize(300);
        Path restored = tmp.resolve("restored");
        TestRepository.restore(repository, "latest", restored);
        TestRepository.assertSameTree(source, restored);
    }

    @Test
    void aTakeoutImport() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepository.create(repo);
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        Set<String> media = new HashSet<>();
        for (int i = 0; i < 240; i++) {
            byte[] jpeg = TakeoutFixture.jpeg(i, i % 12 == 0 ? 600_000 : 60_000, null);
            media.add(Digests.sha256Hex(jpeg));
            f.file(1 + i % 2, "Google Photos/Photos from 2024/IMG_" + i + ".jpg", jpeg);
        }
        List<Path> parts = f.write(tmp.resolve("export"), Map.of());
        Cli cli = Cli.forRepository(repo).withJvmOptions(QUICK_JVM);
        KillLoop.Tally tally = KillLoop.run(ROUNDS, 2, Duration.ofMillis(900), repo.resolve("locks"),
                () -> cli.start("backup", "--takeout", parts.get(0).toString(), parts.get(1).toString()),
                (round, killed) -> assertValid(repo, round));
        assertMostlyKilled(tally);

        ok(cli.run("backup", "--takeout", parts.get(0).toString(), parts.get(1).toString()));
        assertNoLeftovers(repo);
        Repository repository = TestRepository.reopen(repo);
        Snapshot latest = repository.loadSnapshot(repository.resolveSnapshot("latest").id());
        assertThat(latest.entries()).hasSize(240);
        assertThat(latest.entries().stream().map(Entry::sha256)).containsExactlyInAnyOrderElementsOf(media);
        Path restored = tmp.resolve("restored");
        TestRepository.restore(repository, "latest", restored);
        Set<String> back = new HashSet<>();
        try (Stream<Path> files = Files.walk(restored)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                back.add(Digests.sha256Hex(Files.readAllBytes(p)));
            }
        }
        assertThat(back).isEqualTo(media);
    }

    @Test
    void theGooglePhotosBackupRoute() throws Exception {
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            List<String> ids = emulator.seed(120, 4, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 8);
            emulator.faults(FaultSpec.parse("latency=3ms"));
            Path config = EmulatorConfig.write(tmp, emulator, "backup.retry-delay=10", "maintenance.enabled=false",
                    "takeout.enabled=false", "picker.enabled=false");
            Path repo = tmp.resolve("vault");
            Cli cli = new Cli(null, Map.of("PHOTOVAULT_PASSWORD", TestRepository.PASSPHRASE))
                    .withEnv(EmulatorConfig.environment(emulator)).inDirectory(tmp).withJvmOptions(QUICK_JVM);
            ok(cli.run("init", "--repo", repo.toString(), "--kdf-memory", "1", "--kdf-iterations", "1"));
            KillLoop.Tally tally = KillLoop.run(ROUNDS, 3, Duration.ofMillis(1200), repo.resolve("locks"),
                    () -> cli.start("run", "--once", "--config", config.toString()),
                    (round, killed) -> assertValid(repo, round));
            assertMostlyKilled(tally);

            emulator.faults(FaultSpec.parse(""));
            ok(cli.run("run", "--once", "--config", config.toString()));
            assertNoLeftovers(repo);
            Repository repository = TestRepository.reopen(repo);
            Snapshot latest = repository.loadSnapshot(repository.resolveSnapshot("latest").id());
            List<String> sources = latest.entries().stream().map(e -> e.media().sourceId()).toList();
            assertThat(sources).as("every item once").hasSize(120).containsExactlyInAnyOrderElementsOf(ids);
            GooglePhotosClient client = EmulatorConfig.client(emulator);
            for (Entry e : latest.entries()) {
                try (InputStream in = client.download(e.media().sourceId())) {
                    assertThat(e.sha256()).as(e.path()).isEqualTo(SyntheticVideo.sha256(in));
                }
            }
            TestRepository.restore(repository, "latest", tmp.resolve("restored"));
        }
    }

    @Test
    void aPrune() throws Exception {
        Path repo = tmp.resolve("repo");
        Repository repository = TestRepository.create(repo);
        List<Path> sources = new ArrayList<>();
        for (int s = 0; s <= ROUNDS; s++) {
            Path source = tmp.resolve("photos/" + s);
            for (int i = 0; i < 150; i++) {
                write(source.resolve("p" + i + ".jpg"), randomBytes(6_000, 1000L * s + i));
            }
            sources.add(source);
            new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source));
        }
        Cli cli = Cli.forRepository(repo).withJvmOptions(QUICK_JVM);
        List<SnapshotRef> snapshots = repository.listSnapshots();
        KillLoop.Tally tally = KillLoop.run(ROUNDS, 4, Duration.ofMillis(500), repo.resolve("locks"), () -> {
            // Each round forgets one more snapshot, so that every prune has chunks to delete.
            TestRepository.reopen(repo).deleteSnapshot(snapshots.get(0).id());
            snapshots.remove(0);
            return cli.start("prune", "--grace", "PT0S");
        }, (round, killed) -> assertValid(repo, round));
        assertThat(tally.killed()).as("prunes killed mid-work: %s", tally).isPositive();

        ok(cli.run("prune", "--grace", "PT0S"));
        assertNoLeftovers(repo);
        Repository after = TestRepository.reopen(repo);
        assertThat(after.listSnapshots()).hasSize(1);
        assertThat(TestRepository.storedChunkCount(repo)).as("only the last snapshot's chunks stay").isEqualTo(150);
        Path restored = tmp.resolve("restored");
        TestRepository.restore(after, after.listSnapshots().get(0).id(), restored);
        TestRepository.assertSameTree(sources.get(ROUNDS), restored);
    }

    @Test
    void aCopy() throws Exception {
        Path repo = tmp.resolve("repo");
        Repository repository = TestRepository.create(repo);
        Path source = tmp.resolve("photos");
        for (int s = 0; s < 5; s++) {
            for (int i = 0; i < 60; i++) {
                write(source.resolve(s + "/IMG_" + i + ".jpg"), randomBytes(i % 10 == 0 ? 700_000 : 70_000, 100L * s + i));
            }
            new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source));
        }
        Path target = tmp.resolve("second");
        String targetPassphrase = "the second repository's own passphrase";
        Files.writeString(tmp.resolve("second.pass"), targetPassphrase + "\n");
        Cli cli = Cli.forRepository(repo).withJvmOptions(QUICK_JVM);
        ok(new Cli(target, Map.of("PHOTOVAULT_PASSWORD", targetPassphrase)).run("init", "--kdf-memory", "1",
                "--kdf-iterations", "1"));
        KillLoop.Tally tally = KillLoop.run(ROUNDS, 5, Duration.ofMillis(1000), repo.resolve("locks"),
                () -> cli.start("copy", "--to-repo", target.toString(), "--to-password-file",
                        tmp.resolve("second.pass").toString()),
                (round, killed) -> assertValid(target, targetPassphrase, round));
        assertMostlyKilled(tally);

        ok(cli.run("copy", "--to-repo", target.toString(), "--to-password-file", tmp.resolve("second.pass").toString()));
        Repository copy = Repository.open(new dev.photovault.vault.core.store.LocalObjectStore(target),
                targetPassphrase.toCharArray());
        assertThat(copy.listSnapshots()).as("each snapshot copied once").hasSize(5);
        Cli.Result again = ok(cli.run("copy", "--to-repo", target.toString(), "--to-password-file",
                tmp.resolve("second.pass").toString()));
        assertThat(Repository.open(new dev.photovault.vault.core.store.LocalObjectStore(target),
                targetPassphrase.toCharArray()).listSnapshots()).as(again.all()).hasSize(5);
        assertThat(RepositoryLock.list(copy)).isEmpty();
        Path restored = tmp.resolve("restored");
        TestRepository.restore(copy, "latest", restored);
        TestRepository.assertSameTree(source, restored);
    }

    @Test
    void aRestoreIntoAFolder() throws Exception {
        Path repo = tmp.resolve("repo");
        Repository repository = TestRepository.create(repo);
        Path source = tmp.resolve("photos");
        for (int i = 0; i < 300; i++) {
            write(source.resolve("Album " + i % 5 + "/IMG_" + i + ".jpg"), randomBytes(i % 10 == 0 ? 900_000 : 90_000, i));
        }
        new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source));
        Path target = tmp.resolve("restored");
        Cli cli = Cli.forRepository(repo).withJvmOptions(QUICK_JVM);
        KillLoop.Tally tally = KillLoop.run(ROUNDS, 6, Duration.ofMillis(900), repo.resolve("locks"),
                () -> cli.start("restore", "latest", "--target", target.toString()), (round, killed) -> {
                    assertValid(repo, round);
                    // A file under its own name is always whole; what is not whole has a temporary name.
                    if (Files.isDirectory(target)) {
                        try (Stream<Path> files = Files.walk(target)) {
                            for (Path p : files.filter(Files::isRegularFile).toList()) {
                                if (!p.getFileName().toString().startsWith(".")) {
                                    assertThat(Files.mismatch(p, source.resolve(target.relativize(p).toString())))
                                            .as("round %d: %s", round, p).isEqualTo(-1L);
                                }
                            }
                        }
                    }
                });
        assertMostlyKilled(tally);

        ok(cli.run("restore", "latest", "--target", target.toString()));
        TestRepository.assertSameTree(source, target);
        try (Stream<Path> files = Files.walk(target)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("the killed restores' temporary files are gone").noneMatch(n -> n.startsWith("."));
        }
        assertNoLeftovers(repo);
    }

    @Test
    void aRestoreIntoGooglePhotos() throws Exception {
        Path repo = tmp.resolve("repo");
        Repository repository = TestRepository.create(repo);
        String[] albums = {"Alps", "Beach", "Family"};
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        for (String a : albums) {
            f.json(1, "Google Photos/" + a + "/metadata.json", "{\"title\":\"" + a + "\"}");
        }
        Map<String, Integer> perAlbum = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            String name = "IMG_" + i + ".jpg";
            byte[] bytes = TakeoutFixture.jpeg(i, 20_000, null);
            f.file(1, "Google Photos/Photos from 2020/" + name, bytes);
            String album = albums[i % 3];
            if (i % 4 != 0) {
                f.file(1, "Google Photos/" + album + "/" + name, bytes);
                perAlbum.merge("Restored " + album, 1, Integer::sum);
            }
        }
        ItemBackup backup = ItemBackup.open(repository, ItemBackupOptions.of("takeout", "takeout"));
        TakeoutImport.run(f.write(tmp.resolve("export"), Map.of()), backup, TakeoutImport.Options.defaults());
        backup.commit();
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            emulator.faults(FaultSpec.parse("latency=5ms"));
            Cli cli = Cli.forRepository(repo).withEnv(EmulatorConfig.environment(emulator))
                    .withEnv(Map.of("PHOTOVAULT_CACHE_DIR", tmp.resolve("cache").toString())).withJvmOptions(QUICK_JVM);
            KillLoop.Tally tally = KillLoop.run(ROUNDS, 7, Duration.ofMillis(900), repo.resolve("locks"),
                    () -> cli.start("restore", "latest", "--to", "google-photos", "--album-prefix", "Restored "),
                    (round, killed) -> assertValid(repo, round));
            assertMostlyKilled(tally);

            emulator.faults(FaultSpec.parse(""));
            ok(cli.run("restore", "latest", "--to", "google-photos", "--album-prefix", "Restored "));
            GooglePhotosClient client = EmulatorConfig.client(emulator);
            List<MediaItem> library = new ArrayList<>();
            client.listMediaItems().forEachRemaining(library::add);
            assertThat(library).as("every item uploaded once, none twice").hasSize(120);
            assertThat(library.stream().map(MediaItem::filename).distinct()).hasSize(120);
            Map<String, Integer> restoredAlbums = new HashMap<>();
            for (var it = client.listAlbums(); it.hasNext(); ) {
                Album album = it.next();
                List<MediaItem> items = new ArrayList<>();
                client.listAlbumItems(album.id()).forEachRemaining(items::add);
                assertThat(items.stream().map(MediaItem::id).distinct()).as(album.title()).hasSize(items.size());
                restoredAlbums.put(album.title(), items.size());
            }
            assertThat(restoredAlbums).as("each album once, with exactly its items").isEqualTo(perAlbum);
            assertNoLeftovers(repo);
        }
    }
}
