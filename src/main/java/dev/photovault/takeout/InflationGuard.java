package dev.photovault.takeout;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * Counts the bytes an archive entry really inflates to (headers can lie) and stops a zip bomb: more bytes than
 * the entry declared, or more than {@link #MAX_RATIO} times the compressed bytes it took once past
 * {@link #RATIO_FLOOR}. Checks the CRC-32 the archive recorded at the end. Photos and videos hardly compress
 * (about 1:1), JSON sidecars about 5:1; a ratio of 100:1 is data made to explode.
 */
final class InflationGuard extends TapInputStream {

    /** Entries that inflate past this many times their compressed size are refused. */
    static final long MAX_RATIO = 100;
    /** The ratio is only judged once this much was inflated (tiny files compress well and harm nobody). */
    static final long RATIO_FLOOR = 1 << 20;

    /** An entry refused as hostile or damaged; the message says why. */
    static final class BadEntryException extends IOException {
        BadEntryException(String message) {
            super(message);
        }
    }

    private final long declared;
    private final LongSupplier compressed;
    private final Long expectedCrc;
    private final CRC32 crc = new CRC32();
    private final boolean closeUnderlying;
    private long count;

    /**
     * @param declared    the size the header declares, or -1
     * @param compressed  the compressed bytes consumed so far for this entry
     * @param expectedCrc the CRC-32 to check at the end, or null
     * @param closeUnderlying close {@code in} on close (not for an archive stream that goes on to the next entry)
     */
    InflationGuard(InputStream in, long declared, LongSupplier compressed, Long expectedCrc, boolean closeUnderlying) {
        super(in);
        this.closeUnderlying = closeUnderlying;
        this.declared = declared;
        this.compressed = compressed;
        this.expectedCrc = expectedCrc;
    }

    @Override
    protected void tap(byte[] b, int off, int n) throws IOException {
        count += n;
        if (expectedCrc != null) {
            crc.update(b, off, n);
        }
        check();
    }

    @Override
    protected void end() throws IOException {
        if (declared >= 0 && count < declared) {
            throw new BadEntryException("it ends after " + count + " of the " + declared
                    + " bytes its header declares (the archive is cut short or damaged)");
        }
        if (expectedCrc != null && crc.getValue() != expectedCrc) {
            throw new BadEntryException(String.format(Locale.ROOT,
                    "its content does not match its CRC-32 (%08x, recorded %08x): the archive is damaged",
                    crc.getValue(), expectedCrc));
        }
    }

    private void check() throws BadEntryException {
        if (declared >= 0 && count > declared) {
            throw new BadEntryException("it inflates past the " + declared + " bytes its header declares (a zip bomb?)");
        }
        if (count > RATIO_FLOOR) {
            long in = Math.max(1, compressed.getAsLong());
            if (count / in > MAX_RATIO) {
                throw new BadEntryException("it inflates to more than " + MAX_RATIO + " times its compressed size"
                        + " (" + count + " bytes from " + in + "): a zip bomb?");
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closeUnderlying) {
            super.close();
        }
    }

    long count() {
        return count;
    }
}
