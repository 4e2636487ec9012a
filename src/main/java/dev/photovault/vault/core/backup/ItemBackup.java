package dev.photovault.vault.core.backup;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.archiver.ContentWriter;
import dev.photovault.vault.core.archiver.SourceReadException;
import dev.photovault.vault.core.archiver.StoredContent;
import dev.photovault.vault.core.repository.ChunkIndex;
import dev.photovault.vault.core.repository.Hosts;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.snapshot.SnapshotStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The item-backup engine every source feeds: {@link #open} a run for a source and label, {@link #store} items from
 * as many threads as you like, then {@link #commit} (or {@link #abort}). It holds a shared lock on the repository,
 * the previous snapshot's entries by item key, and a {@link ContentWriter}.
 * <ul>
 * <li>An item whose key and source time (and size, when known) match the previous snapshot, with its chunks
 * indexed, is taken from it without opening its body: no download.</li>
 * <li>An item met again in the same run (the same photo in another album) is stored once: the second call adds its
 * albums and reads nothing, even when both arrive at once on different threads.</li>
 * <li>Every entry gets a unique path that does not move between runs ({@link SnapshotPaths}).</li>
 * <li>Items that fail are remembered until a retry succeeds; commit writes a partial snapshot naming them. Abort
 * flushes the index of the chunks already written, so the next run does not write them again.</li>
 * </ul>
 */
public final class ItemBackup {

    private static final Logger LOG = LoggerFactory.getLogger(ItemBackup.class);

    /** One item of this run: the albums met so far, and its entry once stored. */
    private static final class Claim {
        final Set<String> albums = ConcurrentHashMap.newKeySet();
        BackupItem item;
        Entry entry;
        boolean busy;
    }

    private final Repository repository;
    private final ItemBackupOptions options;
    private final RepositoryLock lock;
    private final ChunkIndex index;
    private final ContentWriter writer;
    private final SnapshotRef parent;
    private final Map<String, Entry> parentEntries = new HashMap<>();
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final Map<String, String> toRead = new ConcurrentHashMap<>();
    private final AtomicLong fresh = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong merged = new AtomicLong();
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Map<String, Long> countersAtStart;
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<String> missingParts = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Object> sourceReport;

    private ItemBackup(Repository repository, ItemBackupOptions options) throws IOException {
        this.repository = repository;
        this.options = options;
        this.countersAtStart = options.counters().counters();
        // A dry run writes nothing, not even a lock: it reads the store, the index and the previous snapshot.
        this.lock = options.dryRun() ? RepositoryLock.acquireForReading(repository, "dry run", true)
                : RepositoryLock.acquire(repository, false, "backup " + options.source(), options.lockWait());
        try {
            this.parent = findParent();
            if (parent != null) {
                for (Entry e : repository.loadSnapshot(parent.id()).entries()) {
                    if (e.isFile()) {
                        parentEntries.putIfAbsent(keyOf(e), e);
                    }
                }
            }
            this.index = repository.loadIndex();
            this.writer = new ContentWriter(repository, index, options.dryRun());
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        LOG.info("backup {} into {} started{}", options.source(), repository.store().location(),
                parent == null ? " (no earlier snapshot: every item is read)"
                        : ", comparing with snapshot " + parent.shortId());
    }

    /**
     * Starts a run: takes a shared lock (waiting up to {@code lockWait} for a prune), finds the previous snapshot of
     * the same source and label (from any host), and loads the index.
     */
    public static ItemBackup open(Repository repository, ItemBackupOptions options) throws IOException {
        return new ItemBackup(repository, options);
    }

    private SnapshotRef findParent() throws IOException {
        List<SnapshotRef> all = repository.listSnapshots();
        List<String> paths = List.of(options.label());
        for (int i = all.size() - 1; i >= 0; i--) {
            SnapshotHeader h = all.get(i).header();
            if (options.source().equals(h.source()) && paths.equals(h.paths())) {
                return all.get(i);
            }
        }
        return null;
    }

    private static String keyOf(Entry e) {
        return e.media() != null && e.media().sourceId() != null ? e.media().sourceId() : e.path();
    }

    /**
     * Stores one item: taken from the previous snapshot without opening {@code body} if it is known and unchanged,
     * merged into its entry if this run stored it already, else read, chunked and written.
     *
     * @throws ItemFailedException if the body could not be opened or read (the item is remembered as missing
     *                             until a retry succeeds)
     * @throws IOException         if the repository could not be written (the run cannot go on)
     */
    public StoreOutcome store(BackupItem item, ItemBody body) throws ItemFailedException, IOException {
        checkOpen();
        String key = item.key();
        Claim claim = claims.computeIfAbsent(key, k -> new Claim());
        claim.albums.addAll(item.albums());
        synchronized (claim) {
            while (claim.busy) {
                try {
                    claim.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the same item was being stored");
                }
            }
            if (claim.entry != null) {
                merged.incrementAndGet();
                return StoreOutcome.MERGED;
            }
            claim.busy = true;
        }
        try {
            Entry previous = parentEntries.get(key);
            Entry entry;
            StoreOutcome outcome;
            if (unchanged(previous, item)) {
                entry = Entry.file(previous.path(), previous.size(), previous.mtime(), null, previous.sha256(),
                        List.of(), previous.chunks(), item.media());
                outcome = StoreOutcome.REUSED;
                reused.incrementAndGet();
            } else if (options.dryRun()) {
                String path = previous != null ? previous.path() : item.defaultPath();
                toRead.put(key, path);
                fresh.incrementAndGet();
                synchronized (claim) {
                    claim.item = item;
                    claim.entry = Entry.file(path, 0, started, null, null, List.of(), List.of(), item.media());
                }
                return StoreOutcome.WOULD_READ;
            } else {
                StoredContent content;
                try (InputStream in = open(item, body)) {
                    content = writer.write(in);
                } catch (SourceReadException e) {
                    throw failed(item, e.getCause() == null ? e : e.getCause());
                }
                entry = Entry.file(item.defaultPath(), content.size(),
                        item.sourceTime() == null ? started : item.sourceTime(), null, content.sha256(), List.of(),
                        content.chunks(), item.media());
                outcome = StoreOutcome.NEW;
                fresh.incrementAndGet();
            }
            synchronized (claim) {
                claim.item = item;
                claim.entry = entry;
            }
            failed.remove(key);
            progress();
            return outcome;
        } finally {
            synchronized (claim) {
                claim.busy = false;
                claim.notifyAll();
            }
        }
    }

    /**
     * Writes content whose item is not known yet: for a source that learns an item's metadata only after its bytes
     * have gone by (a Takeout's tar parts, where a sidecar may come in a later part). Pass the result to
     * {@link #store(BackupItem, StoredContent, boolean)} once the item is known; content never stored that way is
     * left for prune.
     *
     * @throws SourceReadException if reading {@code in} fails
     * @throws IOException         if the repository could not be written
     */
    public StoredContent writeContent(InputStream in) throws IOException {
        checkOpen();
        StoredContent content = writer.write(in);
        progress();
        return content;
    }

    /** The previous snapshot's file entries (the one this run compares with), for sources that match by content. */
    public java.util.Collection<Entry> previousEntries() {
        return java.util.Collections.unmodifiableCollection(parentEntries.values());
    }

    /** Whether every one of these chunks is in the index (content of an earlier entry can be reused unread). */
    public boolean indexed(List<String> chunks) {
        return chunks.stream().allMatch(index::contains);
    }

    /**
     * Stores an item whose content is already in the repository: written by {@link #writeContent}, or an earlier
     * snapshot's (then {@code reused} is true and nothing was read). An item met again in the run is merged. The
     * entry's file time is the item's taken time, else its source time, else the run's start.
     */
    public StoreOutcome store(BackupItem item, StoredContent content, boolean reused) {
        checkOpen();
        String key = item.key();
        Claim claim = claims.computeIfAbsent(key, k -> new Claim());
        claim.albums.addAll(item.albums());
        synchronized (claim) {
            if (claim.entry != null) {
                merged.incrementAndGet();
                return StoreOutcome.MERGED;
            }
            claim.item = item;
            // The file time a restore writes: when it was taken, else the source's time, else this run's start.
            Instant mtime = item.takenTime() != null ? item.takenTime()
                    : item.sourceTime() != null ? item.sourceTime() : started;
            claim.entry = Entry.file(item.defaultPath(), content.size(), mtime, null, content.sha256(), List.of(),
                    content.chunks(), item.media());
        }
        (reused ? this.reused : fresh).incrementAndGet();
        failed.remove(key);
        return reused ? StoreOutcome.REUSED : StoreOutcome.NEW;
    }

    /** Names something the source knows it could not offer (a missing archive part): the snapshot is partial. */
    public void reportMissing(String what) {
        missingParts.add(what);
    }

    /** What the source reports of this run, kept in the snapshot header (e.g. a Takeout import's report). */
    public void sourceReport(Map<String, Object> report) {
        this.sourceReport = report;
    }

    private InputStream open(BackupItem item, ItemBody body) throws ItemFailedException {
        try {
            InputStream in = body.open();
            if (in == null) {
                throw new IOException("the item has no body");
            }
            return in;
        } catch (Exception e) {
            throw failed(item, e);
        }
    }

    private ItemFailedException failed(BackupItem item, Throwable cause) {
        failed.put(item.key(), item.defaultPath());
        return new ItemFailedException(item.defaultPath(), cause);
    }

    private boolean unchanged(Entry previous, BackupItem item) {
        return previous != null && item.sourceTime() != null && item.sourceTime().equals(previous.mtime())
                && (item.size() == null || item.size() == previous.size())
                && previous.chunks().stream().allMatch(index::contains);
    }

    private void progress() {
        long now = System.nanoTime();
        long last = lastProgress.get();
        if (now - last >= options.progressEvery().toNanos() && lastProgress.compareAndSet(last, now)) {
            double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
            LOG.info("backup {}: {} items ({} new, {} reused, {} failed), {} read at {}/s", options.source(),
                    claims.size(), fresh.get(), reused.get(), failed.size(), ByteSizes.format(writer.bytesRead()),
                    ByteSizes.format((long) (writer.bytesRead() / seconds)));
        }
    }

    /** Writes the snapshot (partial if items are missing) after every chunk is durable. */
    public RunReport commit() throws IOException {
        checkOpen();
        if (options.dryRun()) {
            try {
                return finish(RunReport.DRY_RUN, null, missing(), null);
            } finally {
                close();
            }
        }
        try {
            writer.finish();
            List<Entry> list = entries();
            List<String> missing = missing();
            long totalBytes = list.stream().mapToLong(Entry::size).sum();
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            SnapshotStats stats = new SnapshotStats(list.size(), 0, totalBytes, fresh.get(), reused.get(),
                    writer.bytesRead(), writer.chunksNew(), writer.bytesNew(), writer.bytesStored(), millis);
            SnapshotHeader header = new SnapshotHeader(started, Hosts.hostname(), Hosts.username(), options.source(),
                    List.of(options.label()), options.tags(), parent == null ? null : parent.id(), !missing.isEmpty(),
                    missing, stats, sourceReport);
            String id = repository.saveSnapshot(Snapshot.build(header, list));
            return finish(missing.isEmpty() ? RunReport.COMPLETE : RunReport.PARTIAL, id, missing, null);
        } finally {
            close();
        }
    }

    /** The entries of the snapshot: every stored item with all its albums, carried-forward ones, unique paths. */
    private List<Entry> entries() {
        Map<String, Entry> byKey = new HashMap<>();
        Map<String, String> wanted = new HashMap<>();
        claims.forEach((key, claim) -> {
            if (claim.entry != null) {
                Entry e = claim.entry;
                byKey.put(key, e.withAlbums(List.copyOf(new TreeSet<>(claim.albums))));
                // A new item's path comes from the first of all its albums, not from whichever message came first.
                wanted.put(key, parentEntries.containsKey(key) ? e.path() : claim.item.defaultPath(claim.albums));
            }
        });
        if (options.carryForward()) {
            parentEntries.forEach((key, entry) -> {
                if (!failed.containsKey(key) && !byKey.containsKey(key)) {
                    byKey.put(key, entry);
                    wanted.put(key, entry.path());
                }
            });
        }
        Map<String, String> previous = new HashMap<>();
        parentEntries.forEach((key, entry) -> previous.put(key, entry.path()));
        Map<String, String> paths = SnapshotPaths.assign(wanted, previous);
        List<Entry> out = new ArrayList<>(byKey.size());
        byKey.forEach((key, entry) -> out.add(entry.withPath(paths.get(key))));
        out.sort(Comparator.comparing(Entry::path));
        return out;
    }

    /** Ends a run that cannot be committed; what it wrote stays for the next run to reuse. */
    public RunReport abort(Throwable cause) {
        if (closed.get()) {
            return null;
        }
        try {
            writer.finish();
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not flush the index of the failed run", e);
        }
        close();
        String reason = cause == null ? "the run stopped before commit" : cause.getMessage();
        return finish(RunReport.FAILED, null, missing(), reason);
    }

    /** The paths of the items that could not be stored, sorted. */
    private List<String> missing() {
        return java.util.stream.Stream.concat(failed.values().stream(), missingParts.stream()).distinct().sorted()
                .toList();
    }

    private RunReport finish(String status, String snapshotId, List<String> missing, String error) {
        Map<String, Long> spent = new TreeMap<>();
        options.counters().counters().forEach((name, now) ->
                spent.put(name, now - countersAtStart.getOrDefault(name, 0L)));
        long bytesNew = writer.bytesNew();
        long seen = claims.size();
        RunReport report = new RunReport(status, options.source(), repository.store().location(), snapshotId,
                parent == null ? null : parent.id(), started, (System.nanoTime() - startNanos) / 1_000_000,
                seen, fresh.get(), reused.get(), missing.size(), missing, writer.bytesRead(),
                writer.bytesStored(), writer.chunksNew(),
                writer.bytesRead() == 0 || bytesNew == 0 ? null : writer.bytesRead() / (double) bytesNew, spent, error,
                toRead.values().stream().sorted().toList(), options.label());
        if (options.reportDir() != null) {
            try {
                new RunReportStore(options.reportDir()).save(report);
            } catch (IOException e) {
                LOG.warn("could not save the run report in {}: {}", options.reportDir(), e.getMessage());
            }
        }
        if (report.ok()) {
            LOG.info(report.line());
        } else {
            LOG.warn(report.line());
        }
        return report;
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            writer.close();
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("could not release the repository lock: {} (it goes stale in 30 minutes)", e.getMessage());
            }
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this backup was already committed or aborted");
        }
    }

    public String source() {
        return options.source();
    }

    /** Whether the run is neither committed nor aborted. */
    public boolean isOpen() {
        return !closed.get();
    }

    /** Items stored in this run that were already stored in it under another album (no second download). */
    public long itemsMerged() {
        return merged.get();
    }

    @Override
    public String toString() {
        return "ItemBackup[" + options.source() + " into " + repository.store().location() + "]";
    }
}
