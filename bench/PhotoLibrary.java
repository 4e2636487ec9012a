import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes N real JPEG photos of W × H pixels (default 100 of 4000 × 3000, a 12-megapixel phone's size) into a
 * folder, in ALBUMS sub-folders: gradients, shapes and sensor-like noise at quality 0.9, so that each file decodes
 * like a photo and is about as large (3–5 MB). For bench/ui-thumbnails.sh.
 * Usage: java bench/PhotoLibrary.java DIR [N] [W] [H] [ALBUMS]
 */
public class PhotoLibrary {
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int w = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        int h = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        int albums = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        for (int i = 0; i < n; i++) {
            Random r = new Random(i);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(r.nextInt(0xffffff)), w, h, new Color(r.nextInt(0xffffff))));
            g.fillRect(0, 0, w, h);
            for (int k = 0; k < 40; k++) {
                g.setColor(new Color(r.nextInt(0xffffff)));
                g.fillOval(r.nextInt(w), r.nextInt(h), 50 + r.nextInt(w / 3), 50 + r.nextInt(h / 3));
            }
            g.dispose();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int noise = r.nextInt(25) - 12;
                    int p = row[x];
                    int red = clamp(((p >> 16) & 0xff) + noise);
                    int green = clamp(((p >> 8) & 0xff) + noise);
                    int blue = clamp((p & 0xff) + noise);
                    row[x] = (red << 16) | (green << 8) | blue;
                }
                img.setRGB(0, y, w, 1, row, 0, w);
            }
            File album = new File(dir, "Album " + (i % albums + 1));
            album.mkdirs();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(new File(album, String.format("IMG_%04d.jpg", i)))) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(img, null, null), param);
            }
        }
        writer.dispose();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
