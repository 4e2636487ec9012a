package dev.photovault.vault;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.VaultJson;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backup run, from {@code vault:open} to {@code vault:commit}: holds a shared lock on the repository, the
 * parent snapshot's entries by source key, and a {@link ContentWriter}. {@link #store} is safe for the parallel
 * split; items that fail are remembered, and commit writes a partial snapshot naming them. Abort (the run failed
 * before commit) flushes the index of the chunks already written, so the next run does not write them again.
 */
public final class BackupSession {

    /** Opens a body when (and only when) the item's content must be read. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BackupSession.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Repository repository;
    private final RepositoryLock lock;
    private final ChunkIndex index;
    private final ContentWriter writer;
    private final String source;
    private final List<String> paths;
    private final List<String> tags;
    private final SnapshotRef parent;
    private final Map<String, Entry> parentEntries = new HashMap<>();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet(); // keys: a retried item counts once
    private final AtomicLong fresh = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final SourceCounters counters;
    private final Map<String, Long> countersAtStart;
    private final Path reportDir;
    private final Duration progressEvery;
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean carryForward;

    BackupSession(Repository repository, String source, List<String> paths, List<String> tags, boolean carryForward,
            Duration lockWait, SourceCounters counters, Path reportDir, Duration progressEvery) throws IOException {
        this.repository = repository;
        this.carryForward = carryForward;
        this.source = source;
        this.paths = List.copyOf(paths);
        this.tags = List.copyOf(tags);
        this.counters = counters;
        this.countersAtStart = counters.counters();
        this.reportDir = reportDir;
        this.progressEvery = progressEvery;
        this.lock = RepositoryLock.acquire(repository, false, "backup " + source, lockWait);
        try {
            this.parent = findParent();
            if (parent != null) {
                for (Entry e : repository.loadSnapshot(parent.id()).entries()) {
                    if (e.isFile()) {
                        parentEntries.put(keyOf(e), e);
                    }
                }
            }
            this.index = repository.loadIndex();
            this.writer = new ContentWriter(repository, index, false);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        LOG.info("backup {} into {} started{}", source, repository.store().location(),
                parent == null ? " (no earlier snapshot: every item is read)"
                        : ", comparing with snapshot " + parent.shortId());
    }

    /** The newest snapshot of the same source and paths, from any host: its unchanged items are reused. */
    private SnapshotRef findParent() throws IOException {
        List<SnapshotRef> all = repository.listSnapshots();
        for (int i = all.size() - 1; i >= 0; i--) {
            SnapshotHeader h = all.get(i).header();
            if (source.equals(h.source()) && paths.equals(h.paths())) {
                return all.get(i);
            }
        }
        return null;
    }

    private static String keyOf(Entry e) {
        return e.media() != null && e.media().sourceId() != null ? e.media().sourceId() : e.path();
    }

    /**
     * Stores one item: taken from the parent snapshot without opening {@code body} if it is known and unchanged,
     * else read, chunked and written.
     *
     * @return true if the content was read, false if reused
     * @throws ItemFailedException if the body could not be opened or read (the item is remembered as missing
     *                             until a retry succeeds)
     * @throws IOException         if the repository could not be written (the run cannot go on)
     */
    public boolean store(SourceItem item, Body body) throws ItemFailedException, IOException {
        checkOpen();
        seen.add(item.key());
        Entry previous = parentEntries.get(item.key());
        if (unchanged(previous, item)) {
            entries.put(item.key(), Entry.file(item.path(), previous.size(), previous.mtime(), null, previous.sha256(),
                    albums(item), previous.chunks(), item.media()));
            failed.remove(item.key());
            reused.incrementAndGet();
            progress();
            return false;
        }
        StoredContent content;
        try (InputStream in = open(item, body)) {
            content = writer.write(in);
        } catch (SourceReadException e) {
            throw failed(item, e.getCause() == null ? e : e.getCause());
        }
        entries.put(item.key(), Entry.file(item.path(), content.size(), item.time() == null ? started : item.time(),
                null, content.sha256(), albums(item), content.chunks(), item.media()));
        failed.remove(item.key());
        fresh.incrementAndGet();
        progress();
        return true;
    }

    private InputStream open(SourceItem item, Body body) throws ItemFailedException {
        try {
            InputStream in = body.open();
            if (in == null) {
                throw new IOException("the message has no body");
            }
            return in;
        } catch (Exception e) {
            throw failed(item, e);
        }
    }

    private ItemFailedException failed(SourceItem item, Throwable cause) {
        failed.put(item.key(), item.path());
        return new ItemFailedException(item.path(), cause);
    }

    private boolean unchanged(Entry previous, SourceItem item) {
        return previous != null && item.time() != null && item.time().equals(previous.mtime())
                && (item.size() == null || item.size() == previous.size())
                && previous.chunks().stream().allMatch(index::contains);
    }

