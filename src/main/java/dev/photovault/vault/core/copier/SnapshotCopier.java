package dev.photovault.vault.core.copier;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.Workers;
import dev.photovault.vault.core.archiver.ContentWriter;
import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.repository.ChunkIndex;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Copies snapshots from one repository into another that has its own keys and chunker seed (3-2-1: a second
 * repository on other media, offsite). Each chunk is read and verified in the source, named with the target's key
 * and sealed with the target's encryption key; with the same chunker parameters the cut points are kept, otherwise
 * the content is cut again with the target's. A file whose content (SHA-256 and size) a snapshot of the target
 * already holds reuses its chunks without a read, so copying the next snapshot of a library reads only what
 * changed. The copy's header records the snapshot it came from ({@code copiedFrom}): a snapshot already copied is
 * skipped, so running a copy again writes nothing. Chunks reach the target through a {@link ContentWriter}: in
 * order chunks → index → snapshot, with index deltas along the way, so an interrupted copy leaves only valid
 * objects and its next run does not write those chunks again.
 */
public final class SnapshotCopier {

    /**
     * One snapshot copied.
     *
     * @param source      its id in the source
     * @param target      the copy's id in the target
     * @param files       files in it
     * @param filesReused files whose content the target already had (not read)
     * @param chunksNew   chunks written to the target (not those an interrupted copy had stored already)
     * @param bytesNew    their stored bytes
     */
    public record Copied(String source, String target, long files, long filesReused, long chunksNew, long bytesNew) {
    }

    /**
     * What a copy did.
     *
     * @param copied       the snapshots copied, oldest first
     * @param alreadyThere source snapshot ids the target already had a copy of
     * @param failed       one line per snapshot that could not be copied (a damaged file in the source)
     */
    public record Result(List<Copied> copied, List<String> alreadyThere, List<String> failed) {
    }

    private final Repository source;
    private final Repository target;
    private final int workers;
    private final Progress progress;

    public SnapshotCopier(Repository source, Repository target, int workers, Progress progress) {
        if (source.config().id().equals(target.config().id())) {
            throw new VaultException("the source and the target are the same repository (" + source.store().location()
                    + "): a copy goes to another one");
        }
        this.source = source;
        this.target = target;
        this.workers = Math.max(1, workers);
        this.progress = progress;
    }

    /**
     * @param wanted source snapshot ids (full ids); empty: every snapshot of the source that the target lacks
     */
    public Result copy(List<String> wanted) throws IOException {
        List<SnapshotRef> refs = source.listSnapshots();
        if (!wanted.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>(wanted);
            refs = refs.stream().filter(r -> ids.contains(r.id())).toList();
        }
        Map<String, String> copies = new HashMap<>();
        Map<String, List<String>> known = new HashMap<>();
        ChunkIndex index = target.loadIndex();
        for (SnapshotRef r : target.listSnapshots()) {
            SnapshotHeader.CopiedFrom from = r.header().copiedFrom();
            if (from != null && source.config().id().equals(from.repository())) {
                copies.put(from.snapshot(), r.id());
            }
        }
        List<Copied> copied = new ArrayList<>();
        List<String> already = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        boolean learned = false;
        for (SnapshotRef ref : refs) {
            if (copies.containsKey(ref.id())) {
                already.add(ref.id());
                continue;
            }
            if (!learned) {
                learn(index, known);
                learned = true;
            }
            try {
                Copied c = copyOne(ref, index, known, copies);
                copies.put(ref.id(), c.target());
                copied.add(c);
            } catch (DamagedSource e) {
                failed.add("snapshot " + ref.shortId() + " was not copied: " + e.getMessage());
            }
        }
        return new Result(copied, already, failed);
    }

    /** Content already in the target: "sha256:size" → its chunks there, when every one is indexed. */
    private void learn(ChunkIndex index, Map<String, List<String>> known) throws IOException {
        for (SnapshotRef r : target.listSnapshots()) {
            remember(target.loadSnapshot(r.id()).entries(), index, known);
        }
    }

    private static void remember(List<Entry> entries, ChunkIndex index, Map<String, List<String>> known) {
        for (Entry e : entries) {
            if (e.isFile() && e.sha256() != null && !e.chunks().isEmpty()
                    && e.chunks().stream().allMatch(index::contains)) {
                known.putIfAbsent(e.sha256() + ":" + e.size(), e.chunks());
            }
        }
    }

