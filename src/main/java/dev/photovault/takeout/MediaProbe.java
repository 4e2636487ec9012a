package dev.photovault.takeout;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * What the first bytes of a file say: its type by magic number (never by extension: a {@code .HEIC} may be a
 * JPEG), whether it is a Mac's AppleDouble companion rather than media, and the EXIF taken time and camera.
 *
 * @param mimeType    the type, or null if the bytes are of no known media type
 * @param appleDouble a {@code ._x.jpg} resource-fork file
 * @param exifTaken   EXIF DateTimeOriginal (read as UTC unless the file says its offset), or null
 * @param cameraMake  EXIF Make
 * @param cameraModel EXIF Model
 */
record MediaProbe(String mimeType, boolean appleDouble, Instant exifTaken, String cameraMake, String cameraModel) {

    /** Bytes kept from the start of each file for the probe: EXIF sits in a JPEG's first 64 KiB. */
    static final int HEAD = 128 << 10;

    static final MediaProbe UNKNOWN = new MediaProbe(null, false, null, null, null);

    private static final Map<String, String> RAW_BY_EXTENSION = Map.of(".dng", "image/x-adobe-dng",
            ".cr2", "image/x-canon-cr2", ".nef", "image/x-nikon-nef", ".arw", "image/x-sony-arw",
            ".orf", "image/x-olympus-orf", ".rw2", "image/x-panasonic-rw2");

    /** Keeps the first {@link #HEAD} bytes of what is read through it. */
    static final class Head extends TapInputStream {
        private final byte[] head = new byte[HEAD];
        private int length;

        Head(InputStream in) {
            super(in);
        }

        @Override
        protected void tap(byte[] b, int off, int n) {
            if (length < HEAD) {
                int keep = Math.min(n, HEAD - length);
                System.arraycopy(b, off, head, length, keep);
                length += keep;
            }
        }

        MediaProbe probe(String fileName) {
            return MediaProbe.of(head, length, fileName);
        }
    }

    static MediaProbe of(byte[] b, int n, String fileName) {
        if (n >= 4 && b[0] == 0 && b[1] == 5 && b[2] == 0x16 && b[3] == 7) {
            return new MediaProbe(null, true, null, null, null);
        }
        String type = type(b, n, fileName);
        if (type == null || !(type.startsWith("image/"))) {
            return new MediaProbe(type, false, null, null, null);
        }
        try {
            Metadata md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(b, 0, n), n);
            ExifSubIFDDirectory sub = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
            Date taken = sub == null ? null : sub.getDateOriginal(TimeZone.getTimeZone("UTC"));
            ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
            return new MediaProbe(type, false, taken == null ? null : taken.toInstant(),
                    ifd0 == null ? null : trim(ifd0.getString(ExifIFD0Directory.TAG_MAKE)),
                    ifd0 == null ? null : trim(ifd0.getString(ExifIFD0Directory.TAG_MODEL)));
        } catch (Exception | StackOverflowError e) {
            // A damaged or cut-off header: the type stands, the date comes from elsewhere.
            return new MediaProbe(type, false, null, null, null);
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The media type the bytes show, or null. */
    static String type(byte[] b, int n, String fileName) {
        String ext = TakeoutNames.extension(fileName).toLowerCase(Locale.ROOT);
        if (n >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (n >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (n >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "image/gif";
        }
        if (n >= 12 && ascii(b, 0, 4).equals("RIFF")) {
            String form = ascii(b, 8, 4);
            return form.equals("WEBP") ? "image/webp" : form.equals("AVI ") ? "video/x-msvideo" : null;
        }
        if (n >= 4 && (b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0 || b[0] == 'M' && b[1] == 'M' && b[2] == 0
                && b[3] == 42)) {
            return RAW_BY_EXTENSION.getOrDefault(ext, "image/tiff");
        }
        if (n >= 2 && b[0] == 'B' && b[1] == 'M' && ext.equals(".bmp")) {
            return "image/bmp";
        }
        if (n >= 12 && ascii(b, 4, 4).equals("ftyp")) {
            String brand = ascii(b, 8, 4).toLowerCase(Locale.ROOT);
            return switch (brand) {
                case "heic", "heix", "hevc", "hevx", "heim", "heis" -> "image/heic";
                case "mif1", "msf1" -> "image/heif";
                case "avif", "avis" -> "image/avif";
                case "qt  " -> "video/quicktime";
                case "3gp4", "3gp5", "3gp6", "3g2a" -> "video/3gpp";
                case "crx " -> "image/x-canon-cr3";
                default -> "video/mp4";
            };
        }
        if (n >= 8) {
            String atom = ascii(b, 4, 4);
            if (atom.equals("moov") || atom.equals("mdat") || atom.equals("wide") || atom.equals("free")) {
                return "video/quicktime";
            }
        }
        if (n >= 4 && (b[0] & 0xff) == 0x1A && (b[1] & 0xff) == 0x45 && (b[2] & 0xff) == 0xDF
                && (b[3] & 0xff) == 0xA3) {
            return ext.equals(".webm") ? "video/webm" : "video/x-matroska";
        }
        if (n > 188 && b[0] == 0x47 && b[188] == 0x47) {
            return "video/mp2t";
        }
        return null;
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
