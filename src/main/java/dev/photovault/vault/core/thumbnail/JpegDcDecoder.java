package dev.photovault.vault.core.thumbnail;

import java.awt.image.BufferedImage;

/**
 * Decodes a baseline JPEG at one eighth of its size from the DC coefficients alone: each 8 × 8 block's average is
 * its DC coefficient, so the Huffman data is read (AC coefficients skipped, not dequantized) but no inverse DCT,
 * upsampling filter or full-size colour conversion is done. A 12-megapixel photo becomes a 500 × 375 picture in a
 * fraction of a full decode — plenty for a 320-pixel thumbnail. Handles what phones and cameras write: sequential
 * Huffman (SOF0/SOF1), 8 bits, grey or YCbCr in one interleaved scan, any sampling factors, restart markers.
 * Anything else (progressive, arithmetic, CMYK, several scans) gives null, and the caller decodes fully.
 */
final class JpegDcDecoder {

    private final byte[] data;
    private int pos;
    private final int[][] quant = new int[4][];
    private final Huffman[] dcTables = new Huffman[4];
    private final Huffman[] acTables = new Huffman[4];
    private int restartInterval;
    private int width;
    private int height;
    private int[] componentIds;
    private int[] h;
    private int[] v;
    private int[] quantIndex;

    private final int minLongSide;
    private boolean adobeRgb;

    private JpegDcDecoder(byte[] data, int offset, int minLongSide) {
        this.data = data;
        this.pos = offset;
        this.minLongSide = minLongSide;
    }

    /**
     * The picture at 1/8 scale (each side rounded up), or null when this decoder does not handle the file or the
     * eighth would be smaller than {@code minLongSide} on its longer side (then a full decode is the better source).
     */
    static BufferedImage decode(byte[] data, int offset, int minLongSide) {
        try {
            return new JpegDcDecoder(data, offset, minLongSide).run();
        } catch (RuntimeException e) {
            return null; // damaged or cut short: the full decoder says what it can
        }
    }

    private BufferedImage run() {
        if (u8() != 0xff || u8() != 0xd8) {
            return null;
        }
        while (true) {
            int marker = nextMarker();
            if (marker < 0) {
                return null;
            }
            switch (marker) {
                case 0xc0, 0xc1 -> {
                    if (!frame() || (Math.max(width, height) + 7) / 8 < minLongSide) {
                        return null;
                    }
                }
                case 0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7 -> {
                    // markers without a length
                }
                case 0xee -> adobe();
                case 0xc4 -> huffmanTables();
                case 0xdb -> quantTables();
                case 0xdd -> {
                    u16();
                    restartInterval = u16();
                }
                case 0xda -> {
                    return componentIds == null || (adobeRgb && componentIds.length == 3) ? null : scan();
                }
                case 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf, 0xd9 -> {
                    return null; // progressive, lossless, arithmetic, hierarchical, or no image
                }
                default -> { // APPn, COM, …: skipped by their length (read first: it moves pos)
                    int length = u16();
                    pos += length - 2;
                }
            }
        }
    }

    private int nextMarker() {
        while (pos + 1 < data.length) {
            if ((data[pos] & 0xff) == 0xff && (data[pos + 1] & 0xff) != 0xff && (data[pos + 1] & 0xff) != 0) {
                int m = data[pos + 1] & 0xff;
                pos += 2;
                return m;
            }
            pos++;
        }
        return -1;
    }

    /** Adobe's APP14: a transform of 0 on three components means RGB, not YCbCr (left to the full decoder). */
    private void adobe() {
        int end = pos + u16();
        if (end - pos >= 12 && data[pos] == 'A' && data[pos + 1] == 'd' && data[pos + 2] == 'o' && data[pos + 3] == 'b'
                && data[pos + 4] == 'e') {
            adobeRgb = (data[pos + 11] & 0xff) == 0;
        }
        pos = end;
    }

    private boolean frame() {
        int end = pos + u16();
        if (u8() != 8) {
            return false;
        }
        height = u16();
        width = u16();
        int n = u8();
        if (width <= 0 || height <= 0 || (long) width * height > ThumbnailRenderer.MAX_SOURCE_PIXELS
                || (n != 1 && n != 3)) {
            return false;
        }
        componentIds = new int[n];
        h = new int[n];
        v = new int[n];
        quantIndex = new int[n];
        for (int i = 0; i < n; i++) {
            componentIds[i] = u8();
            int hv = u8();
            h[i] = hv >> 4;
            v[i] = hv & 15;
            quantIndex[i] = u8() & 3;
            if (h[i] < 1 || h[i] > 4 || v[i] < 1 || v[i] > 4) {
                return false;
            }
        }
        pos = end;
        return true;
    }

