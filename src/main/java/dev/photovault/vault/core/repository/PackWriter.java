package dev.photovault.vault.core.repository;

import dev.photovault.vault.core.crypto.BlobSealer;
import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.store.ObjectStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Gathers small sealed chunks into one pack object (format.md §5): the chunks back to back, then a sealed header
 * naming them, then the header's length. A pack is written once it passes {@link #TARGET} bytes, or when
 * {@link #flush()} is called (before an index delta names its chunks). Thread-safe: the chunk writers of a
 * backup add to one pack; a write holds the others back for as long as it takes (one fsync per pack instead of
 * one per chunk).
 */
final class PackWriter {

    /**
     * A pack is written once it holds this many bytes: few enough objects for 100,000 small files (25), small
     * enough that one PUT over a poor connection gets through as often as a large chunk does.
     */
    static final int TARGET = 4 << 20;
    /** Bytes of header per chunk: its raw id and its sealed length. */
    static final int HEADER_ENTRY = 32 + 4;

    interface Written {
        /** A pack is stored: each chunk's place in it, and the lock it was given (epoch seconds, 0 if none). */
        void accept(List<String> ids, List<PackRef> refs, long lockedUntil);
    }

    private final ObjectStore store;
    private final BlobSealer sealer;
    private final Written written;
    private byte[] buffer = new byte[0];
    private int used;
    private final List<String> ids = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();

    PackWriter(ObjectStore store, BlobSealer sealer, Written written) {
        this.store = store;
        this.sealer = sealer;
        this.written = written;
    }

    synchronized void add(String id, byte[] sealed) throws IOException {
        if (used + sealed.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(used + sealed.length, Math.min(TARGET + (1 << 20),
                    Math.max(buffer.length * 2, 1 << 20))));
        }
        System.arraycopy(sealed, 0, buffer, used, sealed.length);
        used += sealed.length;
        ids.add(id);
        lengths.add(sealed.length);
        if (used >= TARGET) {
            writePack();
        }
    }

    /** Writes the pack being filled, if it holds anything: after this, every chunk added so far is stored. */
    synchronized void flush() throws IOException {
        if (!ids.isEmpty()) {
            writePack();
        }
    }

    private void writePack() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(ids.size() * HEADER_ENTRY);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < ids.size(); i++) {
            header.put(hex.parseHex(ids.get(i))).putInt(lengths.get(i));
        }
        byte[] sealedHeader = sealer.seal(BlobSealer.Kind.PACK, header.array());
        byte[] pack = Arrays.copyOf(buffer, used + sealedHeader.length + 4);
        System.arraycopy(sealedHeader, 0, pack, used, sealedHeader.length);
        ByteBuffer.wrap(pack, used + sealedHeader.length, 4).putInt(sealedHeader.length);
        String id = Repository.sha256Hex(pack);
        java.time.Duration period = store.lockPeriod();
        Instant until = period == null ? null : Instant.now().plus(period).plus(period.dividedBy(2));
        store.putIfAbsent(Repository.packKey(id), pack, until);
        List<PackRef> refs = new ArrayList<>(ids.size());
        long offset = 0;
        for (int length : lengths) {
            refs.add(new PackRef(id, offset, length));
            offset += length;
        }
        written.accept(List.copyOf(ids), refs, until == null ? 0 : until.getEpochSecond());
        ids.clear();
        lengths.clear();
        used = 0;
        if (buffer.length > TARGET + (1 << 20)) {
            buffer = new byte[0];
        }
    }

    /**
     * The chunks a pack holds, from its header, checked against the pack's size: every chunk must lie inside the
     * bytes before the header.
     *
     * @throws IntegrityException if the header is missing, fails authentication or does not fit the pack
     */
    static List<PackedChunk> readHeader(ObjectStore store, BlobSealer sealer, String key, long size)
            throws IOException {
        if (size < 4) {
            throw new IntegrityException("pack " + key + " is truncated (" + size + " bytes)");
        }
        byte[] tail = store.getRange(key, size - 4, 4);
        if (tail.length != 4) {
            throw new IntegrityException("pack " + key + " is shorter than listed");
        }
        int headerLength = ByteBuffer.wrap(tail).getInt();
        if (headerLength < 0 || headerLength > size - 4) {
            throw new IntegrityException("pack " + key + " has a damaged header length (" + headerLength + ")");
        }
        long headerAt = size - 4 - headerLength;
        byte[] sealedHeader = store.getRange(key, headerAt, headerLength);
        byte[] header = sealer.open(BlobSealer.Kind.PACK, sealedHeader, "the header of pack " + key);
        if (header.length % HEADER_ENTRY != 0) {
            throw new IntegrityException("the header of pack " + key + " is malformed");
        }
        String pack = key.substring(key.lastIndexOf('/') + 1);
        HexFormat hex = HexFormat.of();
        ByteBuffer entries = ByteBuffer.wrap(header);
        List<PackedChunk> out = new ArrayList<>(header.length / HEADER_ENTRY);
        long offset = 0;
        byte[] raw = new byte[32];
        while (entries.hasRemaining()) {
            entries.get(raw);
            int length = entries.getInt();
            if (length < 0 || offset + length > headerAt) {
                throw new IntegrityException("the header of pack " + key + " names bytes past its chunks");
            }
            out.add(new PackedChunk(hex.formatHex(raw), new PackRef(pack, offset, length)));
            offset += length;
        }
        return out;
    }
}
