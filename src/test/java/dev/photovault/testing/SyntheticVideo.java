package dev.photovault.testing;

import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A large "video" made up on the fly: an ISO-BMFF {@code ftyp} box (so that Google, and the emulator, take it for
 * an MP4) followed by pseudo-random bytes from a seed. Nothing is held in memory, so tests can move gigabytes.
 */
public final class SyntheticVideo extends InputStream {

    private static final byte[] FTYP = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
        'i', 's', 'o', 'm', 'm', 'p', '4', '1'};

    private final long size;
    private long position;
    private final long seed;
    private long word;

    public SyntheticVideo(long size, long seed) {
        this.size = size;
        this.seed = seed * 0x9E3779B97F4A7C15L;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            long p = position + i;
            if (p < FTYP.length) {
                b[off + i] = FTYP[(int) p];
            } else {
                // Each 8-byte word is a function of its position alone, so any way of reading gives the same bytes.
                if ((p & 7) == 0 || i == 0) {
                    word = mix(seed + (p >>> 3));
                }
                b[off + i] = (byte) (word >>> ((p & 7) * 8));
            }
        }
        position += n;
        return n;
    }

    /** The SHA-256 of a stream, read to its end in 1 MiB steps, as hex. */
    public static String sha256(InputStream in) throws java.io.IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int r; (r = in.read(buf)) >= 0; ) {
                md.update(buf, 0, r);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
