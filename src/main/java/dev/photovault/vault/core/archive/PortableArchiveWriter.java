package dev.photovault.vault.core.archive;

import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import dev.photovault.vault.core.store.ObjectStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A write-once store that lays a repository out as one portable archive on a stream: chunks are written as they
 * come, every other object is held until {@link #finish()} writes the chunk table, those objects, the object
 * table and the trailer. A {@link dev.photovault.vault.core.repository.Repository} initialised on it writes the
 * archive's config, key, index and snapshot with the code that writes a repository's. Not thread-safe for
 * writes: the export appends from one thread.
 */
final class PortableArchiveWriter implements ObjectStore {

    private static final HexFormat HEX = HexFormat.of();

    private final OutputStream out;
    private final String location;
    private final boolean plaintext;
    private long position;
    /** Chunk id → {offset, length}, sorted by id (hex order is raw-byte order). */
    private final TreeMap<String, long[]> chunks = new TreeMap<>();
    private final Map<String, byte[]> others = new LinkedHashMap<>();
    private boolean finished;

    PortableArchiveWriter(OutputStream out, String location, boolean plaintext) throws IOException {
        this.out = out;
        this.location = location;
        this.plaintext = plaintext;
        write(PvaLayout.HEADER);
    }

    @Override
    public synchronized boolean putIfAbsent(String key, byte[] data) throws IOException {
        if (finished) {
            throw new IllegalStateException("the archive is finished");
        }
        if (key.startsWith("chunks/")) {
            String id = key.substring(key.lastIndexOf('/') + 1);
            if (chunks.containsKey(id)) {
                return false;
            }
            chunks.put(id, new long[] {position, data.length});
            write(data);
            return true;
        }
        return others.putIfAbsent(key, data.clone()) == null;
    }

    @Override
    public synchronized byte[] get(String key) throws IOException {
        byte[] data = others.get(key);
        if (data == null) {
            throw new ObjectNotFoundException(key);
        }
        return data.clone();
    }

    @Override
    public synchronized boolean exists(String key) {
        return others.containsKey(key) || key.startsWith("chunks/") && chunks.containsKey(key.substring(key.lastIndexOf('/') + 1));
    }

    @Override
    public synchronized List<ObjectInfo> list(String prefix) {
        List<ObjectInfo> found = new ArrayList<>();
        Instant now = Instant.now();
        others.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                found.add(new ObjectInfo(k, v.length, now));
            }
        });
        found.sort(Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public synchronized void delete(String key) {
        others.remove(key);
    }

    @Override
    public void flush() {
        // Durability is the whole file's: the export renames it into place only when finished.
    }

    @Override
    public String location() {
        return location;
    }

    /** The bytes written so far. */
    synchronized long position() {
        return position;
    }

    /** Writes the tables and the trailer; the archive is complete when this returns. @return its length */
    synchronized long finish() throws IOException {
        finished = true;
        long chunkTableOffset = position;
        ByteBuffer table = ByteBuffer.allocate(chunks.size() * PvaLayout.CHUNK_RECORD_BYTES);
        chunks.forEach((id, at) -> table.put(HEX.parseHex(id)).putLong(at[0]).putInt((int) at[1]));
        write(table.array());

        List<String> keys = new ArrayList<>(others.keySet());
        keys.sort(Comparator.comparingInt(PvaLayout::metaRank).thenComparing(Comparator.naturalOrder()));
        Map<String, PvaObject> placed = new HashMap<>();
        for (String key : keys) {
            byte[] data = others.get(key);
            placed.put(key, new PvaObject(key, position, data.length, HEX.formatHex(PvaLayout.sha256(data, 0, data.length))));
            write(data);
        }
        List<PvaObject> sorted = new ArrayList<>(placed.values());
        sorted.sort(Comparator.comparing(PvaObject::key));
        byte[] objectTable = VaultJson.MAPPER.writeValueAsBytes(new PvaObject.Table(sorted));
        long objectTableOffset = position;
        write(objectTable);

        byte[] chunkTable = table.array();
        PvaLayout.Trailer trailer = new PvaLayout.Trailer(plaintext ? PvaLayout.FLAG_PLAINTEXT : 0, chunks.size(),
                chunkTableOffset, objectTableOffset, objectTable.length,
                PvaLayout.sha256(chunkTable, 0, chunkTable.length),
                PvaLayout.sha256(objectTable, 0, objectTable.length));
        write(trailer.encode());
        out.flush();
        return position;
    }

    private void write(byte[] data) throws IOException {
        out.write(data);
        position += data.length;
    }

    @Override
    public String toString() {
        return "PortableArchiveWriter[" + location + "]";
    }
}
