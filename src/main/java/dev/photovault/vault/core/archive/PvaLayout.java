package dev.photovault.vault.core.archive;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * The fixed parts of a portable archive ({@code .pva}, {@code docs/format.md} §12): a 16-byte header, the objects
 * back to back, the chunk table, the other objects, the object table, and a 136-byte trailer that locates and
 * checksums both tables and itself.
 */
final class PvaLayout {

    /** {@code "photovault pva\n"} and the format version 1. */
    static final byte[] HEADER = header();
    static final byte[] TRAILER_MAGIC = "pva-end\n".getBytes(StandardCharsets.US_ASCII);
    static final int TRAILER_BYTES = 136;
    /** Raw id (32), offset (8), stored length (4). */
    static final int CHUNK_RECORD_BYTES = 44;
    static final int FLAG_PLAINTEXT = 1;
    /** Where the non-chunk objects go, in this order, after the chunk table (so that they sit near the tail). */
    static final List<String> META_ORDER = List.of("index/", "snapshots/", "keys/", "config");

    private PvaLayout() {
    }

    private static byte[] header() {
        byte[] text = "photovault pva\n".getBytes(StandardCharsets.US_ASCII);
        byte[] h = Arrays.copyOf(text, 16);
        h[15] = 1;
        return h;
    }

    /**
     * What the trailer says.
     *
     * @param flags             bit 0: plaintext
     * @param chunkCount        records in the chunk table
     * @param chunkTableOffset  where the chunk table starts
     * @param objectTableOffset where the object table starts
     * @param objectTableLength its length
     * @param chunkTableSha256  SHA-256 of the chunk table
     * @param objectTableSha256 SHA-256 of the object table
     */
    record Trailer(int flags, int chunkCount, long chunkTableOffset, long objectTableOffset, int objectTableLength,
            byte[] chunkTableSha256, byte[] objectTableSha256) {

        byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(TRAILER_BYTES);
            b.put(TRAILER_MAGIC).putInt(flags).putInt(chunkCount).putLong(chunkTableOffset)
                    .putLong(objectTableOffset).putInt(objectTableLength).putInt(0)
                    .put(chunkTableSha256).put(objectTableSha256);
            b.put(sha256(b.array(), 0, TRAILER_BYTES - 32));
            return b.array();
        }

        /** @return the trailer, or null when the bytes are not a valid one (magic, checksum, reserved bits) */
        static Trailer decode(byte[] bytes) {
            if (bytes.length != TRAILER_BYTES
                    || !Arrays.equals(bytes, 0, TRAILER_MAGIC.length, TRAILER_MAGIC, 0, TRAILER_MAGIC.length)
                    || !MessageDigest.isEqual(sha256(bytes, 0, TRAILER_BYTES - 32),
                            Arrays.copyOfRange(bytes, TRAILER_BYTES - 32, TRAILER_BYTES))) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, TRAILER_MAGIC.length, TRAILER_BYTES - TRAILER_MAGIC.length);
            int flags = b.getInt();
            int count = b.getInt();
            long chunkTable = b.getLong();
            long objectTable = b.getLong();
            int objectLength = b.getInt();
            int reserved = b.getInt();
            byte[] chunkSha = new byte[32];
            byte[] objectSha = new byte[32];
            b.get(chunkSha).get(objectSha);
            if ((flags & ~FLAG_PLAINTEXT) != 0 || reserved != 0 || count < 0 || objectLength < 0) {
                return null;
            }
            return new Trailer(flags, count, chunkTable, objectTable, objectLength, chunkSha, objectSha);
        }

        boolean plaintext() {
            return (flags & FLAG_PLAINTEXT) != 0;
        }
    }

    static byte[] sha256(byte[] data, int off, int len) {
        return dev.photovault.vault.core.Digests.sha256(data, off, len);
    }

    /** Where a non-chunk object goes among the others (see {@link #META_ORDER}). */
    static int metaRank(String key) {
        for (int i = 0; i < META_ORDER.size(); i++) {
            if (key.startsWith(META_ORDER.get(i))) {
                return i;
            }
        }
        return META_ORDER.size();
    }
}
