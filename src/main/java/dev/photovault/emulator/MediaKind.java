package dev.photovault.emulator;

import java.nio.charset.StandardCharsets;

/** What uploaded bytes are, judged from their first bytes as Google does (not from the file name). */
enum MediaKind {
    JPEG("image/jpeg", false),
    PNG("image/png", false),
    GIF("image/gif", false),
    WEBP("image/webp", false),
    HEIC("image/heic", false),
    TIFF("image/tiff", false),
    BMP("image/bmp", false),
    MP4("video/mp4", true),
    QUICKTIME("video/quicktime", true),
    AVI("video/x-msvideo", true),
    MATROSKA("video/x-matroska", true),
    NOT_MEDIA("application/octet-stream", false);

    final String mimeType;
    final boolean video;

    MediaKind(String mimeType, boolean video) {
        this.mimeType = mimeType;
        this.video = video;
    }

    static MediaKind sniff(byte[] head, int n) {
        if (n >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
            return JPEG;
        }
        if (n >= 8 && (head[0] & 0xff) == 0x89 && ascii(head, 1, 3).equals("PNG")) {
            return PNG;
        }
        if (n >= 4 && ascii(head, 0, 4).startsWith("GIF8")) {
            return GIF;
        }
        if (n >= 12 && ascii(head, 0, 4).equals("RIFF")) {
            String type = ascii(head, 8, 4);
            return type.equals("WEBP") ? WEBP : type.startsWith("AVI") ? AVI : NOT_MEDIA;
        }
        if (n >= 12 && ascii(head, 4, 4).equals("ftyp")) {
            String brand = ascii(head, 8, 4);
            if (brand.startsWith("hei") || brand.startsWith("mif1") || brand.startsWith("heix") || brand.startsWith("msf1")) {
                return HEIC;
            }
            return brand.startsWith("qt") ? QUICKTIME : MP4;
        }
        if (n >= 4 && (ascii(head, 0, 4).equals("II*\0") || ascii(head, 0, 4).equals("MM\0*"))) {
            return TIFF;
        }
        if (n >= 2 && ascii(head, 0, 2).equals("BM")) {
            return BMP;
        }
        if (n >= 4 && (head[0] & 0xff) == 0x1A && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xDF
                && (head[3] & 0xff) == 0xA3) {
            return MATROSKA;
        }
        return NOT_MEDIA;
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
