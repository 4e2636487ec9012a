package dev.photovault.vault.core.restorer;

import dev.photovault.vault.core.snapshot.MediaInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.common.RationalNumber;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Writes a snapshot's taken time and place into a copy of a JPEG, for services that read them only from the file
 * (Google Photos takes an uploaded item's date and location from its EXIF). Lossless: only the EXIF segment is
 * rewritten, every other tag (camera, orientation) is kept, the image data is untouched. The snapshot keeps the
 * original bytes; this is for the uploaded copy.
 */
public final class ExifEmbedder {

    /** JPEGs larger than this are uploaded as they are (the rewrite holds the file in memory). */
    public static final int MAX_BYTES = 64 << 20;

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ExifEmbedder() {
    }

    /** Whether {@code bytes} start like a JPEG. */
    public static boolean isJpeg(byte[] bytes) {
        return bytes.length > 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && (bytes[2] & 0xff) == 0xFF;
    }

    /**
     * Whether the entry's metadata came from outside the file, so that a copy without it would lose it: a taken
     * time not read from the file's own EXIF, or a place.
     */
    public static boolean worthEmbedding(MediaInfo m) {
        return m != null && (m.taken() != null && !"exif".equals(m.takenSource())
                || m.latitude() != null && m.longitude() != null);
    }

    /**
     * The JPEG with EXIF DateTimeOriginal set to the taken time (when it did not come from the file's EXIF) and
     * GPS set from the snapshot's place (when the file has none). Returns {@code jpeg} itself when there is
     * nothing to write or it is not a JPEG this can rewrite.
     */
    public static byte[] embed(byte[] jpeg, MediaInfo m) throws IOException {
        if (!isJpeg(jpeg) || jpeg.length > MAX_BYTES || !worthEmbedding(m)) {
            return jpeg;
        }
        try {
            TiffOutputSet out = null;
            boolean hasGps = false;
            boolean hasDate = false;
            ImageMetadata metadata = Imaging.getMetadata(jpeg);
            if (metadata instanceof JpegImageMetadata j && j.getExif() != null) {
                TiffImageMetadata exif = j.getExif();
                out = exif.getOutputSet();
                hasGps = exif.getGpsInfo() != null;
                hasDate = exif.findField(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL) != null;
            }
            if (out == null) {
                out = new TiffOutputSet();
            }
            boolean changed = false;
            if (m.taken() != null && (!"exif".equals(m.takenSource()) || !hasDate)) {
                TiffOutputDirectory exif = out.getOrCreateExifDirectory();
                exif.removeField(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL);
                exif.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_TIME.format(m.taken()));
                changed = true;
            }
            if (m.latitude() != null && m.longitude() != null && !hasGps) {
                out.setGpsInDegrees(m.longitude(), m.latitude());
                if (m.altitude() != null) {
                    TiffOutputDirectory gps = out.getOrCreateGpsDirectory();
                    gps.removeField(GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF);
                    gps.removeField(GpsTagConstants.GPS_TAG_GPS_ALTITUDE);
                    gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF, (byte) (m.altitude() < 0
                            ? GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF_VALUE_BELOW_SEA_LEVEL
                            : GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF_VALUE_ABOVE_SEA_LEVEL));
                    gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE, RationalNumber.valueOf(Math.abs(m.altitude())));
                }
                changed = true;
            }
            if (!changed) {
                return jpeg;
            }
            ByteArrayOutputStream result = new ByteArrayOutputStream(jpeg.length + 4096);
            // The rewriter needs a segment before the image data; a JPEG that goes from SOI straight to its scan
            // (valid, if rare) gets an empty JFIF APP0 segment first.
            byte[] source = startsWithScan(jpeg) ? withApp0(jpeg) : jpeg;
            new ExifRewriter().updateExifMetadataLossless(source, result, out);
            return result.toByteArray();
        } catch (ImagingException | RuntimeException e) {
            // A JPEG the library cannot parse: upload it as it is (the caller reports it).
            throw new IOException("its EXIF could not be rewritten (" + e.getMessage() + ")", e);
        }
    }

    private static boolean startsWithScan(byte[] jpeg) {
        return jpeg.length > 4 && (jpeg[2] & 0xff) == 0xFF && (jpeg[3] & 0xff) == 0xDA;
    }

    private static byte[] withApp0(byte[] jpeg) {
        byte[] app0 = {(byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
        byte[] out = new byte[jpeg.length + app0.length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        System.arraycopy(app0, 0, out, 2, app0.length);
        System.arraycopy(jpeg, 2, out, 2 + app0.length, jpeg.length - 2);
        return out;
    }
}
