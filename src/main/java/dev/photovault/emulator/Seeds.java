package dev.photovault.emulator;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Makes media items: from uploads (batchCreate), and generated ones for a seeded library — real JPEGs with EXIF
 * camera, date and GPS of varied sizes, and a few MP4 containers (valid ISO-BMFF boxes around random payload;
 * not playable, but typed and sized like videos).
 */
final class Seeds {

    private static final String[][] CAMERAS = {{"Google", "Pixel 8"}, {"Apple", "iPhone 15 Pro"},
        {"SONY", "ILCE-7M4"}, {"Canon", "Canon EOS R6"}, {"samsung", "SM-S918B"}};
    private static final String[] CATEGORIES = {"LANDSCAPES", "PETS", "PEOPLE", "FOOD", "CITYSCAPES", "TRAVEL"};
    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Seeds() {
    }

    static EmulatorState.MediaItem itemFromUpload(EmulatorState.Upload upload, MediaKind kind, String fileName,
            String description, String owner, Instant now, MediaFiles files) {
        EmulatorState.MediaItem item = new EmulatorState.MediaItem();
        item.id = Ids.longId("A");
        item.owner = owner;
        item.filename = fileName != null ? fileName : upload.filename != null ? upload.filename : "upload";
        item.mimeType = kind.mimeType;
        item.video = kind.video;
        item.description = description;
        // Google takes an uploaded photo's date from its EXIF DateTimeOriginal (read as UTC here), else the upload.
        item.creationTime = kind == MediaKind.JPEG ? exifTaken(files, upload.contentKey, now) : now;
        item.contentKey = upload.contentKey;
        item.size = upload.size;
        item.sha256 = sha256(files, upload.contentKey);
        if (kind == MediaKind.JPEG || kind == MediaKind.PNG || kind == MediaKind.GIF || kind == MediaKind.BMP) {
            try (InputStream in = files.open(upload.contentKey)) {
                BufferedImage image = ImageIO.read(in);
                if (image != null) {
                    item.width = image.getWidth();
                    item.height = image.getHeight();
                }
            } catch (IOException e) {
                // dimensions stay 0, as for formats we cannot decode
            }
        }
        return item;
    }

    private static Instant exifTaken(MediaFiles files, String key, Instant fallback) {
        try (InputStream in = files.open(key)) {
            var md = com.drew.imaging.ImageMetadataReader.readMetadata(in);
            var sub = md.getFirstDirectoryOfType(com.drew.metadata.exif.ExifSubIFDDirectory.class);
            java.util.Date d = sub == null ? null : sub.getDateOriginal(java.util.TimeZone.getTimeZone("UTC"));
            return d == null ? fallback : d.toInstant();
        } catch (Exception e) {
            return fallback;
        }
    }

