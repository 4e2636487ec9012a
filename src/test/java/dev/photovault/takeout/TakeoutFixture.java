package dev.photovault.takeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds Takeout exports for tests, the way Google writes them: parts named {@code takeout-<time>-NNN}, each a
 * standalone zip or tgz with its own {@code Takeout/} root, files spread over parts as the test says. Formats:
 * zip with DEFLATED entries and data descriptors (written as a stream), zip with STORED entries (and CRCs in the
 * central directory), tgz with GNU long names, tgz with PAX headers.
 */
public final class TakeoutFixture {

    public enum Format { ZIP_DEFLATED_STREAMED, ZIP_STORED, TGZ_GNU, TGZ_PAX }

    /** One archive entry: a file (or a link, when {@code linkTarget} is set), under its raw name. */
    record Item(String name, byte[] bytes, String linkTarget) {
    }

    final String export;
    private final Map<Integer, List<Item>> parts = new TreeMap<>();

    public TakeoutFixture(String export) {
        this.export = export;
    }

    /** Adds a file below {@code Takeout/} to a part. */
    public TakeoutFixture file(int part, String nameBelowTakeout, byte[] bytes) {
        return raw(part, "Takeout/" + nameBelowTakeout, bytes);
    }

    public TakeoutFixture json(int part, String nameBelowTakeout, String json) {
        return file(part, nameBelowTakeout, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds an entry under exactly this name (hostile names included). */
    public TakeoutFixture raw(int part, String name, byte[] bytes) {
        parts.computeIfAbsent(part, k -> new ArrayList<>()).add(new Item(name, bytes, null));
        return this;
    }

    public TakeoutFixture link(int part, String name, String target) {
        parts.computeIfAbsent(part, k -> new ArrayList<>()).add(new Item(name, new byte[0], target));
        return this;
    }

    /** A tar hard link (in a zip part: written as a symbolic link). */
    public TakeoutFixture hardLink(int part, String name, String target) {
        parts.computeIfAbsent(part, k -> new ArrayList<>()).add(new Item(name, null, target));
        return this;
    }

    /** Takes a file (below {@code Takeout/}) out of every part. */
    public TakeoutFixture remove(String nameBelowTakeout) {
        parts.values().forEach(list -> list.removeIf(i -> i.name().equals("Takeout/" + nameBelowTakeout)));
        return this;
    }

    /** The entries of a part. */
    List<Item> items(int part) {
        return parts.getOrDefault(part, List.of());
    }

    String partName(int n, Format f) {
        return String.format(Locale.ROOT, "takeout-%s-%03d.%s", export, n, f.name().startsWith("ZIP") ? "zip" : "tgz");
    }

    /** Writes every part in the format given for it (default: the first format), returning their paths. */
    public List<Path> write(Path dir, Map<Integer, Format> formats) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (var e : parts.entrySet()) {
            Format f = formats.getOrDefault(e.getKey(), Format.ZIP_DEFLATED_STREAMED);
            Path p = dir.resolve(partName(e.getKey(), f));
            Files.write(p, archive(e.getValue(), f));
            out.add(p);
        }
        return out;
    }

    static byte[] archive(List<Item> items, Format f) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        switch (f) {
            case ZIP_DEFLATED_STREAMED -> {
                // Written to a plain stream, so every entry's sizes and CRC follow it in a data descriptor.
                try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream((OutputStream) bytes)) {
                    zip.setEncoding("UTF-8");
                    for (Item i : items) {
                        ZipArchiveEntry e = new ZipArchiveEntry(i.name());
                        if (i.linkTarget() != null) {
                            e.setUnixMode(0120777);
                            zip.putArchiveEntry(e);
                            zip.write(i.linkTarget().getBytes(StandardCharsets.UTF_8));
                        } else {
                            e.setMethod(ZipArchiveEntry.DEFLATED);
                            zip.putArchiveEntry(e);
                            zip.write(i.bytes());
                        }
                        zip.closeArchiveEntry();
                    }
                }
            }
            case ZIP_STORED -> {
                Path tmp = Files.createTempFile("fixture", ".zip");
                try {
                    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(tmp)) {
                        zip.setEncoding("UTF-8");
                        for (Item i : items) {
                            ZipArchiveEntry e = new ZipArchiveEntry(i.name());
                            e.setMethod(ZipArchiveEntry.STORED);
                            byte[] data = i.linkTarget() != null ? i.linkTarget().getBytes(StandardCharsets.UTF_8)
                                    : i.bytes();
                            if (i.linkTarget() != null) {
                                e.setUnixMode(0120777);
                            }
                            CRC32 crc = new CRC32();
                            crc.update(data);
                            e.setSize(data.length);
                            e.setCrc(crc.getValue());
                            zip.putArchiveEntry(e);
                            zip.write(data);
                            zip.closeArchiveEntry();
                        }
                    }
                    return Files.readAllBytes(tmp);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            case TGZ_GNU, TGZ_PAX -> {
                try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes), "UTF-8")) {
                    tar.setLongFileMode(f == Format.TGZ_GNU ? TarArchiveOutputStream.LONGFILE_GNU
                            : TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setAddPaxHeadersForNonAsciiNames(f == Format.TGZ_PAX);
                    for (Item i : items) {
                        TarArchiveEntry e;
                        if (i.linkTarget() != null) {
                            e = new TarArchiveEntry(i.name(), i.bytes() == null ? TarArchiveEntry.LF_LINK
                                    : TarArchiveEntry.LF_SYMLINK, true);
                            e.setLinkName(i.linkTarget());
                        } else {
                            e = new TarArchiveEntry(i.name(), true);
                            e.setSize(i.bytes().length);
                        }
                        tar.putArchiveEntry(e);
                        if (i.bytes() != null) {
                            tar.write(i.bytes());
                        }
                        tar.closeArchiveEntry();
                    }
                }
            }
            default -> throw new IllegalArgumentException(f.name());
        }
        return bytes.toByteArray();
    }

    // ---- content ---------------------------------------------------------------------------------------------

    /** A JPEG-shaped file: SOI, an optional EXIF segment (make and DateTimeOriginal), random data, EOI. */
    public static byte[] jpeg(long seed, int size, Instant exifTaken) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        if (exifTaken != null) {
            byte[] app1 = exif("TestCam", DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss").withZone(ZoneOffset.UTC)
                    .format(exifTaken));
            out.write(0xFF);
            out.write(0xE1);
            out.write((app1.length + 2) >> 8);
            out.write((app1.length + 2) & 0xff);
            out.writeBytes(app1);
        }
        // Start of scan, then entropy-coded-looking noise.
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0});
        byte[] noise = new byte[Math.max(0, size - out.size() - 2)];
        new Random(seed).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == (byte) 0xFF) {
                noise[i] = 0x00;
            }
        }
        out.writeBytes(noise);
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    /** A PNG signature and noise. */
    public static byte[] png(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, b, 0, 8);
        return b;
    }

    /** An MP4 ({@code ftyp isom}) and noise. */
    public static byte[] mp4(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        System.arraycopy(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, b, 0, 12);
        return b;
    }

    private static byte[] exif(String make, String dateTime) {
        byte[] makeBytes = (make + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] date = (dateTime + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd0 = 8;
        int makeAt = ifd0 + 2 + 2 * 12 + 4;
        int exifIfd = makeAt + makeBytes.length;
        int dateAt = exifIfd + 2 + 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(6 + dateAt + date.length);
        b.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        b.put(new byte[] {'M', 'M', 0, 42}).putInt(ifd0);
        b.putShort((short) 2);
        b.putShort((short) 0x010F).putShort((short) 2).putInt(makeBytes.length).putInt(makeAt);
        b.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(exifIfd);
        b.putInt(0);
        b.put(makeBytes);
        b.putShort((short) 1);
        b.putShort((short) 0x9003).putShort((short) 2).putInt(date.length).putInt(dateAt);
        b.putInt(0);
        b.put(date);
        return b.array();
    }

    /** A sidecar as Google writes it (timestamps as strings). */
    public static String sidecar(String title, Instant taken, Instant created, String extra) {
        StringBuilder s = new StringBuilder("{\"title\":\"").append(title.replace("\"", "\\\"")).append("\",")
                .append("\"description\":\"\",\"imageViews\":\"1\",");
        if (created != null) {
            s.append("\"creationTime\":{\"timestamp\":\"").append(created.getEpochSecond())
                    .append("\",\"formatted\":\"localized, never parsed\"},");
        }
        s.append("\"photoTakenTime\":{\"timestamp\":\"").append(taken == null ? 0 : taken.getEpochSecond())
                .append("\",\"formatted\":\"localized\"},");
        s.append("\"geoData\":{\"latitude\":0.0,\"longitude\":0.0,\"altitude\":0.0,\"latitudeSpan\":0.0,"
                + "\"longitudeSpan\":0.0}");
        if (extra != null && !extra.isEmpty()) {
            s.append(',').append(extra);
        }
        return s.append('}').toString();
    }
}