    private Copied copyOne(SnapshotRef ref, ChunkIndex index, Map<String, List<String>> known,
            Map<String, String> copies) throws IOException {
        Snapshot snapshot = source.loadSnapshot(ref.id());
        List<Entry> entries = snapshot.entries();
        long bytes = entries.stream().filter(Entry::isFile).mapToLong(Entry::size).sum();
        progress.addTotal(entries.stream().filter(Entry::isFile).count(), bytes);
        boolean sameCut = source.config().chunker().equals(target.config().chunker());
        Entry[] mapped = new Entry[entries.size()];
        long files = 0;
        long reused = 0;
        Map<String, List<String>> fresh = new ConcurrentHashMap<>();
        ExecutorService pool = Workers.pool("photovault-copy", workers);
        try (ContentWriter writer = new ContentWriter(target, index, false)) {
            List<Future<Entry>> results = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                if (!e.isFile() || e.chunks().isEmpty()) {
                    results.add(null);
                    continue;
                }
                files++;
                String key = e.sha256() + ":" + e.size();
                List<String> have = e.sha256() == null ? null : known.get(key);
                if (have != null) {
                    reused++;
                    results.add(java.util.concurrent.CompletableFuture.completedFuture(withChunks(e, have)));
                    progress.bytesDone(e.size());
                    progress.itemDone();
                    continue;
                }
                results.add(pool.submit(() -> {
                    List<String> chunks = chunksFor(e, writer, !sameCut);
                    progress.itemDone();
                    if (e.sha256() != null) {
                        fresh.putIfAbsent(key, chunks);
                    }
                    return withChunks(e, chunks);
                }));
            }
            try {
                for (int i = 0; i < entries.size(); i++) {
                    Future<Entry> f = results.get(i);
                    // Folders, links and empty files have no chunks: they are copied as they are.
                    mapped[i] = f == null ? entries.get(i) : Workers.await(f, "copy");
                }
            } catch (DamagedSource e) {
                // What was stored is indexed before giving up, so that no later snapshot names an unindexed chunk
                // and the next run does not write it again.
                pool.shutdownNow();
                awaitQuietly(pool);
                writer.finish();
                throw e;
            }
            writer.finish();
            String parent = ref.header().parent() == null ? null : copies.get(ref.header().parent());
            String id = target.saveSnapshot(new Snapshot(ref.header().asCopy(source.config().id(), ref.id(), parent),
                    List.of(mapped)));
            known.putAll(fresh);
            return new Copied(ref.id(), id, files, reused, writer.chunksWritten(), writer.bytesStored());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The target's chunks for one file: each source chunk re-named and re-sealed, or (when the chunker parameters
     * differ) the content cut again with the target's chunker.
     */
    private List<String> chunksFor(Entry e, ContentWriter writer, boolean again) throws IOException {
        try {
            if (again) {
                try (InputStream in = new EntryInputStream(source, e)) {
                    return writer.write(in, progress::bytesDone).chunks();
                }
            }
            List<String> ids = new ArrayList<>(e.chunks().size());
            for (String id : e.chunks()) {
                byte[] plain = source.readChunk(id);
                ids.add(writer.writeChunk(plain, 0, plain.length));
                progress.bytesDone(plain.length);
            }
            return ids;
        } catch (IntegrityException | ObjectNotFoundException | dev.photovault.vault.core.archiver.SourceReadException x) {
            throw new DamagedSource(e.path() + " cannot be read in the source (" + x.getMessage()
                    + "); 'photovault check' on the source says what is damaged");
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Entry withChunks(Entry e, List<String> chunks) {
        return new Entry(e.path(), e.type(), e.size(), e.mtime(), e.inode(), e.sha256(), e.albums(), chunks,
                e.linkTarget(), e.media(), e.rawPath());
    }

    /** A file of the snapshot cannot be read in the source: that snapshot is not copied. */
    private static final class DamagedSource extends VaultException {
        private static final long serialVersionUID = 1L;

        DamagedSource(String message) {
            super(message);
        }
    }
}