    private void quantTables() {
        int end = pos + u16();
        while (pos < end) {
            int pq = u8();
            int[] table = new int[64];
            for (int i = 0; i < 64; i++) {
                table[i] = (pq >> 4) == 0 ? u8() : u16();
            }
            quant[pq & 3] = table;
        }
        pos = end;
    }

    private void huffmanTables() {
        int end = pos + u16();
        while (pos < end) {
            int tc = u8();
            int[] counts = new int[17];
            int total = 0;
            for (int i = 1; i <= 16; i++) {
                counts[i] = u8();
                total += counts[i];
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = u8();
            }
            Huffman table = new Huffman(counts, symbols);
            if ((tc >> 4) == 0) {
                dcTables[tc & 3] = table;
            } else {
                acTables[tc & 3] = table;
            }
        }
        pos = end;
    }

    private BufferedImage scan() {
        int length = u16();
        int n = u8();
        if (n != componentIds.length) {
            return null; // not one interleaved scan of every component
        }
        Huffman[] dc = new Huffman[n];
        Huffman[] ac = new Huffman[n];
        for (int i = 0; i < n; i++) {
            int id = u8();
            int tables = u8();
            if (id != componentIds[i] || dcTables[tables >> 4] == null || acTables[tables & 3] == null
                    || quant[quantIndex[i]] == null) {
                return null;
            }
            dc[i] = dcTables[tables >> 4];
            ac[i] = acTables[tables & 3];
        }
        pos += length - 2 - 1 - 2 * n; // spectral selection and approximation: fixed for baseline
        int hMax = 1;
        int vMax = 1;
        for (int i = 0; i < n; i++) {
            hMax = Math.max(hMax, h[i]);
            vMax = Math.max(vMax, v[i]);
        }
        int mcusX = (width + 8 * hMax - 1) / (8 * hMax);
        int mcusY = (height + 8 * vMax - 1) / (8 * vMax);
        int[][] planes = new int[n][];
        int[] planeWidth = new int[n];
        for (int i = 0; i < n; i++) {
            planeWidth[i] = mcusX * h[i];
            planes[i] = new int[planeWidth[i] * mcusY * v[i]];
        }
        int[] pred = new int[n];
        Bits bits = new Bits(data, pos);
        int untilRestart = restartInterval;
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                if (restartInterval > 0) {
                    if (untilRestart == 0) {
                        bits.restart();
                        java.util.Arrays.fill(pred, 0);
                        untilRestart = restartInterval;
                    }
                    untilRestart--;
                }
                for (int c = 0; c < n; c++) {
                    int q0 = quant[quantIndex[c]][0];
                    for (int by = 0; by < v[c]; by++) {
                        for (int bx = 0; bx < h[c]; bx++) {
                            pred[c] += block(bits, dc[c], ac[c]);
                            // The block's mean sample is DC / 8, level-shifted by 128.
                            int value = Math.floorDiv(pred[c] * q0 + 4, 8) + 128;
                            planes[c][(my * v[c] + by) * planeWidth[c] + mx * h[c] + bx] =
                                    Math.max(0, Math.min(255, value));
                        }
                    }
                }
            }
        }
        int outW = (width + 7) / 8;
        int outH = (height + 7) / 8;
        BufferedImage image = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[outW];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int yy = sample(planes[0], planeWidth[0], x, y, h[0], v[0], hMax, vMax);
                if (n == 1) {
                    row[x] = yy << 16 | yy << 8 | yy;
                    continue;
                }
                int cb = sample(planes[1], planeWidth[1], x, y, h[1], v[1], hMax, vMax) - 128;
                int cr = sample(planes[2], planeWidth[2], x, y, h[2], v[2], hMax, vMax) - 128;
                int r = clamp(yy + ((91881 * cr + 32768) >> 16));
                int g = clamp(yy - ((22554 * cb + 46802 * cr + 32768) >> 16));
                int b = clamp(yy + ((116130 * cb + 32768) >> 16));
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, outW, 1, row, 0, outW);
        }
        return image;
    }

    /** Reads one block: its DC difference, returned, and its AC coefficients, skipped. */
    private static int block(Bits bits, Huffman dc, Huffman ac) {
        int s = dc.decode(bits);
        int diff = s == 0 ? 0 : extend(bits.read(s), s);
        for (int k = 1; k < 64; ) {
            // Most AC codes and their value bits fit in the lookahead: one step skips both.
            int e = ac.skipAc[bits.peek(Huffman.LOOKUP)];
            int rs;
            if (e != 0) {
                bits.skip(e & 31);
                rs = (e >> 8) & 0xff;
                if ((e & Huffman.WITH_VALUE) == 0) {
                    bits.skip(rs & 15);
                }
            } else {
                rs = ac.decode(bits);
                bits.skip(rs & 15);
            }
            if ((rs & 15) == 0) {
                if ((rs >> 4) != 15) {
                    break;
                }
                k += 16;
            } else {
                k += (rs >> 4) + 1;
            }
        }
        return diff;
    }

    /** Component c's block value covering output pixel (x, y) (one pixel per block of the largest sampling). */
    private static int sample(int[] plane, int planeWidth, int x, int y, int hc, int vc, int hMax, int vMax) {
        return plane[(y * vc / vMax) * planeWidth + x * hc / hMax];
    }

    private static int clamp(int value) {
        return value < 0 ? 0 : Math.min(255, value);
    }

    private static int extend(int value, int size) {
        return value < (1 << (size - 1)) ? value - (1 << size) + 1 : value;
    }

    private int u8() {
        return data[pos++] & 0xff;
    }

    private int u16() {
        return u8() << 8 | u8();
    }

    /** The entropy-coded data as bits, with stuffed zero bytes removed and markers stopping the stream. */
    private static final class Bits {
        private final byte[] data;
        private int pos;
        private long buffer;
        private int count;
        private boolean marker;

        Bits(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        private void fill() {
            while (count <= 56) {
                int b = 0;
                if (!marker && pos < data.length) {
                    b = data[pos] & 0xff;
                    if (b == 0xff) {
                        int next = pos + 1 < data.length ? data[pos + 1] & 0xff : 0xd9;
                        if (next == 0) {
                            pos += 2;
                        } else {
                            marker = true; // a restart or the end: zeros from here
                            b = 0;
                        }
                    } else {
                        pos++;
                    }
                } else if (pos >= data.length) {
                    throw new IllegalStateException("cut short");
                }
                buffer |= (long) b << (56 - count);
                count += 8;
            }
        }

        int peek(int n) {
            if (count < n) {
                fill();
            }
            return (int) (buffer >>> (64 - n));
        }

        void skip(int n) {
            if (count < n) {
                fill();
            }
            buffer <<= n;
            count -= n;
        }

        int read(int n) {
            int value = peek(n);
            skip(n);
            return value;
        }

        /** At a restart marker: drop the partial byte, step over RSTn. */
        void restart() {
            buffer = 0;
            count = 0;
            while (pos + 1 < data.length && !((data[pos] & 0xff) == 0xff && (data[pos + 1] & 0xf8) == 0xd0)) {
                pos++;
            }
            pos += 2;
            marker = false;
        }
    }

    /** A Huffman table with a 9-bit lookup for the common short codes. */
    private static final class Huffman {
        static final int LOOKUP = 10;
        static final int WITH_VALUE = 1 << 16;
        private final short[] fast = new short[1 << LOOKUP]; // (length << 8 | symbol), 0 = longer code
        /**
         * For AC tables: what to skip for each lookahead, {@code bits | symbol << 8 | WITH_VALUE} when the
         * coefficient's value bits fit in the lookahead too; 0 for a longer code.
         */
        final int[] skipAc = new int[1 << LOOKUP];
        private final int[] maxCode = new int[18];
        private final int[] valPtr = new int[17];
        private final int[] minCode = new int[17];
        private final int[] symbols;

        Huffman(int[] counts, int[] symbols) {
            this.symbols = symbols;
            int code = 0;
            int k = 0;
            for (int len = 1; len <= 16; len++) {
                valPtr[len] = k;
                minCode[len] = code;
                for (int i = 0; i < counts[len]; i++) {
                    if (len <= LOOKUP) {
                        int shift = LOOKUP - len;
                        int size = symbols[k] & 15;
                        for (int j = 0; j < (1 << shift); j++) {
                            fast[(code << shift) | j] = (short) (len << 8 | symbols[k]);
                            skipAc[(code << shift) | j] = len + size <= LOOKUP
                                    ? (len + size) | symbols[k] << 8 | WITH_VALUE : len | symbols[k] << 8;
                        }
                    }
                    code++;
                    k++;
                }
                maxCode[len] = counts[len] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }

        int decode(Bits bits) {
            int f = fast[bits.peek(LOOKUP)];
            if (f != 0) {
                bits.skip(f >> 8);
                return f & 0xff;
            }
            int code = bits.peek(16);
            for (int len = LOOKUP + 1; len <= 16; len++) {
                int c = code >>> (16 - len);
                if (maxCode[len] >= 0 && c <= maxCode[len] && c >= minCode[len]) {
                    bits.skip(len);
                    return symbols[valPtr[len] + c - minCode[len]];
                }
            }
            throw new IllegalStateException("bad Huffman code");
        }
    }
}
