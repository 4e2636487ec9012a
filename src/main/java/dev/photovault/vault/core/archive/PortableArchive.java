package dev.photovault.vault.core.archive;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import dev.photovault.vault.core.store.ObjectStore;
import dev.photovault.vault.core.store.StoreReadOnlyException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A portable archive ({@code .pva}) opened as a read-only store: a repository that holds one snapshot, so that
 * every reading command works on it unchanged. Opening reads the header, the trailer and the object table (the
 * tail); the chunk table is read the first time a chunk is needed. Every structure is checked before it is used:
 * the trailer and both tables against their SHA-256, every object against the table, and that the header, the
 * objects, the tables and the trailer cover the file exactly, so that no byte of the file goes unchecked (chunks
 * are checked by their ids when read). Thread-safe: reads are positional.
 */
public final class PortableArchive implements ObjectStore {

    private static final HexFormat HEX = HexFormat.of();
    /** The object table names a config, a key, an index and a snapshot: a few hundred bytes. */
    static final int MAX_OBJECT_TABLE = 1 << 20;
    /** No chunk is longer than the largest chunker maximum (256 MiB) and its seal. */
    static final long MAX_CHUNK_BYTES = (256L << 20) + 28;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final PvaLayout.Trailer trailer;
    private final Map<String, PvaObject> objects = new HashMap<>();
    private final Instant modified;
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong lowestRead = new AtomicLong(Long.MAX_VALUE);
    private volatile Map<String, long[]> chunks;

    private PortableArchive(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
        this.modified = Files.getLastModifiedTime(file).toInstant();
        long minimum = PvaLayout.HEADER.length + PvaLayout.TRAILER_BYTES;
        if (size < minimum) {
            throw damaged("it has " + size + " bytes, fewer than any archive (" + minimum + "): it was cut short");
        }
        if (!Arrays.equals(read(0, PvaLayout.HEADER.length), PvaLayout.HEADER)) {
            throw damaged("bytes 0–15 are not a photovault archive header (damaged, or not a .pva)");
        }
        long trailerAt = size - PvaLayout.TRAILER_BYTES;
        this.trailer = PvaLayout.Trailer.decode(read(trailerAt, PvaLayout.TRAILER_BYTES));
        if (trailer == null) {
            throw damaged("its trailer (bytes " + range(trailerAt, PvaLayout.TRAILER_BYTES)
                    + ", the last " + PvaLayout.TRAILER_BYTES + ") fails its checksum: damaged, or the file was cut short");
        }
        long chunkTableEnd = trailer.chunkTableOffset() + (long) trailer.chunkCount() * PvaLayout.CHUNK_RECORD_BYTES;
        if (trailer.chunkTableOffset() < PvaLayout.HEADER.length || chunkTableEnd > trailer.objectTableOffset()
                || trailer.objectTableOffset() + trailer.objectTableLength() != trailerAt) {
            throw damaged("its trailer places the tables outside the file: it was not written by photovault");
        }
        if (trailer.objectTableLength() > MAX_OBJECT_TABLE) {
            // A crafted trailer must not make opening allocate what it likes: the table lists a handful of objects.
            throw damaged("its object table claims " + trailer.objectTableLength() + " bytes, more than any archive's"
                    + " (" + MAX_OBJECT_TABLE + ")");
        }
        byte[] table = read(trailer.objectTableOffset(), trailer.objectTableLength());
        if (!MessageDigest.isEqual(PvaLayout.sha256(table, 0, table.length), trailer.objectTableSha256())) {
            throw damaged("its object table (bytes " + range(trailer.objectTableOffset(), table.length)
                    + ") fails its checksum");
        }
        PvaObject.Table parsed;
        try {
            parsed = VaultJson.MAPPER.readValue(table, PvaObject.Table.class);
        } catch (IOException | RuntimeException e) {
            throw damaged("its object table is not valid: " + VaultJson.reason(e));
        }
        List<PvaObject> placed = new ArrayList<>(parsed == null || parsed.objects() == null ? List.of() : parsed.objects());
        placed.sort(Comparator.comparingLong(PvaObject::offset));
        long expected = chunkTableEnd;
        for (PvaObject o : placed) {
            if (o == null || o.key() == null || o.key().startsWith("chunks/") || o.offset() != expected
                    || o.length() < 0 || o.sha256() == null || objects.putIfAbsent(o.key(), o) != null) {
                throw damaged("its object table does not tile the file (at byte " + expected + ")");
            }
            expected += o.length();
        }
        if (expected != trailer.objectTableOffset()) {
            throw damaged("its object table does not tile the file (bytes " + expected + " to "
                    + trailer.objectTableOffset() + " belong to nothing)");
        }
    }

