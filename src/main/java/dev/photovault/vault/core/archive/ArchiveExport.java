package dev.photovault.vault.core.archive;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.Workers;
import dev.photovault.vault.core.crypto.ChunkSealer;
import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.crypto.KdfParams;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Writes one snapshot of a repository as a portable archive: a repository of its own with fresh master keys (so
 * that handing out the archive and its passphrase never opens the repository it came from), or none at all for a
 * plaintext archive. Each chunk the snapshot needs is read, verified, sealed under the archive's keys and
 * appended, in the order the files first use them, so that a file's chunks are mostly one byte range.
 */
public final class ArchiveExport {

    /**
     * What was written.
     *
     * @param snapshotId   the snapshot's id inside the archive
     * @param files        files in it
     * @param bytes        their content
     * @param chunks       distinct chunks stored
     * @param archiveBytes the archive's length
     */
    public record Result(String snapshotId, int files, long bytes, int chunks, long archiveBytes) {
    }

    /** The archive's key slot: the passphrase that will open it, or none for a plaintext archive. */
    public record KeySlot(char[] passphrase, KdfParams kdf) {
        public static KeySlot plaintext() {
            return new KeySlot(null, null);
        }

        boolean isPlaintext() {
            return passphrase == null;
        }

        @Override
        public String toString() {
            return isPlaintext() ? "KeySlot[plaintext]" : "KeySlot[passphrase redacted]";
        }
    }

    private final Repository source;
    private final int workers;
    private final Progress progress;

    public ArchiveExport(Repository source, int workers, Progress progress) {
        this.source = source;
        this.workers = Math.max(1, workers);
        this.progress = progress;
    }

    /**
     * @param snapshotId the snapshot to export
     * @param include    which entry paths go in
     * @param out        where the archive goes; written from start to end, never sought
     * @param location   names the archive in messages
     */
    public Result write(String snapshotId, Predicate<String> include, KeySlot key, OutputStream out, String location)
            throws IOException {
        Snapshot snapshot = source.loadSnapshot(snapshotId);
        List<Entry> entries = snapshot.entries().stream().filter(e -> include.test(e.path())).toList();
        Map<String, String> firstUser = new LinkedHashMap<>();
        long total = 0;
        int files = 0;
        for (Entry e : entries) {
            if (e.isFile()) {
                files++;
                total += e.size();
                e.chunks().forEach(c -> firstUser.putIfAbsent(c, e.path()));
            }
        }
        progress.addTotal(files, total);
        progress.totalsFinal();

        PortableArchiveWriter writer = new PortableArchiveWriter(out, location, key.isPlaintext());
        Repository target = key.isPlaintext()
                ? Repository.initPlaintext(writer, source.config().chunker())
                : Repository.init(writer, key.passphrase(), key.kdf(), source.config().chunker(), 1);
        Map<String, String> renamed = new HashMap<>(firstUser.size() * 2);
        Map<String, Integer> index = new LinkedHashMap<>();
        copyChunks(firstUser, target.chunkSealer(), writer, renamed, index);
        target.writeIndex(index);

        List<Entry> mapped = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            mapped.add(e.chunks().isEmpty() ? e : new Entry(e.path(), e.type(), e.size(), e.mtime(), e.inode(),
                    e.sha256(), e.albums(), e.chunks().stream().map(renamed::get).toList(), e.linkTarget(),
                    e.media(), e.rawPath()));
            if (e.isFile()) {
                progress.itemDone();
            }
        }
        // The parent is not in the archive: the snapshot stands alone there.
        SnapshotHeader header = snapshot.header().asCopy(source.config().id(), snapshotId, null);
        String id = target.saveSnapshot(new Snapshot(header, mapped));
        long length = writer.finish();
        return new Result(id, files, total, index.size(), length);
    }

    /** Reads and re-seals chunks on the workers, appending them in order from this thread. */
    private void copyChunks(Map<String, String> firstUser, ChunkSealer sealer, PortableArchiveWriter writer,
            Map<String, String> renamed, Map<String, Integer> index) throws IOException {
        record Sealed(String oldId, String newId, byte[] bytes, int plainLength) {
        }
        ExecutorService pool = Workers.pool("photovault-export", workers);
        try {
            Deque<Future<Sealed>> window = new ArrayDeque<>();
            var ids = firstUser.keySet().iterator();
            while (ids.hasNext() || !window.isEmpty()) {
                while (ids.hasNext() && window.size() < 2 * workers) {
                    String old = ids.next();
                    window.add(pool.submit(() -> {
                        byte[] plain = read(old, firstUser.get(old));
                        String id = sealer.idOf(plain, 0, plain.length);
                        return new Sealed(old, id, sealer.seal(id, plain, 0, plain.length), plain.length);
                    }));
                }
                Sealed s = Workers.await(window.poll(), "export");
                writer.putIfAbsent(Repository.chunkKey(s.newId()), s.bytes());
                renamed.put(s.oldId(), s.newId());
                index.put(s.newId(), s.plainLength());
                progress.bytesDone(s.plainLength());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private byte[] read(String id, String user) throws IOException {
        try {
            return source.readChunk(id);
        } catch (IntegrityException | ObjectNotFoundException e) {
            throw new VaultException("chunk " + id + " of " + user + " cannot be read from the repository ("
                    + e.getMessage() + "): the archive was not written; 'photovault check' says what is damaged");
        }
    }
}
