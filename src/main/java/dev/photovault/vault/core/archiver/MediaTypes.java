package dev.photovault.vault.core.archiver;

import java.util.Locale;
import java.util.Map;

/** The media type of a local photo or video by its extension; null for anything else. */
public final class MediaTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("avif", "image/avif"), Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"), Map.entry("bmp", "image/bmp"), Map.entry("dng", "image/x-adobe-dng"),
            Map.entry("cr2", "image/x-canon-cr2"), Map.entry("nef", "image/x-nikon-nef"),
            Map.entry("arw", "image/x-sony-arw"), Map.entry("raf", "image/x-fuji-raf"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/x-m4v"), Map.entry("mov", "video/quicktime"),
            Map.entry("3gp", "video/3gpp"), Map.entry("avi", "video/x-msvideo"), Map.entry("mkv", "video/x-matroska"),
            Map.entry("webm", "video/webm"), Map.entry("mts", "video/mp2t"), Map.entry("m2ts", "video/mp2t"));

    private MediaTypes() {
    }

    public static String guess(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(filename.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
