package dev.photovault.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Just enough EXIF for the emulator: write camera, date and GPS into a JPEG (for the seeded library), read the
 * GPS position back, and remove it as Google's {@code =d} downloads do. Removal keeps every offset valid: the GPS
 * directory is emptied and its values zeroed in place, so the file keeps its length and other tags.
 */
final class JpegExif {

    private static final int TAG_MAKE = 0x010F;
    private static final int TAG_MODEL = 0x0110;
    private static final int TAG_DATETIME = 0x0132;
    private static final int TAG_EXIF_IFD = 0x8769;
    private static final int TAG_GPS_IFD = 0x8825;
    private static final int TAG_DATETIME_ORIGINAL = 0x9003;
    private static final int ASCII = 2;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;
    private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

    /** A position in degrees. */
    record Gps(double latitude, double longitude) {
    }

    private JpegExif() {
    }

    /** Inserts an EXIF APP1 segment right after the SOI marker of {@code jpeg}. */
    static byte[] withExif(byte[] jpeg, String make, String model, String dateTime, Gps gps) {
        byte[] tiff = tiff(make, model, dateTime, gps);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + tiff.length + 16);
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + tiff.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] tiff(String make, String model, String dateTime, Gps gps) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.BIG_ENDIAN);
        b.put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(8);
        // IFD0: 5 entries at 8; its values follow it.
        int ifd0 = 8;
        int ifd0Size = 2 + 5 * 12 + 4;
        int data = ifd0 + ifd0Size;
        byte[] makeBytes = z(make);
        byte[] modelBytes = z(model);
        byte[] dateBytes = z(dateTime);
        int makeAt = data;
        int modelAt = makeAt + makeBytes.length;
        int dateAt = modelAt + modelBytes.length;
        int exifIfd = dateAt + dateBytes.length;
        int exifIfdSize = 2 + 12 + 4;
        int originalAt = exifIfd + exifIfdSize;
        int gpsIfd = originalAt + dateBytes.length;
        int gpsIfdSize = 2 + 4 * 12 + 4;
        int latAt = gpsIfd + gpsIfdSize;
        int lonAt = latAt + 24;

        b.position(ifd0);
        b.putShort((short) 5);
        entry(b, TAG_MAKE, ASCII, makeBytes.length, makeAt);
        entry(b, TAG_MODEL, ASCII, modelBytes.length, modelAt);
        entry(b, TAG_DATETIME, ASCII, dateBytes.length, dateAt);
        entry(b, TAG_EXIF_IFD, LONG, 1, exifIfd);
        entry(b, TAG_GPS_IFD, LONG, 1, gpsIfd);
        b.putInt(0);
        b.put(makeBytes).put(modelBytes).put(dateBytes);
        b.putShort((short) 1);
        entry(b, TAG_DATETIME_ORIGINAL, ASCII, dateBytes.length, originalAt);
        b.putInt(0);
        b.put(dateBytes);
        b.putShort((short) 4);
        b.putShort((short) 1).putShort((short) ASCII).putInt(2).put((byte) (gps.latitude() >= 0 ? 'N' : 'S')).put((byte) 0).putShort((short) 0);
        entry(b, 2, RATIONAL, 3, latAt);
        b.putShort((short) 3).putShort((short) ASCII).putInt(2).put((byte) (gps.longitude() >= 0 ? 'E' : 'W')).put((byte) 0).putShort((short) 0);
        entry(b, 4, RATIONAL, 3, lonAt);
        b.putInt(0);
        dms(b, Math.abs(gps.latitude()));
        dms(b, Math.abs(gps.longitude()));
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int valueOrOffset) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(valueOrOffset);
    }

    private static void dms(ByteBuffer b, double degrees) {
        int d = (int) degrees;
        double minutes = (degrees - d) * 60;
        int m = (int) minutes;
        long s = Math.round((minutes - m) * 60 * 10000);
        b.putInt(d).putInt(1).putInt(m).putInt(1).putInt((int) s).putInt(10000);
    }

    private static byte[] z(String s) {
        return (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The GPS position in a JPEG's EXIF, if it has one. */
    static Optional<Gps> readGps(byte[] jpeg) {
        Tiff tiff = Tiff.find(jpeg);
        if (tiff == null) {
            return Optional.empty();
        }
        int gpsIfd = tiff.pointer(tiff.firstIfd(), TAG_GPS_IFD);
        if (gpsIfd <= 0) {
            return Optional.empty();
        }
        Double lat = tiff.degrees(gpsIfd, 2);
        Double lon = tiff.degrees(gpsIfd, 4);
        if (lat == null || lon == null) {
            return Optional.empty();
        }
        String latRef = tiff.ascii(gpsIfd, 1);
        String lonRef = tiff.ascii(gpsIfd, 3);
        return Optional.of(new Gps("S".equals(latRef) ? -lat : lat, "W".equals(lonRef) ? -lon : lon));
    }

    /** A copy of {@code jpeg} without GPS information (the same bytes if it has none). */
    static byte[] withoutGps(byte[] jpeg) {
        byte[] copy = jpeg.clone();
        Tiff tiff = Tiff.find(copy);
        if (tiff == null) {
            return copy;
        }
        int gpsIfd = tiff.pointer(tiff.firstIfd(), TAG_GPS_IFD);
        if (gpsIfd > 0) {
            tiff.emptyIfd(gpsIfd);
        }
        return copy;
    }

    /** A TIFF structure inside a JPEG's APP1 segment, read and patched in place. */
    private static final class Tiff {
        private final ByteBuffer buf;
        private final int base;
        private final int limit;

        private Tiff(ByteBuffer buf, int base, int limit) {
            this.buf = buf;
            this.base = base;
            this.limit = limit;
        }

        static Tiff find(byte[] jpeg) {
            int pos = 2;
            while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
                int marker = jpeg[pos + 1] & 0xFF;
                if (marker == 0xDA || marker == 0xD9) {
                    return null;
                }
                int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
                if (marker == 0xE1 && length >= 14 && pos + 4 + 6 <= jpeg.length
                        && new String(jpeg, pos + 4, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                    int base = pos + 10;
                    ByteOrder order = jpeg[base] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                    return new Tiff(ByteBuffer.wrap(jpeg).order(order), base, Math.min(jpeg.length, pos + 2 + length));
                }
                pos += 2 + length;
            }
            return null;
        }

        int firstIfd() {
            return buf.getInt(base + 4);
        }

        private int entries(int ifd) {
            int at = base + ifd;
            return at + 2 <= limit ? buf.getShort(at) & 0xFFFF : 0;
        }

        private int entryAt(int ifd, int tag) {
            int n = entries(ifd);
            for (int i = 0; i < n; i++) {
                int at = base + ifd + 2 + 12 * i;
                if (at + 12 > limit) {
                    return -1;
                }
                if ((buf.getShort(at) & 0xFFFF) == tag) {
                    return at;
                }
            }
            return -1;
        }

        int pointer(int ifd, int tag) {
            int at = entryAt(ifd, tag);
            return at < 0 ? -1 : buf.getInt(at + 8);
        }

        String ascii(int ifd, int tag) {
            int at = entryAt(ifd, tag);
            return at < 0 ? null : String.valueOf((char) buf.get(at + 8));
        }

        Double degrees(int ifd, int tag) {
            int at = entryAt(ifd, tag);
            if (at < 0 || (buf.getShort(at + 2) & 0xFFFF) != RATIONAL || buf.getInt(at + 4) != 3) {
                return null;
            }
            int v = base + buf.getInt(at + 8);
            if (v + 24 > limit) {
                return null;
            }
            double[] parts = new double[3];
            for (int i = 0; i < 3; i++) {
                long num = buf.getInt(v + 8 * i) & 0xFFFFFFFFL;
                long den = buf.getInt(v + 8 * i + 4) & 0xFFFFFFFFL;
                parts[i] = den == 0 ? 0 : (double) num / den;
            }
            return parts[0] + parts[1] / 60 + parts[2] / 3600;
        }

        void emptyIfd(int ifd) {
            int n = entries(ifd);
            for (int i = 0; i < n; i++) {
                int at = base + ifd + 2 + 12 * i;
                if (at + 12 > limit) {
                    break;
                }
                int type = buf.getShort(at + 2) & 0xFFFF;
                long count = buf.getInt(at + 4) & 0xFFFFFFFFL;
                long size = type < TYPE_SIZES.length ? TYPE_SIZES[type] * count : 0;
                if (size > 4) {
                    int v = base + buf.getInt(at + 8);
                    for (long j = 0; j < size && v + j < limit; j++) {
                        buf.put((int) (v + j), (byte) 0);
                    }
                }
                for (int j = 0; j < 12; j++) {
                    buf.put(at + j, (byte) 0);
                }
            }
            buf.putShort(base + ifd, (short) 0);
        }
    }
}