    static String sha256(MediaFiles files, String key) {
        try (InputStream in = new DigestInputStream(files.open(key), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds {@code count} generated items in {@code albumCount} albums, owned by {@code owner} (null: the user's own
     * library, which only Picker sessions can see). Caller holds the state lock.
     */
    static List<EmulatorState.MediaItem> seed(EmulatorState state, int count, int albumCount, String owner, long seed,
            Instant now, boolean tiny) throws IOException {
        Random random = new Random(seed);
        String sharedKey = null;
        byte[] shared = null;
        if (tiny) {
            shared = JpegExif.withExif(jpeg(random, 64, 48), "Google", "Pixel 8", EXIF_TIME.format(now),
                    new JpegExif.Gps(46.2044, 6.1432));
            sharedKey = state.mediaFiles.create();
            state.mediaFiles.put(sharedKey, shared);
        }
        String sharedSha = shared == null ? null : HexFormat.of().formatHex(digest(shared));
        java.util.ArrayList<EmulatorState.Album> albums = new java.util.ArrayList<>();
        for (int a = 0; a < albumCount; a++) {
            EmulatorState.Album album = new EmulatorState.Album();
            album.id = Ids.longId("A");
            album.title = List.of("Summer", "Family", "Hiking", "Birthdays", "City trips", "Pets", "Garden")
                    .get(a % 7) + " " + (2019 + a % 7);
            album.owner = owner;
            album.created = now;
            state.albums.put(album.id, album);
            albums.add(album);
        }
        java.util.ArrayList<EmulatorState.MediaItem> made = new java.util.ArrayList<>();
        for (int n = 0; n < count; n++) {
            boolean video = !tiny && count >= 10 && n % 10 == 9;
            Instant taken = now.minus(Duration.ofMinutes(random.nextInt(6 * 365 * 24 * 60)));
            String[] camera = CAMERAS[random.nextInt(CAMERAS.length)];
            EmulatorState.MediaItem item = new EmulatorState.MediaItem();
            item.id = Ids.longId("A");
            item.owner = owner;
            item.creationTime = taken;
            item.cameraMake = camera[0];
            item.cameraModel = camera[1];
            item.favorite = random.nextInt(8) == 0;
            item.categories.add(CATEGORIES[random.nextInt(CATEGORIES.length)]);
            byte[] bytes;
            if (tiny) {
                item.mimeType = "image/jpeg";
                item.filename = "IMG_" + n + ".jpg";
                item.width = 64;
                item.height = 48;
                item.contentKey = sharedKey;
                item.size = shared.length;
                item.sha256 = sharedSha;
                state.items.put(item.id, item);
                made.add(item);
                if (!albums.isEmpty()) {
                    albums.get(n % albums.size()).items.add(item.id);
                }
                continue;
            } else if (video) {
                item.video = true;
                item.mimeType = "video/mp4";
                item.filename = String.format("VID_%s.mp4", EXIF_TIME.format(taken).replace(":", "").replace(" ", "_"));
                item.width = 1920;
                item.height = 1080;
                bytes = mp4(random, 200_000 + random.nextInt(800_000));
            } else {
                int width = 320 + 32 * random.nextInt(40);
                int height = width * 3 / 4;
                item.mimeType = "image/jpeg";
                item.filename = String.format("IMG_%s.jpg", EXIF_TIME.format(taken).replace(":", "").replace(" ", "_"));
                item.width = width;
                item.height = height;
                bytes = JpegExif.withExif(jpeg(random, width, height), camera[0], camera[1], EXIF_TIME.format(taken),
                        new JpegExif.Gps(-60 + 120 * random.nextDouble(), -180 + 360 * random.nextDouble()));
            }
            String key = state.mediaFiles.create();
            state.mediaFiles.put(key, bytes);
            item.contentKey = key;
            item.size = bytes.length;
            item.sha256 = HexFormat.of().formatHex(digest(bytes));
            state.items.put(item.id, item);
            made.add(item);
            if (!albums.isEmpty()) {
                EmulatorState.Album album = albums.get(n % albums.size());
                album.items.add(item.id);
            }
        }
        return made;
    }

    /**
     * Adds every media file under {@code root} as an item owned by {@code owner}, in an album per first-level
     * folder (files directly under the root are in no album); creation time = the file's modification time.
     * Files that are not photos or videos (by their first bytes, as Google judges) are skipped. Caller holds the
     * state lock.
     */
    static List<EmulatorState.MediaItem> importFolder(EmulatorState state, java.nio.file.Path root, String owner,
            Instant now) throws IOException {
        java.util.Map<String, EmulatorState.Album> albums = new java.util.HashMap<>();
        java.util.ArrayList<EmulatorState.MediaItem> made = new java.util.ArrayList<>();
        List<java.nio.file.Path> files;
        try (var walk = java.nio.file.Files.walk(root)) {
            files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        }
        for (java.nio.file.Path file : files) {
            byte[] head = new byte[32];
            int n;
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
            MediaKind kind = MediaKind.sniff(head, n);
            if (kind == MediaKind.NOT_MEDIA) {
                continue;
            }
            MediaFiles.Stored stored;
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                stored = state.mediaFiles.write(in, Long.MAX_VALUE);
            }
            EmulatorState.MediaItem item = new EmulatorState.MediaItem();
            item.id = Ids.longId("A");
            item.owner = owner;
            item.filename = file.getFileName().toString();
            item.mimeType = kind.mimeType;
            item.video = kind.video;
            item.creationTime = java.nio.file.Files.getLastModifiedTime(file).toInstant();
            item.contentKey = stored.key();
            item.size = stored.size();
            item.sha256 = sha256(state.mediaFiles, stored.key());
            state.items.put(item.id, item);
            made.add(item);
            java.nio.file.Path relative = root.relativize(file);
            if (relative.getNameCount() > 1) {
                String title = relative.getName(0).toString();
                EmulatorState.Album album = albums.computeIfAbsent(title, t -> {
                    EmulatorState.Album a = new EmulatorState.Album();
                    a.id = Ids.longId("A");
                    a.title = t;
                    a.owner = owner;
                    a.created = now;
                    state.albums.put(a.id, a);
                    return a;
                });
                album.items.add(item.id);
            }
        }
        return made;
    }

    private static byte[] jpeg(Random random, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), width, height,
                new Color(random.nextInt(0xFFFFFF))));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 10 + random.nextInt(width / 3), 10 + random.nextInt(height / 3));
        }
        g.dispose();
        // Noise so that sizes vary like photos and bytes differ between items.
        for (int i = 0; i < width * height / 8; i++) {
            image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(0xFFFFFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static byte[] mp4(Random random, int payload) {
        ByteBuffer b = ByteBuffer.allocate(24 + 8 + payload);
        b.putInt(24).put("ftyp".getBytes(StandardCharsets.ISO_8859_1)).put("isom".getBytes(StandardCharsets.ISO_8859_1))
                .putInt(0x200).put("isomiso2".getBytes(StandardCharsets.ISO_8859_1));
        b.putInt(8 + payload).put("mdat".getBytes(StandardCharsets.ISO_8859_1));
        byte[] data = new byte[payload];
        random.nextBytes(data);
        b.put(data);
        return b.array();
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
