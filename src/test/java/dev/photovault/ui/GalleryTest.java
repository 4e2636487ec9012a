package dev.photovault.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.MediaInfo;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the UI shows of a snapshot: months by taken time, filters, pages, diffs, and items only by position. */
class GalleryTest {

    final Gallery gallery = new Gallery(null, ZoneOffset.UTC);

    @Test
    void monthsComeFromTakenTimeElseUploadElseFileTimeNewestFirst() {
        Snapshot s = snapshot(photo("a.jpg", "2024-05-01T10:00:00Z", null, "Trip", false),
                new Entry("b.jpg", dev.photovault.vault.core.snapshot.EntryType.FILE, 10,
                        Instant.parse("2023-01-05T00:00:00Z"), null, "bb", List.of(), List.of(), null, null, null),
                photo("c.jpg", null, "2024-05-20T00:00:00Z", "Trip", true),
                Entry.directory("folder", Instant.EPOCH));
        Gallery.Overview o = gallery.overview(s);
        assertThat(o.files()).isEqualTo(3);
        assertThat(o.months()).containsExactly(new Gallery.Count("2024-05", 2), new Gallery.Count("2023-01", 1));
        assertThat(o.albums()).containsExactly(new Gallery.Count("Trip", 2));
    }

    @Test
    void filtersCombineAndPagesHoldAHundredNewestFirst() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            entries.add(photo(String.format("p%03d.jpg", i), Instant.parse("2024-01-01T00:00:00Z")
                    .plusSeconds(86_400L * i).toString(), null, i % 2 == 0 ? "Even" : "Odd", i % 10 == 0));
        }
        Snapshot s = snapshot(entries.toArray(Entry[]::new));
        Gallery.Page first = gallery.grid(s, Gallery.Query.ALL, 0);
        assertThat(first.total()).isEqualTo(250);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.items()).hasSize(100);
        assertThat(first.items().get(0).entry().path()).isEqualTo("p249.jpg");
        assertThat(gallery.grid(s, Gallery.Query.ALL, 7).page()).isEqualTo(2); // past the end: the last page
        assertThat(gallery.grid(s, Gallery.Query.ALL, 2).items()).hasSize(50);
        Gallery.Query evenFavourites = new Gallery.Query("Even", null, null, null, null, true);
        assertThat(gallery.grid(s, evenFavourites, 0).total()).isEqualTo(25);
        Gallery.Query january = new Gallery.Query(null, YearMonth.of(2024, 1), null, null, null, false);
        assertThat(gallery.grid(s, january, 0).total()).isEqualTo(31);
        Gallery.Query range = new Gallery.Query(null, null, null, LocalDate.of(2024, 1, 10), LocalDate.of(2024, 1, 12),
                false);
        assertThat(gallery.grid(s, range, 0).items()).extracting(i -> i.entry().path())
                .containsExactly("p011.jpg", "p010.jpg", "p009.jpg");
        assertThat(gallery.grid(s, new Gallery.Query(null, null, "P00", null, null, false), 0).total()).isEqualTo(10);
    }

    @Test
    void anItemsNeighboursAreThoseOfTheGridItWasOpenedFrom() {
        Snapshot s = snapshot(photo("a.jpg", "2024-01-01T00:00:00Z", null, "Trip", false),
                photo("b.jpg", "2024-01-02T00:00:00Z", null, null, false),
                photo("c.jpg", "2024-01-03T00:00:00Z", null, "Trip", false));
        Gallery.Item a = gallery.item(s, "0").orElseThrow();
        Gallery.Item c = gallery.item(s, "2").orElseThrow();
        Gallery.Neighbours all = gallery.neighbours(s, Gallery.Query.ALL, a);
        assertThat(all.newer().entry().path()).isEqualTo("b.jpg");
        assertThat(all.older()).isNull();
        Gallery.Neighbours trip = gallery.neighbours(s, new Gallery.Query("Trip", null, null, null, null, false), a);
        assertThat(trip.newer()).isEqualTo(c);
        Gallery.Item b = gallery.item(s, "1").orElseThrow();
        assertThat(gallery.neighbours(s, new Gallery.Query("Trip", null, null, null, null, false), b))
                .isEqualTo(new Gallery.Neighbours(null, null));
    }

    @Test
    void anItemIsFoundOnlyByThePositionOfAFile() {
        Snapshot s = snapshot(Entry.directory("album", Instant.EPOCH), photo("album/x.jpg", null, null, null, false));
        assertThat(gallery.item(s, "1")).isPresent();
        for (String bad : new String[] {"0", "2", "-1", "01x", "../1", "", null, "99999999999"}) {
            assertThat(gallery.item(s, bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void theDiffSaysWhatWasAddedRemovedAndChanged() {
        Snapshot older = snapshot(photo("kept.jpg", null, null, null, false), photo("gone.jpg", null, null, null, false),
                photo("edited.jpg", null, null, null, false));
        Entry edited = photo("edited.jpg", null, null, null, false);
        edited = new Entry(edited.path(), edited.type(), edited.size(), edited.mtime(), null, "other-hash",
                edited.albums(), edited.chunks(), null, edited.media(), null);
        Snapshot newer = snapshot(photo("kept.jpg", null, null, null, false), edited,
                photo("new.jpg", null, null, null, false));
        Gallery.Diff d = gallery.diff(older, newer);
        assertThat(d.added()).extracting(i -> i.entry().path()).containsExactly("new.jpg");
        assertThat(d.removed()).extracting(i -> i.entry().path()).containsExactly("gone.jpg");
        assertThat(d.changed()).extracting(i -> i.entry().path()).containsExactly("edited.jpg");
        assertThat(older.entries().get(d.removed().get(0).index()).path()).isEqualTo("gone.jpg");
    }

    static Entry photo(String path, String taken, String created, String album, boolean favourite) {
        MediaInfo m = new MediaInfo(null, null, "image/jpeg", created == null ? null : Instant.parse(created),
                taken == null ? null : Instant.parse(taken), null, null, null, null, null, null, null, null,
                favourite, null, null, null, null, null, null, null, null);
        return Entry.file(path, 10, Instant.parse("2020-01-01T00:00:00Z"), null, "hash-of-" + path,
                album == null ? List.of() : List.of(album), List.of(), m);
    }

    static Snapshot snapshot(Entry... entries) {
        return Snapshot.build(new SnapshotHeader(Instant.now(), "h", "u", "test", List.of(), List.of(), null, false,
                List.of(), null), List.of(entries));
    }
}
