package dev.photovault.vault.core.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Thumbnails from real image bytes: scaled, upright, WebP, embedded previews, and nothing from garbage. */
class ThumbnailRendererTest {

    @Test
    void aJpegIsScaledSoItsLongerSideIsTheEdge() throws Exception {
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(resource("/testdata/SekienAkashita.jpg")));
        BufferedImage thumb = decode(ThumbnailRenderer.render(resource("/testdata/SekienAkashita.jpg"), 320));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(
                Math.min(320, Math.max(original.getWidth(), original.getHeight())));
        assertThat((double) thumb.getWidth() / thumb.getHeight())
                .isCloseTo((double) original.getWidth() / original.getHeight(), org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void exifOrientationSixIsTurnedUpright() throws Exception {
        // Stored 120 × 80, red left and blue right; orientation 6 means "rotate 90° clockwise to view".
        byte[] jpeg = withOrientation(jpeg(halves(1200, 800)), 6);
        BufferedImage thumb = decode(ThumbnailRenderer.render(jpeg, 320));
        assertThat(thumb.getWidth()).isLessThan(thumb.getHeight());
        assertThat(thumb.getHeight()).isEqualTo(320);
        assertThat(isRed(thumb.getRGB(thumb.getWidth() / 2, 10))).as("left edge turned to the top").isTrue();
        assertThat(isBlue(thumb.getRGB(thumb.getWidth() / 2, thumb.getHeight() - 10))).isTrue();
    }

    @Test
    void everyOrientationMapsTheCornersAsExifSays() {
        BufferedImage src = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        src.setRGB(0, 0, 0xff0000); // top-left red, everything else black
        // Where the stored top-left pixel is seen, for orientations 1..8.
        int[][] seenAt = {{0, 0}, {2, 0}, {2, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 2}, {0, 2}};
        for (int o = 1; o <= 8; o++) {
            BufferedImage out = ThumbnailRenderer.upright(src, o);
            assertThat(out.getWidth()).as("orientation " + o).isEqualTo(o >= 5 ? 2 : 3);
            int[] at = seenAt[o - 1];
            assertThat(out.getRGB(at[0], at[1]) & 0xffffff).as("orientation " + o).isEqualTo(0xff0000);
        }
    }

    @Test
    void webpIsRead() throws Exception {
        BufferedImage thumb = decode(ThumbnailRenderer.render(resource("/testdata/halves.webp"), 320));
        assertThat(thumb.getWidth()).isEqualTo(120); // never scaled up
        assertThat(isRed(thumb.getRGB(10, 40))).isTrue();
        assertThat(isBlue(thumb.getRGB(110, 40))).isTrue();
    }

    @Test
    void aGifIsRead() throws Exception {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(halves(640, 480), "gif", gif);
        BufferedImage thumb = decode(ThumbnailRenderer.render(gif.toByteArray(), 320));
        assertThat(thumb.getWidth()).isEqualTo(320);
        assertThat(thumb.getHeight()).isEqualTo(240);
        assertThat(isRed(thumb.getRGB(20, 120))).isTrue();
        assertThat(isBlue(thumb.getRGB(300, 120))).isTrue();
    }

    @Test
    void aTransparentPngLandsOnWhite() throws Exception {
        BufferedImage png = new BufferedImage(400, 200, BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(png, "png", out);
        BufferedImage thumb = decode(ThumbnailRenderer.render(out.toByteArray(), 320));
        assertThat(thumb.getWidth()).isEqualTo(320);
        assertThat(thumb.getRGB(5, 5) & 0xffffff).isGreaterThan(0xf0f0f0);
    }

    @Test
    void aFormatImageIoCannotReadGivesItsLargestEmbeddedJpeg() throws Exception {
        // As HEIC and camera RAW files do: a container with a small and a large JPEG preview inside.
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'});
        file.write(new byte[4000]);
        file.write(jpeg(halves(60, 40)));
        file.write(new byte[1000]);
        file.write(jpeg(halves(900, 300)));
        file.write(new byte[5000]);
        BufferedImage thumb = decode(ThumbnailRenderer.render(file.toByteArray(), 320));
        assertThat(thumb.getWidth()).isEqualTo(320);
        assertThat(thumb.getHeight()).isBetween(105, 108);
        // Only the start of a huge file is read: then only the embedded preview counts.
        assertThat(decode(ThumbnailRenderer.render(file.toByteArray(), 320, true)).getWidth()).isEqualTo(320);
    }

    @Test
    void bytesWithoutAPictureGiveNothingAndThePlaceholdersArePngs() throws Exception {
        assertThat(ThumbnailRenderer.render("not a photo at all".getBytes(), 320)).isNull();
        assertThat(ThumbnailRenderer.render(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1}, 320)).isNull();
        byte[] truncated = java.util.Arrays.copyOf(resource("/testdata/SekienAkashita.jpg"), 600);
        byte[] partial = ThumbnailRenderer.render(truncated, 320);
        if (partial != null) {
            assertThat(decode(partial)).isNotNull();
        }
        for (boolean video : new boolean[] {true, false}) {
            BufferedImage placeholder = decode(ThumbnailRenderer.placeholder(video, 320));
            assertThat(placeholder.getWidth()).isEqualTo(320);
        }
    }

    static BufferedImage halves(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return img;
    }

    static byte[] jpeg(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /** The JPEG with an EXIF APP1 segment holding only an orientation tag, right after its start marker. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0};
        byte[] exif = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exif.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(exif);
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xff) > 200 && (rgb & 0xff) < 60;
    }

    static boolean isBlue(int rgb) {
        return (rgb & 0xff) > 200 && ((rgb >> 16) & 0xff) < 60;
    }

    static BufferedImage decode(byte[] bytes) throws IOException {
        assertThat(bytes).isNotNull();
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ThumbnailRendererTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
