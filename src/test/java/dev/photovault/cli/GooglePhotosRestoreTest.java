package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.takeout.TakeoutFixture;
import dev.photovault.takeout.TakeoutImport;
import dev.photovault.testing.EmulatorConfig;
import dev.photovault.testing.Cli;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.backup.ItemBackup;
import dev.photovault.vault.core.backup.ItemBackupOptions;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `restore --to google-photos` against the emulator over HTTP: a 300-item, 5-album snapshot (a Takeout import,
 * items in several albums, sidecar-dated JPEGs, EXIF-dated JPEGs, PNGs) restored with every album, its items, the
 * descriptions, and the dates and places written into the uploaded JPEGs; killed halfway and restarted without a
 * duplicate.
 */
class GooglePhotosRestoreTest {

    static final String[] ALBUMS = {"Alps", "Beach", "Family", "Friends", "Pets"};

    @TempDir
    Path tmp;
    GooglePhotosEmulator emulator;
    GooglePhotosClient client;
    Repository repository;
    Snapshot snapshot;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        emulator = GooglePhotosEmulator.builder().start();
        client = EmulatorConfig.client(emulator);
        Path repo = tmp.resolve("repo");
        repository = TestRepository.create(repo);
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        for (String a : ALBUMS) {
            f.json(1, "Google Photos/" + a + "/metadata.json", "{\"title\":\"" + a + "\"}");
        }
        for (int i = 0; i < 300; i++) {
            String year = "Google Photos/Photos from 2020/";
            String name;
            byte[] bytes;
            String extra = null;
            if (i % 10 == 9) {
                name = "shot" + i + ".png";
                bytes = TakeoutFixture.png(i, 3_000);
            } else if (i % 10 == 8) {
                name = "cam" + i + ".jpg"; // dated by its own EXIF, no sidecar: uploaded as it is
                bytes = TakeoutFixture.jpeg(i, 3_000, Instant.parse("2019-01-01T00:00:00Z").plusSeconds(i));
            } else {
                name = "IMG_" + i + ".jpg";
                bytes = TakeoutFixture.jpeg(i, 3_000, null);
                extra = "\"geoDataExif\":{\"latitude\":46." + i + ",\"longitude\":6.5,\"altitude\":400.0}";
            }
            int part = 1 + i % 2;
            f.file(part, year + name, bytes);
            if (i % 10 != 8) {
                f.json(part, year + name + ".json", TakeoutFixture.sidecar(name, taken(i), null, extra)
                        .replace("\"description\":\"\"", "\"description\":\"photo " + i + "\""));
            }
            // Items in one, two or no albums.
            for (int k = 0; k < 5; k++) {
                if (i % 5 == k || i % 7 == k) {
                    f.file(part, "Google Photos/" + ALBUMS[k] + "/" + name, bytes);
                }
            }
        }
        List<Path> parts = f.write(tmp.resolve("export"), Map.of());
        ItemBackup backup = ItemBackup.open(repository, ItemBackupOptions.of("takeout", "takeout"));
        TakeoutImport.run(parts, backup, TakeoutImport.Options.defaults());
        String id = backup.commit().snapshot();
        snapshot = repository.loadSnapshot(id);
        assertThat(snapshot.entries()).hasSize(300);
        cli = Cli.forRepository(repo).withEnv(EmulatorConfig.environment(emulator))
                .withEnv(Map.of("PHOTOVAULT_CACHE_DIR", tmp.resolve("cache").toString()));
    }

    @AfterEach
    void tearDown() {
        emulator.close();
    }

    static Instant taken(int i) {
        return Instant.parse("2020-06-01T10:00:00Z").plusSeconds(3600L * i);
    }

    private static <T> List<T> all(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyAlbumWithExactlyItsItemsDatesAndPlacesInTheFilesAndAKilledRunResumesWithoutDuplicates()
            throws Exception {
        Cli.Result dry = cli.run("restore", "latest", "--to", "google-photos", "--album-prefix", "Restored ",
                "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("would create album Restored Alps", "5 albums to create",
                "300 items to upload");
        assertThat(emulator.stats().path("uploads").asLong()).as("a dry run uploads nothing").isZero();
        assertThat(all(client.listAlbums())).isEmpty();

        // Slow every request down so that the run can be killed halfway.
        emulator.faults(dev.photovault.emulator.FaultSpec.parse("latency=15ms"));
        Process first = cli.start("restore", "latest", "--to", "google-photos", "--album-prefix", "Restored ");
        java.io.ByteArrayOutputStream firstOutput = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                first.getInputStream().transferTo(firstOutput);
            } catch (java.io.IOException e) {
                // the process was killed
            }
        });
        drain.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (emulator.stats().path("uploads").asLong() < 120 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(first.isAlive()).as("still running halfway: " + firstOutput).isTrue();
        first.destroyForcibly().waitFor();
        drain.join();
        long before = all(client.listMediaItems()).size();
        assertThat(before).isBetween(1L, 299L);
        emulator.faults(dev.photovault.emulator.FaultSpec.NONE);

        Cli.Result resumed = cli.run("restore", "latest", "--to", "google-photos", "--album-prefix", "Restored ");
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("already there");

        List<MediaItem> items = all(client.listMediaItems());
        assertThat(items).hasSize(300);
        Map<String, MediaItem> byName = new HashMap<>();
        items.forEach(m -> assertThat(byName.put(m.filename(), m)).as("one item per file").isNull());
        for (Entry e : snapshot.entries()) {
            String name = e.path().substring(e.path().lastIndexOf('/') + 1);
            MediaItem item = byName.get(name);
            assertThat(item).as(name).isNotNull();
            byte[] uploaded = emulator.original(item.id());
            byte[] original;
            try (var in = new dev.photovault.vault.core.restorer.EntryInputStream(repository, e)) {
                original = in.readAllBytes();
            }
            if (name.startsWith("IMG_")) {
                // Dated and placed by its sidecar: the uploaded copy carries both in its EXIF.
                var md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(uploaded));
                assertThat(md.getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                        .getDateOriginal(TimeZone.getTimeZone("UTC")).toInstant()).as(name).isEqualTo(e.media().taken());
                var gps = md.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation();
                assertThat(gps.getLatitude()).isCloseTo(e.media().latitude(), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(item.creationTime()).isEqualTo(e.media().taken());
                assertThat(uploaded).isNotEqualTo(original);
            } else {
                assertThat(uploaded).as(name + ": nothing to add, uploaded as it is").isEqualTo(original);
            }
            assertThat(java.util.Objects.toString(item.description(), "")).isEqualTo(
                    e.media().description() == null ? "" : e.media().description());
        }
        // Every album recreated with exactly its items.
        Map<String, Album> albums = new HashMap<>();
        all(client.listAlbums()).forEach(a -> albums.put(a.title(), a));
        assertThat(albums.keySet()).containsExactlyInAnyOrder("Restored Alps", "Restored Beach", "Restored Family",
                "Restored Friends", "Restored Pets");
        for (String a : ALBUMS) {
            List<String> expected = snapshot.entries().stream().filter(e -> e.albums().contains(a))
                    .map(e -> e.path().substring(e.path().lastIndexOf('/') + 1)).sorted().toList();
            List<String> actual = all(client.listAlbumItems(albums.get("Restored " + a).id())).stream()
                    .map(MediaItem::filename).sorted().toList();
            assertThat(actual).as(a).isEqualTo(expected);
        }

        long uploads = emulator.stats().path("uploads").asLong();
        Cli.Result again = cli.run("restore", "latest", "--to", "google-photos", "--album-prefix", "Restored ");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("0 items uploaded", "300 already there");
        assertThat(emulator.stats().path("uploads").asLong()).isEqualTo(uploads);
        assertThat(resumed.all() + again.all()).doesNotContain(emulator.credentials().refreshToken())
                .doesNotContain(emulator.credentials().clientSecret());
    }

    @Test
    void aSpentDailyQuotaStopsTheRunWhichTheNextRunContinues() throws Exception {
        emulator.faults(dev.photovault.emulator.FaultSpec.parse("daily-requests=120"));
        Cli.Result stopped = cli.run("restore", "latest", "--to", "google-photos");
        assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(3);
        assertThat(stopped.err()).contains("stopped: Google Photos daily quota exhausted")
                .contains("the next run will continue");
        emulator.faults(dev.photovault.emulator.FaultSpec.NONE);
        emulator.advanceClock(java.time.Duration.ofDays(1));
        long partial = all(client.listMediaItems()).size();
        assertThat(partial).isBetween(1L, 299L);
        Cli.Result resumed = cli.run("restore", "latest", "--to", "google-photos");
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains(partial + " already there");
        List<MediaItem> items = all(client.listMediaItems());
        assertThat(items).hasSize(300);
        assertThat(items.stream().map(MediaItem::filename).distinct()).hasSize(300);
    }
}
