package dev.photovault.vault.core.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/** The eighth-size decoder agrees with a full decode averaged over 8 × 8 blocks, and declines what it cannot read. */
class JpegDcDecoderTest {

    @Test
    void aColourPhotoMatchesTheFullDecodeAveragedPerBlock() throws Exception {
        byte[] jpeg = write(picture(1203, 805, BufferedImage.TYPE_INT_RGB), false, 0);
        assertMatchesFullDecode(jpeg);
    }

    @Test
    void aGreyPhotoAndOneWithRestartMarkersToo() throws Exception {
        assertMatchesFullDecode(write(picture(640, 480, BufferedImage.TYPE_BYTE_GRAY), false, 0));
        assertMatchesFullDecode(write(picture(800, 600, BufferedImage.TYPE_INT_RGB), false, 7));
    }

    @Test
    void theFixturePhotoMatches() throws Exception {
        assertMatchesFullDecode(ThumbnailRendererTest.resource("/testdata/SekienAkashita.jpg"));
    }

    @Test
    void progressiveSmallOrDamagedFilesAreLeftToTheFullDecoder() throws Exception {
        assertThat(JpegDcDecoder.decode(write(picture(800, 600, BufferedImage.TYPE_INT_RGB), true, 0), 0, 1))
                .isNull();
        byte[] small = write(picture(800, 600, BufferedImage.TYPE_INT_RGB), false, 0);
        assertThat(JpegDcDecoder.decode(small, 0, 320)).as("an eighth of 800 is below 320").isNull();
        assertThat(JpegDcDecoder.decode(small, 0, 100)).isNotNull();
        byte[] cut = java.util.Arrays.copyOf(small, small.length / 2);
        assertThat(JpegDcDecoder.decode(cut, 0, 1)).isNull();
        byte[] garbage = small.clone();
        new Random(3).nextBytes(java.nio.ByteBuffer.wrap(garbage, 700, 4000).array());
        JpegDcDecoder.decode(garbage, 0, 1); // no exception, whatever it makes of it
        assertThat(JpegDcDecoder.decode(new byte[] {(byte) 0xff, (byte) 0xd8}, 0, 1)).isNull();
    }

    private static void assertMatchesFullDecode(byte[] jpeg) throws IOException {
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(jpeg));
        BufferedImage eighth = JpegDcDecoder.decode(jpeg, 0, 1);
        assertThat(eighth).isNotNull();
        assertThat(eighth.getWidth()).isEqualTo((full.getWidth() + 7) / 8);
        assertThat(eighth.getHeight()).isEqualTo((full.getHeight() + 7) / 8);
        long diff = 0;
        long n = 0;
        for (int by = 0; by < full.getHeight() / 8; by++) {
            for (int bx = 0; bx < full.getWidth() / 8; bx++) {
                int[] mean = new int[3];
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        // A grey JPEG's samples as they are: getRGB would convert them from linear grey.
                        int p = full.getRaster().getNumBands() == 1
                                ? full.getRaster().getSample(bx * 8 + x, by * 8 + y, 0) * 0x010101
                                : full.getRGB(bx * 8 + x, by * 8 + y);
                        mean[0] += (p >> 16) & 0xff;
                        mean[1] += (p >> 8) & 0xff;
                        mean[2] += p & 0xff;
                    }
                }
                int q = eighth.getRGB(bx, by);
                diff += Math.abs(mean[0] / 64 - ((q >> 16) & 0xff)) + Math.abs(mean[1] / 64 - ((q >> 8) & 0xff))
                        + Math.abs(mean[2] / 64 - (q & 0xff));
                n += 3;
            }
        }
        assertThat((double) diff / n).as("mean difference per channel").isLessThan(6.0);
    }

    static BufferedImage picture(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        Random r = new Random(w * 31L + h);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(r.nextInt(w), r.nextInt(h), 20 + r.nextInt(w / 2), 20 + r.nextInt(h / 2));
        }
        g.dispose();
        return img;
    }

    /** A JPEG of {@code img}, progressive or with a restart every {@code restart} MCUs when asked. */
    static byte[] write(BufferedImage img, boolean progressive, int restart) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        if (restart > 0) {
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(restart));
            sequence.insertBefore(dri, sequence.getFirstChild());
            metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, metadata), param);
        }
        writer.dispose();
        if (restart > 0) {
            assertThat(ThumbnailRendererTest.class.getName()).isNotEmpty();
            boolean hasDri = false;
            byte[] b = bytes.toByteArray();
            for (int i = 0; i + 1 < b.length; i++) {
                if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xdd) {
                    hasDri = true;
                    break;
                }
            }
            assertThat(hasDri).as("the writer put a DRI marker").isTrue();
        }
        return bytes.toByteArray();
    }
}