    private static List<String> albums(SourceItem item) {
        return item.album() == null ? List.of() : List.of(item.album());
    }

    private void progress() {
        long now = System.nanoTime();
        long last = lastProgress.get();
        if (now - last >= progressEvery.toNanos() && lastProgress.compareAndSet(last, now)) {
            double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
            LOG.info("backup {}: {} items ({} new, {} reused, {} failed), {} read at {}/s", source, seen.size(),
                    fresh.get(), reused.get(), failed.size(), ByteSizes.format(writer.bytesRead()),
                    ByteSizes.format((long) (writer.bytesRead() / seconds)));
        }
    }

    /** Writes the snapshot (partial if items are missing) after every chunk is durable. */
    public RunReport commit() throws IOException {
        checkOpen();
        try {
            writer.finish();
            if (carryForward) {
                parentEntries.forEach((key, entry) -> {
                    if (!failed.containsKey(key)) {
                        entries.putIfAbsent(key, entry);
                    }
                });
            }
            List<Entry> list = uniquePaths();
            List<String> missing = missing();
            long totalBytes = list.stream().mapToLong(Entry::size).sum();
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            SnapshotStats stats = new SnapshotStats(list.size(), 0, totalBytes, fresh.get(), reused.get(),
                    writer.bytesRead(), writer.chunksNew(), writer.bytesNew(), writer.bytesStored(), millis);
            SnapshotHeader header = new SnapshotHeader(started, Hosts.hostname(), Hosts.username(), source, paths,
                    tags, parent == null ? null : parent.id(), !missing.isEmpty(), missing, stats);
            String id = repository.saveSnapshot(new Snapshot(header, list));
            return finish(missing.isEmpty() ? RunReport.COMPLETE : RunReport.PARTIAL, id, missing, null);
        } finally {
            close();
        }
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
        return failed.values().stream().distinct().sorted().toList();
    }

    /** Entries sorted by path; two items with one path (same name in one album) get the source key added. */
    private List<Entry> uniquePaths() {
        List<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<String, Entry> e) -> e.getValue().path())
                .thenComparing(Map.Entry::getKey));
        Set<String> used = new HashSet<>();
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : sorted) {
            Entry entry = e.getValue();
            String path = entry.path();
            if (!used.add(path)) {
                path = withSuffix(path, "~" + Integer.toHexString(e.getKey().hashCode()));
                used.add(path);
                entry = new Entry(path, entry.type(), entry.size(), entry.mtime(), entry.inode(), entry.sha256(),
                        entry.albums(), entry.chunks(), entry.linkTarget(), entry.media(), entry.rawPath());
            }
            out.add(entry);
        }
        out.sort(Comparator.comparing(Entry::path));
        return out;
    }

    private static String withSuffix(String path, String suffix) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) + suffix + path.substring(dot) : path + suffix;
    }

    private RunReport finish(String status, String snapshotId, List<String> missing, String error) {
        Map<String, Long> spent = new TreeMap<>();
        counters.counters().forEach((name, now) -> spent.put(name, now - countersAtStart.getOrDefault(name, 0L)));
        long bytesNew = writer.bytesNew();
        RunReport report = new RunReport(status, source, repository.store().location(), snapshotId,
                parent == null ? null : parent.id(), started, (System.nanoTime() - startNanos) / 1_000_000,
                seen.size(), fresh.get(), reused.get(), missing.size(), missing, writer.bytesRead(),
                writer.bytesStored(), writer.chunksNew(),
                writer.bytesRead() == 0 ? null : writer.bytesRead() / (double) Math.max(1, bytesNew), spent, error);
        save(report);
        if (report.ok()) {
            LOG.info(report.line());
        } else {
            LOG.warn(report.line());
        }
        return report;
    }

    /** The report in the cache: one file per run and {@code last-<source>.json}. A failure here is only logged. */
    private void save(RunReport report) {
        if (reportDir == null) {
            return;
        }
        try {
            Path runs = reportDir.resolve("runs");
            Files.createDirectories(runs);
            byte[] json = VaultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
            String name = FILE_TIME.format(started) + "-" + source.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
            Files.write(runs.resolve(name), json);
            Path tmp = reportDir.resolve(".last.tmp");
            Files.write(tmp, json);
            Files.move(tmp, reportDir.resolve("last-" + source.replaceAll("[^A-Za-z0-9._-]", "_") + ".json"),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not save the run report in {}: {}", reportDir, e.getMessage());
        }
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
            throw new IllegalStateException("this backup session was already committed or aborted");
        }
    }

    public String source() {
        return source;
    }

    boolean isOpen() {
        return !closed.get();
    }

    @Override
    public String toString() {
        return "BackupSession[" + source + " into " + repository.store().location() + "]";
    }

}
