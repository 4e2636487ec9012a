package dev.photovault.vault.core.thumbnail;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes a small JPEG from a photo's bytes: a large baseline JPEG from its DC coefficients at one eighth of its size
 * ({@link JpegDcDecoder}), anything else with ImageIO (JPEG, PNG, GIF, BMP; WebP through TwelveMonkeys) read
 * subsampled so that a 50-megapixel photo never sits in memory whole, turned upright by its EXIF orientation,
 * scaled so that its longer side is {@code edge} pixels. Formats ImageIO does not read (HEIC, camera RAW) give the
 * largest JPEG embedded in them, which is how cameras and phones keep a preview. Knows nothing of repositories.
 */
public final class ThumbnailRenderer {

    /** Decoded pixels are refused past this (after subsampling), whatever the file claims. */
    private static final long MAX_PIXELS = 64L * 1024 * 1024;
    /**
     * Pictures claiming more pixels than this are not decoded at all: a few kilobytes of PNG or JPEG can claim
     * gigapixels, and even a subsampled read inflates every one. The largest photos taken (medium format, 150 MP;
     * stitched panoramas) stay well under it.
     */
    static final long MAX_SOURCE_PIXELS = 400L * 1000 * 1000;
    /** An embedded preview is looked for among this many JPEG start markers at most. */
    private static final int MAX_EMBEDDED_CANDIDATES = 32;

    private ThumbnailRenderer() {
    }

    /** What a rendering gave: a JPEG of the picture, or nothing when the bytes hold no picture that can be read. */
    public static byte[] render(byte[] content, int edge) {
        return render(content, edge, false);
    }

    /**
     * @param partial {@code content} is only the start of the file (a very large one): only an embedded preview is
     *                looked for, since the picture itself cannot be decoded whole
     */
    public static byte[] render(byte[] content, int edge, boolean partial) {
        BufferedImage image = partial ? null : decode(content, 0, content.length, edge);
        if (image == null) {
            image = embeddedPreview(content, edge);
        }
        if (image == null) {
            return null;
        }
        return jpeg(upright(scale(image, edge), orientation(content)));
    }

    /** A picture of a kind (a film strip for video, a landscape for a photo that cannot be read), as PNG. */
    public static byte[] placeholder(boolean video, int edge) {
        BufferedImage image = new BufferedImage(edge, edge * 3 / 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int w = image.getWidth();
            int h = image.getHeight();
            g.setColor(new Color(0x2b, 0x30, 0x3a));
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(0xd8, 0xdc, 0xe3));
            if (video) {
                double r = h * 0.28;
                g.setStroke(new BasicStroke((float) (edge / 40.0)));
                g.draw(new Ellipse2D.Double(w / 2.0 - r, h / 2.0 - r, 2 * r, 2 * r));
                Path2D play = new Path2D.Double();
                play.moveTo(w / 2.0 - r * 0.35, h / 2.0 - r * 0.5);
                play.lineTo(w / 2.0 + r * 0.55, h / 2.0);
                play.lineTo(w / 2.0 - r * 0.35, h / 2.0 + r * 0.5);
                play.closePath();
                g.fill(play);
                for (int x = w / 16; x < w; x += w / 8) { // perforations of a film strip
                    g.fillRect(x, h / 20, w / 16, h / 14);
                    g.fillRect(x, h - h / 20 - h / 14, w / 16, h / 14);
                }
            } else {
                Path2D hills = new Path2D.Double();
                hills.moveTo(w * 0.15, h * 0.8);
                hills.lineTo(w * 0.4, h * 0.45);
                hills.lineTo(w * 0.55, h * 0.62);
                hills.lineTo(w * 0.68, h * 0.5);
                hills.lineTo(w * 0.85, h * 0.8);
                hills.closePath();
                g.fill(hills);
                double r = h * 0.08;
                g.fill(new Ellipse2D.Double(w * 0.7 - r, h * 0.28 - r, 2 * r, 2 * r));
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The image in {@code content[offset, offset + length)}, subsampled to at least {@code edge}, or null. */
    private static BufferedImage decode(byte[] content, int offset, int length, int edge) {
        if (length > 2 && (content[offset] & 0xff) == 0xff && (content[offset + 1] & 0xff) == 0xd8) {
            BufferedImage eighth = JpegDcDecoder.decode(content, offset, edge);
            if (eighth != null) {
                return eighth;
            }
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content, offset, length))) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_SOURCE_PIXELS) {
                    return null;
                }
                int step = Math.max(1, Math.min(width, height) >= edge ? Math.max(width, height) / (2 * edge) : 1);
                if ((long) (width / step) * (height / step) > MAX_PIXELS) {
                    return null;
                }
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // not an image these readers understand, or damaged: the caller tries the next way
        }
    }

    /** The largest JPEG embedded in {@code content} (HEIC, RAW and many others keep one), or null. */
    private static BufferedImage embeddedPreview(byte[] content, int edge) {
        int bestStart = -1;
        long bestArea = 0;
        int tried = 0;
        for (int i = 0; i + 3 < content.length && tried < MAX_EMBEDDED_CANDIDATES; i++) {
            if ((content[i] & 0xff) != 0xff || (content[i + 1] & 0xff) != 0xd8 || (content[i + 2] & 0xff) != 0xff) {
                continue;
            }
            tried++;
            long area = jpegArea(content, i);
            if (area > bestArea) {
                bestArea = area;
                bestStart = i;
            }
        }
        return bestStart < 0 ? null : decode(content, bestStart, content.length - bestStart, edge);
    }

    /** Width × height from the frame header of the JPEG starting at {@code start}, or 0. */
    private static long jpegArea(byte[] content, int start) {
        try (ImageInputStream in = ImageIO.createImageInputStream(
                new ByteArrayInputStream(content, start, content.length - start))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** EXIF orientation (1–8), 1 when absent or unreadable. */
    private static int orientation(byte[] content) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(content), content.length);
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception e) {
            // no metadata this reader understands: as stored
        }
        return 1;
    }

    /**
     * The image as a viewer shows it for EXIF orientation {@code o} (done after scaling, so a plain loop over a
     * thumbnail's pixels).
     */
    static BufferedImage upright(BufferedImage image, int o) {
        if (o < 2 || o > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = o >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (o) {
                    case 2 -> { tx = w - 1 - x; ty = y; }
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 4 -> { tx = x; ty = h - 1 - y; }
                    case 5 -> { tx = y; ty = x; }
                    case 6 -> { tx = h - 1 - y; ty = x; }
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }
                    default -> { tx = y; ty = w - 1 - x; }
                }
                dst[ty * ow + tx] = src[y * w + x];
            }
        }
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, ow, oh, dst, 0, ow);
        return out;
    }

    /** Scaled so that the longer side is at most {@code edge}, on white (for transparent PNGs and GIFs). */
    private static BufferedImage scale(BufferedImage image, int edge) {
        double factor = Math.min(1.0, (double) edge / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.82f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
