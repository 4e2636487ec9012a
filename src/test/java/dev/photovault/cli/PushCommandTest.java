package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.takeout.TakeoutFixture;
import dev.photovault.testing.EmulatorConfig;
import dev.photovault.testing.Cli;
import dev.photovault.testing.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code photovault push DIR} against the emulator over HTTP: every mode, the dry run, refusals, renames, quota. */
class PushCommandTest {

    static final List<String> WRITES = List.of("albums.create", "albums.patch", "albums.batchAddMediaItems",
            "albums.batchRemoveMediaItems", "mediaItems.batchCreate", "mediaItems.patch", "uploads",
            "uploads.resumable");

    @TempDir
    Path tmp;
    GooglePhotosEmulator emulator;
    GooglePhotosClient client;
    Path albums;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        emulator = GooglePhotosEmulator.builder().start();
        client = EmulatorConfig.client(emulator);
        albums = tmp.resolve("albums");
        cli = new Cli(null, EmulatorConfig.environment(emulator))
                .withEnv(Map.of("PHOTOVAULT_CACHE_DIR", tmp.resolve("cache").toString()));
    }

    @AfterEach
    void tearDown() {
        emulator.close();
    }

    private void photo(String path, long seed) throws Exception {
        TestRepository.write(albums.resolve(path), TakeoutFixture.jpeg(seed, 4_000, null));
    }

    private Cli.Result push(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("push", albums.toString()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    /** Album title → the file names of its items. */
    private Map<String, List<String>> inGoogle() {
        Map<String, List<String>> out = new TreeMap<>();
        for (Album a : all(client.listAlbums())) {
            out.put(a.title(), all(client.listAlbumItems(a.id())).stream().map(MediaItem::filename).sorted().toList());
        }
        return out;
    }

    private static <T> List<T> all(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private long stat(String endpoint) {
        return emulator.stats().path("byEndpoint").path(endpoint).asLong();
    }

    @Test
    void copyUploadsEachFileOnceIntoItsAlbumAndNeverAgainAfterARename() throws Exception {
        photo("Summer/beach.jpg", 1);
        photo("Summer/sea.jpg", 2);
        photo("Summer/Day 2/boat.jpg", 3);
        photo("Winter/snow.jpg", 4);
        TestRepository.write(albums.resolve("Winter/clip.mp4"), TakeoutFixture.mp4(5, 6_000));
        TestRepository.write(albums.resolve("Summer/notes.txt"), "not a photo".getBytes());
        photo("loose.jpg", 6);
        photo(".hidden/x.jpg", 7);
        Files.createDirectories(albums.resolve("Empty"));

        Cli.Result first = push();
        assertThat(first.exitCode()).as(first.all()).isEqualTo(PhotovaultCommand.INCOMPLETE);
        assertThat(first.err()).contains("refused: loose.jpg: can't upload files here — put them in a folder named"
                + " after their album").contains("refused: Summer/notes.txt: not a photo or video");
        assertThat(first.out()).contains("5 uploaded", "3 albums created");
        assertThat(inGoogle()).isEqualTo(Map.of("Empty", List.of(), "Summer", List.of("beach.jpg", "boat.jpg", "sea.jpg"),
                "Winter", List.of("clip.mp4", "snow.jpg")));
        for (MediaItem item : all(client.listMediaItems())) {
            Path local = Files.walk(albums).filter(p -> p.getFileName().toString().equals(item.filename()))
                    .findFirst().orElseThrow();
            assertThat(emulator.original(item.id())).isEqualTo(Files.readAllBytes(local));
        }
        Files.delete(albums.resolve("loose.jpg"));
        Files.delete(albums.resolve("Summer/notes.txt"));

        long uploads = stat("uploads");
        Cli.Result again = push();
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("0 uploaded", "5 already there");

        // A rename is not an upload; a move to another album folder is an album add.
        Files.move(albums.resolve("Summer/sea.jpg"), albums.resolve("Summer/sea, renamed.jpg"));
        Files.move(albums.resolve("Winter/snow.jpg"), albums.resolve("Summer/snow.jpg"));
        Cli.Result renamed = push();
        assertThat(renamed.exitCode()).as(renamed.all()).isZero();
        assertThat(renamed.out()).contains("0 uploaded", "1 added to another album");
        assertThat(stat("uploads")).isEqualTo(uploads);
        assertThat(inGoogle().get("Summer")).containsExactly("beach.jpg", "boat.jpg", "sea.jpg", "snow.jpg");
        assertThat(all(client.listMediaItems())).hasSize(5);
    }

    @Test
    void syncRemovesFromTheAlbumTheItemsOfDeletedFilesAndSaysTheyStayInTheLibrary() throws Exception {
        photo("Summer/beach.jpg", 1);
        photo("Summer/sea.jpg", 2);
        photo("Winter/snow.jpg", 3);
        assertThat(push().exitCode()).isZero();
        Files.delete(albums.resolve("Summer/sea.jpg"));

        Cli.Result copy = push();
        assertThat(copy.out()).contains("0 uploaded");
        assertThat(inGoogle().get("Summer")).containsExactly("beach.jpg", "sea.jpg");

        Cli.Result dry = push("--mode", "sync", "--dry-run");
        assertThat(dry.out()).contains("would remove Summer/sea.jpg from album Summer");
        assertThat(inGoogle().get("Summer")).containsExactly("beach.jpg", "sea.jpg");

        Cli.Result sync = push("--mode", "sync");
        assertThat(sync.exitCode()).as(sync.all()).isZero();
        assertThat(sync.out()).contains("removed from its album: Summer/sea.jpg", "1 items removed from albums",
                "cannot delete media");
        assertThat(inGoogle()).isEqualTo(Map.of("Summer", List.of("beach.jpg"), "Winter", List.of("snow.jpg")));
        assertThat(all(client.listMediaItems())).extracting(MediaItem::filename).contains("sea.jpg");

        // An unmounted disk looks like an empty folder: sync refuses rather than empty every album.
        Path empty = Files.createDirectories(tmp.resolve("unmounted"));
        Cli.Result refused = cli.run("push", empty.toString(), "--mode", "sync");
        assertThat(refused.exitCode()).isEqualTo(0); // another folder: its own state, nothing pushed before
        TestRepository.deleteTree(albums.resolve("Summer"));
        TestRepository.deleteTree(albums.resolve("Winter"));
        Cli.Result unmounted = push("--mode", "sync");
        assertThat(unmounted.exitCode()).isEqualTo(1);
        assertThat(unmounted.err()).contains("refusing to sync").hasLineCount(1);
        assertThat(inGoogle().get("Winter")).containsExactly("snow.jpg");
    }

    @Test
    void moveDeletesALocalFileOnlyOnceItsItemIsInTheAlbum() throws Exception {
        photo("Summer/beach.jpg", 1);
        photo("Summer/sea.jpg", 2);
        TestRepository.write(albums.resolve("Summer/broken.jpg"), "not really a jpeg".getBytes());
        Cli.Result move = push("--mode", "move");
        assertThat(move.exitCode()).as(move.all()).isEqualTo(PhotovaultCommand.INCOMPLETE);
        assertThat(move.out()).contains("2 uploaded", "2 local files deleted");
        assertThat(move.err()).contains("Summer/broken.jpg: Google refused it");
        assertThat(albums.resolve("Summer/beach.jpg")).doesNotExist();
        assertThat(albums.resolve("Summer/sea.jpg")).doesNotExist();
        assertThat(albums.resolve("Summer/broken.jpg")).exists();
        assertThat(inGoogle().get("Summer")).containsExactly("beach.jpg", "sea.jpg");
    }

    @Test
    void aDryRunSaysWhatWouldHappenAndSendsNoWriteRequest() throws Exception {
        photo("Summer/beach.jpg", 1);
        photo("Summer/sea.jpg", 2);
        assertThat(push().exitCode()).isZero();
        photo("Summer/new.jpg", 3);
        photo("Autumn/leaf.jpg", 4);
        Files.move(albums.resolve("Summer/sea.jpg"), albums.resolve("Autumn/sea.jpg"));
        JsonNode before = emulator.stats().path("byEndpoint");
        Cli.Result dry = push("--mode", "move", "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("would create album Autumn", "would upload Autumn/leaf.jpg into album Autumn",
                "would upload Summer/new.jpg into album Summer", "would add Autumn/sea.jpg to album Autumn",
                "would delete Summer/beach.jpg", "nothing was sent");
        JsonNode after = emulator.stats().path("byEndpoint");
        for (String write : WRITES) {
            assertThat(after.path(write).asLong()).as(write).isEqualTo(before.path(write).asLong());
        }
        assertThat(albums.resolve("Summer/beach.jpg")).exists();
        assertThat(inGoogle().keySet()).containsExactly("Summer");
    }

    @Test
    void aSpentQuotaStopsThePushAndTheNextRunContinuesWithoutDuplicates() throws Exception {
        for (int i = 0; i < 120; i++) {
            photo("Album " + (i % 3) + "/photo" + i + ".jpg", i);
        }
        emulator.faults(FaultSpec.parse("daily-requests=70"));
        Cli.Result stopped = push();
        assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(PhotovaultCommand.INCOMPLETE);
        assertThat(stopped.err()).contains("stopped: Google Photos daily quota exhausted", "the next run will continue");
        emulator.faults(FaultSpec.NONE);
        emulator.advanceClock(Duration.ofDays(1));
        int partial = all(client.listMediaItems()).size();
        assertThat(partial).isBetween(1, 119);

        long api = emulator.stats().path("apiRequests").asLong();
        long uploads = stat("uploads");
        Cli.Result resumed = push();
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains((120 - partial) + " uploaded", partial + " already there");
        List<MediaItem> items = all(client.listMediaItems());
        assertThat(items).hasSize(120);
        assertThat(items.stream().map(MediaItem::filename).distinct()).hasSize(120);
        // One upload per file, and beyond that one batchCreate per 50 files of an album.
        long uploaded = stat("uploads") - uploads;
        assertThat(uploaded).isEqualTo(120 - partial);
        assertThat(emulator.stats().path("apiRequests").asLong() - api - uploaded).isLessThanOrEqualTo(3 * 2 + 1);
    }

    @Test
    void aLostStateIsRebuiltFromTheAlbumsWithoutUploadingAgain() throws Exception {
        photo("Summer/beach.jpg", 1);
        photo("Summer/sea.jpg", 2);
        assertThat(push().exitCode()).isZero();
        TestRepository.deleteTree(tmp.resolve("cache"));
        long uploads = stat("uploads");
        Cli.Result again = push();
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("0 uploaded", "2 already there", "2 items found again", "0 albums created");
        assertThat(stat("uploads")).isEqualTo(uploads);
        assertThat(inGoogle()).isEqualTo(Map.of("Summer", List.of("beach.jpg", "sea.jpg")));
        assertThat(again.all()).doesNotContain(emulator.credentials().refreshToken())
                .doesNotContain(emulator.credentials().clientSecret());
    }
}
