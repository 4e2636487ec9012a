package dev.photovault.vault.core.restorer;

import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.MediaInfo;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An entry's recovered photo metadata as a file beside the restored photo: {@code <file>.json} (the fields of
 * {@code ls --json}) or {@code <file>.xmp} (XMP, as darktable and digiKam read it beside an image: taken time, GPS,
 * caption, albums as keywords, people, favourite as a 5-star rating).
 */
public final class Sidecars {

    /** Which sidecar a restore writes. */
    public enum Format {
        NONE(""), JSON(".json"), XMP(".xmp");

        final String suffix;

        Format(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    private Sidecars() {
    }

    /** Each entry's path by its source id: how {@link #fields} turns a motion photo's link into its still's path. */
    public static Map<String, String> pathsBySourceId(java.util.Collection<Entry> entries) {
        Map<String, String> paths = new java.util.HashMap<>();
        for (Entry e : entries) {
            if (e.media() != null && e.media().sourceId() != null) {
                paths.putIfAbsent(e.media().sourceId(), e.path());
            }
        }
        return paths;
    }

    /** Whether an entry has anything a sidecar would carry beyond its bytes. */
    public static boolean worthOne(Entry e) {
        MediaInfo m = e.media();
        return !e.albums().isEmpty() || m != null && (m.taken() != null || m.latitude() != null
                || m.description() != null || m.people() != null || Boolean.TRUE.equals(m.favorite()));
    }

    /**
     * An entry as one flat JSON object: path, size, hashes, albums and every photo field at the top level (null
     * when unknown), the same for every source. {@code pathBySourceId} turns a motion photo's link into its
     * still's path.
     */
    public static Map<String, Object> fields(Entry e, Map<String, String> pathBySourceId) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("path", e.path());
        line.put("type", e.type().name().toLowerCase(Locale.ROOT));
        line.put("size", e.size());
        line.put("mtime", e.mtime());
        line.put("sha256", e.sha256());
        line.put("albums", e.albums());
        line.put("chunks", e.chunks().size());
        if (e.linkTarget() != null) {
            line.put("target", e.linkTarget());
        }
        if (!e.isFile()) {
            return line;
        }
        MediaInfo m = e.media();
        line.put("mimeType", m == null ? null : m.mimeType());
        line.put("takenTime", m == null || m.taken() == null ? null : m.taken().toString());
        line.put("takenTimeSource", m == null || m.taken() == null || m.takenSource() == null ? "none" : m.takenSource());
        if (m != null && m.latitude() != null && m.longitude() != null) {
            Map<String, Object> geo = new LinkedHashMap<>();
            geo.put("latitude", m.latitude());
            geo.put("longitude", m.longitude());
            geo.put("altitude", m.altitude());
            line.put("geo", geo);
        } else {
            line.put("geo", null);
        }
        line.put("description", m == null ? null : m.description());
        line.put("favorite", m != null && Boolean.TRUE.equals(m.favorite()));
        line.put("archived", m != null && Boolean.TRUE.equals(m.archived()));
        line.put("trashed", m != null && Boolean.TRUE.equals(m.trashed()));
        line.put("people", m == null || m.people() == null ? List.of() : m.people());
        line.put("origin", m == null ? null : m.origin());
        line.put("cameraMake", m == null ? null : m.cameraMake());
        line.put("cameraModel", m == null ? null : m.cameraModel());
        line.put("width", m == null ? null : m.width());
        line.put("height", m == null ? null : m.height());
        line.put("filename", m == null ? null : m.filename());
        line.put("sourceId", m == null ? null : m.sourceId());
        line.put("motionOf", m == null || m.companionOf() == null ? null
                : pathBySourceId.getOrDefault(m.companionOf(), m.companionOf()));
        line.put("sidecar", m == null ? null : m.sidecar());
        if (m != null && m.sourceFiles() != null) {
            line.put("sourceFiles", m.sourceFiles());
        }
        return line;
    }

    /** The XMP packet for an entry. */
    public static byte[] xmp(Entry e) {
        MediaInfo m = e.media();
        StringBuilder attrs = new StringBuilder();
        StringBuilder elements = new StringBuilder();
        if (m != null && m.taken() != null) {
            String t = m.taken().toString();
            attr(attrs, "exif:DateTimeOriginal", t);
            attr(attrs, "photoshop:DateCreated", t);
            attr(attrs, "xmp:CreateDate", t);
        }
        if (m != null && m.latitude() != null && m.longitude() != null) {
            attr(attrs, "exif:GPSVersionID", "2.3.0.0");
            attr(attrs, "exif:GPSLatitude", coordinate(m.latitude(), 'N', 'S'));
            attr(attrs, "exif:GPSLongitude", coordinate(m.longitude(), 'E', 'W'));
            if (m.altitude() != null) {
                attr(attrs, "exif:GPSAltitudeRef", m.altitude() < 0 ? "1" : "0");
                attr(attrs, "exif:GPSAltitude", Math.round(Math.abs(m.altitude()) * 1000) + "/1000");
            }
        }
        if (m != null && Boolean.TRUE.equals(m.favorite())) {
            attr(attrs, "xmp:Rating", "5");
        }
        if (m != null && m.description() != null) {
            elements.append("   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(m.description()))
                    .append("</rdf:li></rdf:Alt></dc:description>\n");
        }
        bag(elements, "dc:subject", e.albums());
        if (m != null && m.people() != null) {
            bag(elements, "Iptc4xmpExt:PersonInImage", m.people());
        }
        String xml = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"photovault\">\n"
                + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "  <rdf:Description rdf:about=\"\"\n"
                + "    xmlns:exif=\"http://ns.adobe.com/exif/1.0/\"\n"
                + "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                + "    xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\"\n"
                + "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                + "    xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\""
                + attrs + ">\n" + elements
                + "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** XMP's GPS form: degrees, decimal minutes, hemisphere ({@code 46,12.26400N}). */
    static String coordinate(double value, char positive, char negative) {
        double abs = Math.abs(value);
        int degrees = (int) abs;
        double minutes = (abs - degrees) * 60;
        return String.format(Locale.ROOT, "%d,%.6f%c", degrees, minutes, value < 0 ? negative : positive);
    }

    private static void attr(StringBuilder s, String name, String value) {
        s.append("\n    ").append(name).append("=\"").append(escape(value)).append('"');
    }

    private static void bag(StringBuilder s, String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        s.append("   <").append(name).append("><rdf:Bag>");
        for (String v : values) {
            s.append("<rdf:li>").append(escape(v)).append("</rdf:li>");
        }
        s.append("</rdf:Bag></").append(name).append(">\n");
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append(' '); // not allowed in XML 1.0
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
