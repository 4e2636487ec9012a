package dev.photovault.vault.core.backup;

import static dev.photovault.testing.TestRepository.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.MediaInfo;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The item-backup engine in plain Java, as every source uses it. */
class ItemBackupTest {

    @TempDir
    Path tmp;

    Repository repository;
    final AtomicInteger opens = new AtomicInteger();
    static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

    @BeforeEach
    void setUp() throws Exception {
        repository = TestRepository.create(tmp.resolve("repo"));
    }

    private ItemBody body(byte[] data) {
        return () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(data);
        };
    }

    private static BackupItem item(String id, String name, String album) {
        return BackupItem.builder().sourceId(id).fileName(name).album(album).sourceTime(T).build();
    }

    private Snapshot run(Function<ItemBackup, Void> items) throws Exception {
        ItemBackup backup = ItemBackup.open(repository, ItemBackupOptions.of("test", "library"));
        items.apply(backup);
        RunReport report = backup.commit();
        return repository.loadSnapshot(report.snapshot());
    }

    private static Map<String, Entry> byId(Snapshot snapshot) {
        return snapshot.entries().stream().collect(Collectors.toMap(e -> e.media().sourceId(), e -> e));
    }

    private static void store(ItemBackup backup, BackupItem item, ItemBody body) {
        try {
            backup.store(item, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anItemMetInTwoAlbumsAtOnceIsReadOnceAndKeepsBoth() throws Exception {
        byte[] data = randomBytes(2_000_000, 1);
        CountDownLatch start = new CountDownLatch(1);
        Snapshot snapshot = run(backup -> {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> all = new java.util.ArrayList<>();
                for (String album : List.of("Beta", "Alpha", "Gamma", "Alpha")) {
                    all.add(pool.submit(() -> {
                        start.await();
                        store(backup, item("photo-1", "a.jpg", album), body(data));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : all) {
                    f.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                pool.shutdown();
            }
            return null;
        });
        assertThat(opens.get()).isEqualTo(1);
        assertThat(snapshot.entries()).singleElement().satisfies(e -> {
            assertThat(e.albums()).containsExactly("Alpha", "Beta", "Gamma");
            assertThat(e.path()).isEqualTo("Alpha/a.jpg");
        });
    }

    @Test
    void sameNamedItemsGetUniquePathsFromTheirOwnIdsAndKeepThemLater() throws Exception {
        // "Aa" and "BB" have the same String.hashCode: the old 32-bit suffix collided on them.
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        Snapshot first = run(backup -> {
            for (String id : List.of("m", "Aa", "BB")) {
                store(backup, item(id, "x.jpg", "Album"), body(id.getBytes()));
            }
            return null;
        });
        Map<String, Entry> paths = byId(first);
        assertThat(first.entries()).extracting(Entry::path).doesNotHaveDuplicates().hasSize(3).contains("Album/x.jpg");
        assertThat(first.entries()).extracting(Entry::path).filteredOn(p -> p.matches("Album/x~[0-9a-f]{12}\\.jpg"))
                .hasSize(2);
        String plain = first.entries().stream().filter(e -> e.path().equals("Album/x.jpg")).findFirst().orElseThrow()
                .media().sourceId();

        // A newcomer with a lower id and the same name, and one whose real name is a suffixed one: nobody moves.
        String suffixedId = paths.get("BB").path().equals("Album/x.jpg") ? "Aa" : "BB";
        String taken = paths.get(suffixedId).path().substring("Album/".length());
        Snapshot second = run(backup -> {
            for (String id : List.of("m", "Aa", "BB")) {
                store(backup, item(id, "x.jpg", "Album"), body(id.getBytes()));
            }
            store(backup, item("0-lowest", "x.jpg", "Album"), body(new byte[] {1}));
            store(backup, item("z-real", taken, "Album"), body(new byte[] {2}));
            return null;
        });
        Map<String, Entry> later = byId(second);
        for (String id : List.of("m", "Aa", "BB")) {
            assertThat(later.get(id).path()).isEqualTo(paths.get(id).path());
        }
        assertThat(later.get(plain).path()).isEqualTo("Album/x.jpg");
        assertThat(second.entries()).extracting(Entry::path).doesNotHaveDuplicates().hasSize(5);
        assertThat(later.get("z-real").path()).isNotEqualTo(paths.get(suffixedId).path()).startsWith("Album/x~");
        assertThat(opens.get()).as("the unchanged three were not read again").isEqualTo(3 + 2);
    }

    @Test
    void everyNeutralFieldReachesTheSnapshotEntry() throws Exception {
        Instant taken = Instant.parse("2019-07-14T18:30:00Z");
        BackupItem rich = BackupItem.builder().sourceId("rich").fileName("IMG_1.HEIC").albums(List.of("Trip", "Best"))
                .size(5L).sourceTime(T).takenTime(taken, "sidecar").mimeType("image/heic").dimensions(4032L, 3024L)
                .camera("Apple", "iPhone 12").description("sunset").geo(48.85, 2.35, 35.0).favorite(true)
                .archived(false).trashed(false).people(List.of("Ana", "Ben")).origin("mobileUpload")
                .companionOf(null).build();
        BackupItem video = BackupItem.builder().sourceId("rich-video").fileName("IMG_1.MP4").album("Trip")
                .sourceTime(T).companionOf("rich").build();
        Snapshot snapshot = run(backup -> {
            store(backup, rich, body("12345".getBytes()));
            store(backup, video, body("video".getBytes()));
            return null;
        });
        Entry e = byId(snapshot).get("rich");
        MediaInfo m = e.media();
        assertThat(e.albums()).containsExactly("Best", "Trip");
        assertThat(m.taken()).isEqualTo(taken);
        assertThat(m.takenSource()).isEqualTo("sidecar");
        assertThat(m.width()).isEqualTo(4032L);
        assertThat(m.cameraModel()).isEqualTo("iPhone 12");
        assertThat(m.latitude()).isEqualTo(48.85);
        assertThat(m.altitude()).isEqualTo(35.0);
        assertThat(m.favorite()).isTrue();
        assertThat(m.trashed()).isFalse();
        assertThat(m.people()).containsExactly("Ana", "Ben");
        assertThat(m.origin()).isEqualTo("mobileUpload");
        assertThat(byId(snapshot).get("rich-video").media().companionOf()).isEqualTo("rich");
    }

    @Test
    void aSnapshotWithARepeatedPathIsNeverBuilt() {
        Entry a = Entry.file("A/x.jpg", 1, T, null, "00", List.of(), List.of(), null);
        SnapshotHeader header = new SnapshotHeader(T, "h", "u", "test", List.of("l"), List.of(), null, false,
                List.of(), null);
        assertThatThrownBy(() -> Snapshot.build(header, List.of(a, a))).hasMessageContaining("A/x.jpg");
    }
}
