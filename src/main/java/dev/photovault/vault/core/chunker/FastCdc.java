package dev.photovault.vault.core.chunker;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The FastCDC 2020 cut function, bit-compatible with the reference implementation
 * (fastcdc-rs {@code v2020}); see {@code docs/format.md}. A non-zero seed keys the gear table so that chunk
 * boundaries do not reveal content to someone who can only see chunk sizes.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FastCdc {

    private static final long[] MASKS = {
        0, 0, 0, 0, 0,
        0x0000000001804110L, 0x0000000001803110L, 0x0000000018035100L, 0x0000001800035300L,
        0x0000019000353000L, 0x0000590003530000L, 0x0000d90003530000L, 0x0000d90103530000L,
        0x0000d90303530000L, 0x0000d90313530000L, 0x0000d90f03530000L, 0x0000d90303537000L,
        0x0000d90703537000L, 0x0000d90707537000L, 0x0000d91707537000L, 0x0000d91747537000L,
        0x0000d91767537000L, 0x0000d93767537000L, 0x0000d93777537000L, 0x0000d93777577000L,
        0x0000db3777577000L,
    };

    private static final long[] PUBLIC_GEAR = publicGear();

    private final ChunkerParams params;
    private final long[] gear = new long[256];
    private final long[] gearShifted = new long[256];
    private final long maskS;
    private final long maskL;
    private final long maskSShifted;
    private final long maskLShifted;

    /** Creates a chunker with the given limits; seed 0 is the public, testable form. */
    public FastCdc(ChunkerParams params, long seed) {
        this.params = params;
        for (int i = 0; i < 256; i++) {
            gear[i] = PUBLIC_GEAR[i] ^ seed;
            gearShifted[i] = (PUBLIC_GEAR[i] << 1) ^ (seed << 1);
        }
        int bits = ChunkerParams.bits(params.avg());
        maskS = MASKS[bits + params.normalization()];
        maskL = MASKS[bits - params.normalization()];
        maskSShifted = maskS << 1;
        maskLShifted = maskL << 1;
    }

    public ChunkerParams params() {
        return params;
    }

    /**
     * Finds the end of the chunk that starts at {@code src[off]}, given {@code len} bytes available there.
     * Callers must offer at least {@code max} bytes unless the stream ends sooner.
     */
    public Cut cut(byte[] src, int off, int len) {
        int min = params.min();
        if (len <= min) {
            return new Cut(len, 0);
        }
        int n = len;
        int center = params.avg();
        if (n > params.max()) {
            n = params.max();
        } else if (n < center) {
            center = n;
        }
        long h = 0;
        int i = min / 2;
        int stop = center / 2;
        for (; i < stop; i++) {
            int a = off + 2 * i;
            h = (h << 2) + gearShifted[src[a] & 0xff];
            if ((h & maskSShifted) == 0) {
                return new Cut(2 * i, h);
            }
            h = h + gear[src[a + 1] & 0xff];
            if ((h & maskS) == 0) {
                return new Cut(2 * i + 1, h);
            }
        }
        stop = n / 2;
        for (; i < stop; i++) {
            int a = off + 2 * i;
            h = (h << 2) + gearShifted[src[a] & 0xff];
            if ((h & maskLShifted) == 0) {
                return new Cut(2 * i, h);
            }
            h = h + gear[src[a + 1] & 0xff];
            if ((h & maskL) == 0) {
                return new Cut(2 * i + 1, h);
            }
        }
        return new Cut(n, h);
    }

    /** The unkeyed gear table entry {@code i}. */
    static long publicGear(int i) {
        return PUBLIC_GEAR[i];
    }

    private static long[] publicGear() {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long[] table = new long[256];
            byte[] block = new byte[64];
            for (int i = 0; i < 256; i++) {
                Arrays.fill(block, (byte) i);
                table[i] = ByteBuffer.wrap(md5.digest(block)).getLong();
            }
            return table;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }
}
