package dev.photovault.ui;

import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the web UI shows of a repository, read from its snapshots: the list, a snapshot's albums and months, a
 * filtered page of its photos, two snapshots' difference. An item is named by its position among the snapshot's
 * entries (snapshots never change), so no request ever carries a path that could point anywhere else.
 */
public final class Gallery {

    /** Items per grid page. */
    public static final int PAGE_SIZE = 100;
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9a-f]{8,64}");

    private final Repository repository;
    private final ZoneId zone;
    /**
     * The last few sorted grids and overviews: snapshots never change, and a 100,000-photo snapshot takes about a
     * tenth of a second to filter and sort, which every page of a grid and every step on an item's page would
     * otherwise pay again.
     */
    private final Map<Memo, List<Item>> grids = lru(8);
    private final Map<Memo, Overview> overviews = lru(8);

    public Gallery(Repository repository, ZoneId zone) {
        this.repository = repository;
        this.zone = zone;
    }

    public Repository repository() {
        return repository;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Every readable snapshot, newest first. */
    public List<SnapshotRef> snapshots() throws IOException {
        List<SnapshotRef> all = new ArrayList<>(repository.listSnapshots());
        java.util.Collections.reverse(all);
        return all;
    }

    /**
     * The snapshot named by a full id or a unique prefix of at least 8 hex digits, if there is one. The pages' own
     * links carry full ids, and those are read directly: every thumbnail of a grid would otherwise list the store's
     * snapshots (on S3, a LIST request per picture).
     */
    public Optional<SnapshotRef> find(String id) throws IOException {
        if (id == null || !SNAPSHOT_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        if (id.length() == 64) {
            try {
                return Optional.of(new SnapshotRef(id, repository.loadSnapshot(id).header()));
            } catch (ObjectNotFoundException e) {
                return Optional.empty();
            }
        }
        List<SnapshotRef> matches = repository.listSnapshots().stream().filter(s -> s.id().startsWith(id)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    public Snapshot load(SnapshotRef ref) throws IOException {
        return repository.loadSnapshot(ref.id()); // the repository keeps the last few decoded
    }

    /**
     * One file of a snapshot with its position.
     *
     * @param index the entry's position in the snapshot, which names it in URLs
     * @param entry the entry
     */
    public record Item(int index, Entry entry) {
    }

    /** A name (album, month) and how many photos it holds. */
    public record Count(String name, int count) {
    }

    /**
     * A snapshot's contents at a glance.
     *
     * @param files  how many files
     * @param bytes  their size
     * @param albums albums by title, with their file counts
     * @param months months of taken time, newest first, with their file counts
     */
    public record Overview(int files, long bytes, List<Count> albums, List<Count> months) {
    }

    public Overview overview(Snapshot snapshot) {
        Memo key = new Memo(snapshot, null);
        Overview cached = overviews.get(key);
        if (cached == null) {
            cached = computeOverview(snapshot);
            overviews.put(key, cached);
        }
        return cached;
    }

    private Overview computeOverview(Snapshot snapshot) {
        Map<String, Integer> albums = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<YearMonth, Integer> months = new TreeMap<>(Comparator.reverseOrder());
        int files = 0;
        long bytes = 0;
        for (Entry e : snapshot.entries()) {
            if (!e.isFile()) {
                continue;
            }
            files++;
            bytes += e.size();
            for (String album : e.albums()) {
                albums.merge(album, 1, Integer::sum);
            }
            months.merge(YearMonth.from(when(e).atZone(zone)), 1, Integer::sum);
        }
        return new Overview(files, bytes,
                albums.entrySet().stream().map(x -> new Count(x.getKey(), x.getValue())).toList(),
                months.entrySet().stream().map(x -> new Count(x.getKey().toString(), x.getValue())).toList());
    }

    /**
     * Which photos a grid shows; every field optional.
     *
     * @param album     only this album
     * @param month     only this month of taken time
     * @param text      only names (path or original file name) or descriptions containing this, ignoring case
     * @param from      taken on or after this day
     * @param to        taken on or before this day
     * @param favorites only favourites
     */
    public record Query(String album, YearMonth month, String text, LocalDate from, LocalDate to, boolean favorites) {

        public static final Query ALL = new Query(null, null, null, null, null, false);

        boolean matches(Entry e, ZoneId zone) {
            if (album != null && !e.albums().contains(album)) {
                return false;
            }
            LocalDate day = LocalDate.ofInstant(when(e), zone);
            if (month != null && !YearMonth.from(day).equals(month)) {
                return false;
            }
            if ((from != null && day.isBefore(from)) || (to != null && day.isAfter(to))) {
                return false;
            }
            if (favorites && (e.media() == null || !Boolean.TRUE.equals(e.media().favorite()))) {
                return false;
            }
            if (text != null && !text.isBlank()) {
                String needle = text.strip().toLowerCase(Locale.ROOT);
                return contains(e.path(), needle) || (e.media() != null
                        && (contains(e.media().filename(), needle) || contains(e.media().description(), needle)));
            }
            return true;
        }

        private static boolean contains(String haystack, String needle) {
            return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
        }
    }

    /**
     * One page of a grid.
     *
     * @param items this page's photos, newest taken first
     * @param page  which page (from 0)
     * @param pages how many pages
     * @param total how many photos match
     */
    public record Page(List<Item> items, int page, int pages, int total) {
    }

    /** The photos of {@code snapshot} that match {@code query}, newest taken first, page {@code page}. */
    public Page grid(Snapshot snapshot, Query query, int page) {
        List<Item> matching = matching(snapshot, query);
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.max(0, Math.min(page, pages - 1));
        return new Page(List.copyOf(matching.subList(p * PAGE_SIZE, Math.min(matching.size(), (p + 1) * PAGE_SIZE))),
                p, pages, matching.size());
    }

    /** The files of {@code snapshot} that match {@code query} in the grid's order: newest taken first. */
    List<Item> matching(Snapshot snapshot, Query query) {
        Memo key = new Memo(snapshot, query);
        List<Item> cached = grids.get(key);
        if (cached == null) {
            cached = List.copyOf(computeMatching(snapshot, query));
            grids.put(key, cached);
        }
        return cached;
    }

    private List<Item> computeMatching(Snapshot snapshot, Query query) {
        List<Item> matching = new ArrayList<>();
        List<Entry> entries = snapshot.entries();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.isFile() && query.matches(e, zone)) {
                matching.add(new Item(i, e));
            }
        }
        matching.sort(Comparator.comparing((Item it) -> when(it.entry())).reversed()
                .thenComparing(it -> it.entry().path()));
        return matching;
    }

    /**
     * The items before and after {@code item} in the grid of {@code query} (either may be null), so that an item's
     * page can step through an album or a search result.
     *
     * @param newer the one before it in the grid (taken later)
     * @param older the one after it
     */
    public record Neighbours(Item newer, Item older) {
    }

    public Neighbours neighbours(Snapshot snapshot, Query query, Item item) {
        List<Item> all = matching(snapshot, query);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).index() == item.index()) {
                return new Neighbours(i > 0 ? all.get(i - 1) : null, i + 1 < all.size() ? all.get(i + 1) : null);
            }
        }
        return new Neighbours(null, null); // not in this grid (a filter it does not match): no steps
    }

    /** The file at position {@code index} of {@code snapshot}, if that position holds a file. */
    public Optional<Item> item(Snapshot snapshot, String index) {
        if (index == null || !index.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        int i = Integer.parseInt(index);
        if (i >= snapshot.entries().size() || !snapshot.entries().get(i).isFile()) {
            return Optional.empty();
        }
        return Optional.of(new Item(i, snapshot.entries().get(i)));
    }

    /** When a photo was taken: its taken time, else when it reached its source, else the file's time. */
    public static Instant when(Entry e) {
        if (e.media() != null && e.media().taken() != null) {
            return e.media().taken();
        }
        if (e.media() != null && e.media().created() != null) {
            return e.media().created();
        }
        return e.mtime() == null ? Instant.EPOCH : e.mtime();
    }

    /**
     * What changed from one snapshot to another, by path.
     *
     * @param added   files only in the newer one (with positions in it)
     * @param removed files only in the older one (with positions in it)
     * @param changed files in both whose content differs (positions in the newer one)
     */
    public record Diff(List<Item> added, List<Item> removed, List<Item> changed) {
    }

    public Diff diff(Snapshot older, Snapshot newer) {
        Map<String, Item> a = files(older);
        Map<String, Item> b = files(newer);
        TreeSet<String> paths = new TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        List<Item> added = new ArrayList<>();
        List<Item> removed = new ArrayList<>();
        List<Item> changed = new ArrayList<>();
        for (String path : paths) {
            Item x = a.get(path);
            Item y = b.get(path);
            if (x == null) {
                added.add(y);
            } else if (y == null) {
                removed.add(x);
            } else if (!Objects.equals(x.entry().sha256(), y.entry().sha256())) {
                changed.add(y);
            }
        }
        return new Diff(added, removed, changed);
    }

    private static Map<String, Item> files(Snapshot s) {
        Map<String, Item> out = new TreeMap<>();
        for (int i = 0; i < s.entries().size(); i++) {
            Entry e = s.entries().get(i);
            if (e.isFile()) {
                out.putIfAbsent(e.path(), new Item(i, e));
            }
        }
        return out;
    }

    /** A memo's key: the snapshot by identity (the repository hands out one object per snapshot), and a query. */
    private static final class Memo {
        private final Snapshot snapshot;
        private final Query query;

        Memo(Snapshot snapshot, Query query) {
            this.snapshot = snapshot;
            this.query = query;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Memo m && m.snapshot == snapshot && Objects.equals(m.query, query);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(snapshot) * 31 + Objects.hashCode(query);
        }
    }

    private static <V> Map<Memo, V> lru(int size) {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Memo, V> eldest) {
                return size() > size;
            }
        });
    }

    @Override
    public String toString() {
        return "Gallery[" + repository + "]";
    }
}
