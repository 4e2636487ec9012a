package dev.photovault.vault.core.archiver;

import dev.photovault.vault.core.Workers;
import dev.photovault.vault.core.chunker.FastCdc;
import dev.photovault.vault.core.chunker.StreamChunker;
import dev.photovault.vault.core.crypto.ChunkSealer;
import dev.photovault.vault.core.repository.ChunkIndex;
import dev.photovault.vault.core.repository.Repository;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns content streams into stored chunks: FastCDC with the repository's seed, HMAC ids, skip what the index
 * knows, seal and write the rest. Sealing happens on the caller's thread; writing (an existence check, the
 * write and its fsync; small chunks into a pack, written whole) on a small pool of I/O threads, so that CPU work goes on while the disk syncs, with at
 * most {@link #MAX_BYTES_IN_FLIGHT} sealed bytes waiting. A chunk enters the index only once it is durable;
 * index deltas are flushed every {@link #FLUSH_EVERY_BYTES} bytes of new chunks, {@link #FLUSH_EVERY_CHUNKS}
 * chunks or minute, whichever comes first, so that a crashed backup's work is found again by the next one (each
 * flush syncs every folder a chunk went into: counted in chunks alone, small files paid one folder sync per
 * chunk or two). Safe for concurrent use by several workers; each thread gets its own
 * chunking buffer. {@link #finish()} must be called (and succeed) before a snapshot names any of the chunks.
 */
public final class ContentWriter implements AutoCloseable {

    static final long FLUSH_EVERY_BYTES = 256L << 20;
    static final int FLUSH_EVERY_CHUNKS = 4096;
    static final long FLUSH_EVERY_NANOS = 60_000_000_000L;
    static final int MAX_BYTES_IN_FLIGHT = 64 << 20;
    static final int IO_THREADS = 4;

    private final Repository repository;
    private final ChunkIndex index;
    private final boolean dryRun;
    private final ChunkSealer sealer;
    private final ThreadLocal<StreamChunker> chunkers;
    private final ExecutorService io;
    private final Semaphore inFlightBytes = new Semaphore(MAX_BYTES_IN_FLIGHT);
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicReference<IOException> writeFailure = new AtomicReference<>();
    private final Map<String, Integer> pending = new LinkedHashMap<>();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong chunksNew = new AtomicLong();
    private final AtomicLong bytesNew = new AtomicLong();
    private final AtomicLong bytesStored = new AtomicLong();
    private final AtomicLong chunksWritten = new AtomicLong();
    private volatile long lastFlush = System.nanoTime();
    /** Bytes of the chunks in {@code pending}; guarded by {@code pending}. */
    private long pendingBytes;

    /** @param dryRun compute everything but write nothing */
    public ContentWriter(Repository repository, ChunkIndex index, boolean dryRun) {
        this.repository = repository;
        this.index = index;
        this.dryRun = dryRun;
        FastCdc cdc = repository.chunker();
        this.sealer = repository.chunkSealer();
        this.chunkers = ThreadLocal.withInitial(() -> new StreamChunker(cdc));
        this.io = Workers.pool("photovault-chunk-writer", IO_THREADS);
    }

    /**
     * Stores a stream's content. Its chunks may still be being written when this returns.
     *
     * @throws SourceReadException if reading {@code in} fails (the caller skips the item)
     * @throws IOException         if writing to the repository has failed (the caller stops)
     */
    public StoredContent write(InputStream in) throws IOException {
        return write(in, bytes -> { });
    }

    /** As {@link #write(InputStream)}, telling {@code progress} of every chunk's bytes as they are read. */
    public StoredContent write(InputStream in, java.util.function.LongConsumer progress) throws IOException {
        throwIfFailed();
        MessageDigest sha = sha256();
        List<String> ids = new ArrayList<>();
        long size = chunkers.get().chunk(new ReadFailureTagging(in), (buf, off, len, hash) -> {
            sha.update(buf, off, len);
            progress.accept(len);
            String id = sealer.idOf(buf, off, len);
            ids.add(id);
            if (!index.contains(id) && inFlight.add(id)) {
                store(id, buf, off, len);
            }
        });
        bytesRead.addAndGet(size);
        return new StoredContent(ids, HexFormat.of().formatHex(sha.digest()), size);
    }

    /**
     * Stores one chunk cut elsewhere (a copy from another repository with the same chunker parameters): named
     * with this repository's key, skipped when the index knows it. @return its id here
     */
    public String writeChunk(byte[] buf, int off, int len) throws IOException {
        throwIfFailed();
        String id = sealer.idOf(buf, off, len);
        bytesRead.addAndGet(len);
        if (!index.contains(id) && inFlight.add(id)) {
            store(id, buf, off, len);
        }
        return id;
    }

    private void store(String id, byte[] buf, int off, int len) throws IOException {
        if (dryRun) {
            recordStored(id, len);
            return;
        }
        byte[] sealed = sealer.seal(id, buf, off, len);
        try {
            inFlightBytes.acquire(sealed.length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for chunk writes");
        }
        io.execute(() -> {
            try {
                // putChunk checks whether a large chunk the index does not know is stored all the same (by a
                // backup that crashed before its next index delta, or one beside us): a stat, or a HEAD.
                if (writeFailure.get() == null && repository.putChunk(id, sealed)) {
                    bytesStored.addAndGet(sealed.length);
                    chunksWritten.incrementAndGet();
                }
                recordStored(id, len);
            } catch (IOException e) {
                writeFailure.compareAndSet(null, e);
            } catch (RuntimeException e) {
                writeFailure.compareAndSet(null, new IOException(e.getMessage(), e));
            } finally {
                inFlight.remove(id);
                inFlightBytes.release(sealed.length);
            }
        });
        throwIfFailed();
    }

    private void recordStored(String id, int len) throws IOException {
        if (index.add(id, len)) {
            chunksNew.incrementAndGet();
            bytesNew.addAndGet(len);
            boolean flush;
            synchronized (pending) {
                pending.put(id, len);
                pendingBytes += len;
                flush = pendingBytes >= FLUSH_EVERY_BYTES || pending.size() >= FLUSH_EVERY_CHUNKS
                        || System.nanoTime() - lastFlush > FLUSH_EVERY_NANOS;
            }
            if (flush) {
                flushIndex();
            }
        }
    }

    /** Waits for every chunk write, then writes the last index delta. After it, snapshots may name the chunks. */
    public void finish() throws IOException {
        io.shutdown();
        try {
            while (!io.awaitTermination(1, TimeUnit.SECONDS)) {
                Thread.onSpinWait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for chunk writes");
        }
        throwIfFailed();
        flushIndex();
    }

    /** Writes an index delta for the chunks stored since the last one. */
    private void flushIndex() throws IOException {
        Map<String, Integer> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            pendingBytes = 0;
            lastFlush = System.nanoTime();
        }
        if (!dryRun) {
            repository.flushPacks(); // the chunks of the batch that went into a pack are stored after this
            repository.store().flush();
            repository.writeIndex(batch);
        }
    }

    private void throwIfFailed() throws IOException {
        IOException failure = writeFailure.get();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
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

    /** Chunks this writer really wrote (not those found already stored, indexed or not). */
    public long chunksWritten() {
        return chunksWritten.get();
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
