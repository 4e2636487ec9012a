package dev.photovault.vault.archiver;

import dev.photovault.vault.chunker.FastCdc;
import dev.photovault.vault.chunker.StreamChunker;
import dev.photovault.vault.crypto.ChunkSealer;
import dev.photovault.vault.repository.ChunkIndex;
import dev.photovault.vault.repository.Repository;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns content streams into stored chunks: FastCDC with the repository's seed, HMAC ids, skip what the index
 * knows, seal and write the rest. Chunks it writes are recorded in index deltas, flushed every
 * {@link #FLUSH_EVERY_CHUNKS} chunks or minute so that a crashed backup's work is found again by the next one
 * without even an existence check. Safe for
 * concurrent use by several workers; each thread gets its own chunking buffer.
 */
public final class ContentWriter {

    static final int FLUSH_EVERY_CHUNKS = 256;
    static final long FLUSH_EVERY_NANOS = 60_000_000_000L;

    private final Repository repository;
    private final ChunkIndex index;
    private final boolean dryRun;
    private final FastCdc cdc;
    private final ChunkSealer sealer;
    private final ThreadLocal<StreamChunker> chunkers;
    private final Map<String, Integer> pending = new LinkedHashMap<>();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong chunksNew = new AtomicLong();
    private final AtomicLong bytesNew = new AtomicLong();
    private final AtomicLong bytesStored = new AtomicLong();
    private volatile long lastFlush = System.nanoTime();

    /** @param dryRun compute everything but write nothing */
    public ContentWriter(Repository repository, ChunkIndex index, boolean dryRun) {
        this.repository = repository;
        this.index = index;
        this.dryRun = dryRun;
        this.cdc = repository.chunker();
        this.sealer = repository.chunkSealer();
        this.chunkers = ThreadLocal.withInitial(() -> new StreamChunker(cdc));
    }

    /**
     * Stores a stream's content.
     *
     * @throws SourceReadException if reading {@code in} fails (the caller skips the item)
     * @throws IOException         if writing to the repository fails (the caller stops)
     */
    public StoredContent write(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        List<String> ids = new ArrayList<>();
        long size = chunkers.get().chunk(new ReadFailureTagging(in), (buf, off, len, hash) -> {
            sha.update(buf, off, len);
            String id = sealer.idOf(buf, off, len);
            ids.add(id);
            if (!index.contains(id)) {
                store(id, buf, off, len);
            }
        });
        bytesRead.addAndGet(size);
        return new StoredContent(ids, HexFormat.of().formatHex(sha.digest()), size);
    }

    private void store(String id, byte[] buf, int off, int len) throws IOException {
        // A chunk the index does not know may still be stored: written by a backup that crashed before its
        // next index delta, or by one running beside us. Asking costs a stat (or a HEAD), far less than a write.
        if (!dryRun && !repository.hasChunk(id)) {
            byte[] sealed = sealer.seal(id, buf, off, len);
            if (repository.putChunk(id, sealed)) {
                bytesStored.addAndGet(sealed.length);
            }
        }
        // Only now, once the chunk is durable, may other items reuse it and an index name it.
        if (index.add(id, len)) {
            chunksNew.incrementAndGet();
            bytesNew.addAndGet(len);
            boolean flush;
            synchronized (pending) {
                pending.put(id, len);
                flush = pending.size() >= FLUSH_EVERY_CHUNKS || System.nanoTime() - lastFlush > FLUSH_EVERY_NANOS;
            }
            if (flush) {
                flushIndex();
            }
        }
    }

    /** Writes an index delta for the chunks stored since the last one. */
    public void flushIndex() throws IOException {
        Map<String, Integer> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            lastFlush = System.nanoTime();
        }
        if (!dryRun) {
            repository.store().flush();
            repository.writeIndex(batch);
        }
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public long chunksNew() {
        return chunksNew.get();
    }

    public long bytesNew() {
        return bytesNew.get();
    }

    public long bytesStored() {
        return bytesStored.get();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Marks failures of the source stream so that they are told apart from failures of the repository. */
    private static final class ReadFailureTagging extends FilterInputStream {
        ReadFailureTagging(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }
    }
}