    /**
     * Opens an archive and checks its structure.
     *
     * @throws IntegrityException naming the damaged part
     * @throws VaultException     if there is no such file
     */
    public static PortableArchive open(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new VaultException("no archive at " + file);
        }
        try {
            return new PortableArchive(file, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether {@code file} starts like a portable archive (so that {@code --repo FILE} can tell one). */
    public static boolean looksLikeOne(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (file.getFileName().toString().endsWith(".pva")) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(PvaLayout.HEADER.length);
            ch.read(head, 0);
            return Arrays.equals(head.array(), 0, 15, PvaLayout.HEADER, 0, 15);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the archive holds its objects in the clear. */
    public boolean plaintext() {
        return trailer.plaintext();
    }

    /** How many bytes of the file were read so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** The lowest offset read past the header (what a range reader would have fetched from). */
    long lowestOffsetRead() {
        return lowestRead.get();
    }

    public long size() {
        return size;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws IOException {
        throw readOnly();
    }

    @Override
    public void delete(String key) throws IOException {
        throw readOnly();
    }

    @Override
    public void flush() {
    }

    @Override
    public byte[] get(String key) throws IOException {
        if (key.startsWith("chunks/")) {
            long[] at = chunks().get(key);
            if (at == null) {
                throw new ObjectNotFoundException(key);
            }
            return read(at[0], (int) at[1]);
        }
        PvaObject o = objects.get(key);
        if (o == null) {
            throw new ObjectNotFoundException(key);
        }
        byte[] data = read(o.offset(), o.length());
        if (!HEX.formatHex(PvaLayout.sha256(data, 0, data.length)).equals(o.sha256())) {
            throw new IntegrityException(file + ": " + key + " (bytes " + range(o.offset(), o.length())
                    + ") is damaged: it differs from the archive's table; copy the archive again from where it came");
        }
        return data;
    }

    @Override
    public boolean exists(String key) throws IOException {
        return key.startsWith("chunks/") ? chunks().containsKey(key) : objects.containsKey(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        List<ObjectInfo> found = new ArrayList<>();
        if (prefix.startsWith("chunks/") || "chunks/".startsWith(prefix)) {
            chunks().forEach((k, at) -> {
                if (k.startsWith(prefix)) {
                    found.add(new ObjectInfo(k, at[1], modified));
                }
            });
        }
        objects.forEach((k, o) -> {
            if (k.startsWith(prefix)) {
                found.add(new ObjectInfo(k, o.length(), modified));
            }
        });
        found.sort(Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public String position(String key) {
        if (key.startsWith("chunks/")) {
            Map<String, long[]> loaded = chunks;
            long[] at = loaded == null ? null : loaded.get(key);
            return at == null ? null : "bytes " + range(at[0], (int) at[1]) + " of " + file;
        }
        PvaObject o = objects.get(key);
        return o == null ? null : "bytes " + range(o.offset(), o.length()) + " of " + file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The chunk table, read and checked once: sorted, unique, and tiling the bytes between header and table. */
    private Map<String, long[]> chunks() throws IOException {
        Map<String, long[]> loaded = chunks;
        if (loaded != null) {
            return loaded;
        }
        synchronized (this) {
            if (chunks != null) {
                return chunks;
            }
            int n = trailer.chunkCount();
            byte[] table = read(trailer.chunkTableOffset(), Math.multiplyExact(n, PvaLayout.CHUNK_RECORD_BYTES));
            if (!MessageDigest.isEqual(PvaLayout.sha256(table, 0, table.length), trailer.chunkTableSha256())) {
                throw damaged("its chunk table (bytes " + range(trailer.chunkTableOffset(), table.length)
                        + ") fails its checksum");
            }
            ByteBuffer b = ByteBuffer.wrap(table);
            Map<String, long[]> map = new HashMap<>(n * 2);
            long[][] spans = new long[n][];
            byte[] id = new byte[32];
            for (int i = 0; i < n; i++) {
                b.get(id);
                long offset = b.getLong();
                long length = Integer.toUnsignedLong(b.getInt());
                spans[i] = new long[] {offset, length};
                String hex = HEX.formatHex(id);
                if (map.put("chunks/" + hex.substring(0, 2) + "/" + hex, spans[i]) != null) {
                    throw damaged("its chunk table names chunk " + hex + " twice");
                }
            }
            Arrays.sort(spans, Comparator.comparingLong(s -> s[0]));
            long expected = PvaLayout.HEADER.length;
            for (long[] s : spans) {
                if (s[0] != expected || s[1] > MAX_CHUNK_BYTES) {
                    throw damaged("its chunk table does not tile the file (at byte " + expected + ")");
                }
                expected += s[1];
            }
            if (expected != trailer.chunkTableOffset()) {
                throw damaged("its chunk table does not tile the file (bytes " + expected + " to "
                        + trailer.chunkTableOffset() + " belong to nothing)");
            }
            chunks = map;
            return map;
        }
    }

    private byte[] read(long offset, int length) throws IOException {
        byte[] data = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long at = offset;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException(file + " ends before byte " + (offset + length) + ": it was cut short");
            }
            at += n;
        }
        bytesRead.addAndGet(length);
        if (offset >= PvaLayout.HEADER.length) {
            lowestRead.accumulateAndGet(offset, Math::min);
        }
        return data;
    }

    private IntegrityException damaged(String what) {
        return new IntegrityException("the archive " + file + " is damaged: " + what
                + "; copy it again from where it came");
    }

    private StoreReadOnlyException readOnly() {
        return new StoreReadOnlyException(file.toString(), "a portable archive is read-only", null);
    }

    private static String range(long offset, int length) {
        return offset + "–" + (offset + length - 1);
    }

    @Override
    public String toString() {
        return "PortableArchive[" + file + "]";
    }
}
