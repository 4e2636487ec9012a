package dev.photovault.takeout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON files of a Takeout: a media file's sidecar, an album's metadata, or something to ignore. Only the
 * fields photovault keeps are read; the localized {@code formatted} strings are never parsed.
 */
final class TakeoutJson {

    /** The album metadata file's name in the languages Takeout is known to use (NFC, lower case). */
    static final Set<String> ALBUM_METADATA_NAMES = Set.of("metadata.json", "métadonnées.json", "metadati.json",
            "metadaten.json", "metadatos.json", "метаданные.json", "metadane.json", "metadados.json",
            "metagegevens.json", "metadata's.json", "метаданни.json", "метадані.json", "メタデータ.json", "元数据.json",
            "中繼資料.json", "메타데이터.json", "meta veriler.json", "metaadatok.json", "metatiedot.json",
            "μεταδεδομένα.json", "metadatele.json");

    /** Files at a Takeout's Photos root that are neither media nor albums. */
    static final Set<String> IGNORED_NAMES = Set.of("shared_album_comments.json", "user-generated-memory-titles.json",
            "print-subscriptions.json");

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final Set<String> MEDIA_KEYS = Set.of("photoTakenTime", "creationTime", "imageViews", "geoData",
            "geoDataExif", "googlePhotosOrigin", "photoLastModifiedTime", "people", "url");
    private static final Set<String> ALBUM_KEYS = Set.of("access", "date", "enrichments", "sharedAlbumComments",
            "location");
    private static final long LATEST_PLAUSIBLE = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();

    /** A point on earth; {@code (0,0)} is never one (Takeout's "unknown"). */
    record Geo(double latitude, double longitude, Double altitude) {
    }

    /** What a media sidecar says. */
    record Sidecar(String title, String description, Instant taken, Instant created, Geo geo, Geo geoExif,
            List<String> people, boolean favorited, boolean archived, boolean trashed, boolean lockedFolder,
            String origin) {

        Geo bestGeo() {
            return geoExif != null ? geoExif : geo;
        }
    }

    /** What an album's metadata file says. */
    record Album(String title, String description) {
    }

    /** One parsed JSON file: exactly one of {@code sidecar}, {@code album} is set, or neither (some other JSON). */
    record Parsed(Sidecar sidecar, Album album, boolean albumShaped) {
    }

    private TakeoutJson() {
    }

    /**
     * Parses a JSON file by its content and name.
     *
     * @throws IOException if it is not valid JSON (the message says where)
     */
    static Parsed parse(String fileName, byte[] bytes) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Limit errors (nesting too deep, a string too long) carry no location.
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IOException("not valid JSON (" + e.getOriginalMessage() + where + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        boolean knownAlbumName = ALBUM_METADATA_NAMES.contains(fileName.toLowerCase(Locale.ROOT));
        if (root.has("albumData") && root.get("albumData").isObject()) {
            return new Parsed(null, album(root.get("albumData")), true);
        }
        boolean mediaShaped = false;
        boolean albumShaped = false;
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            mediaShaped |= MEDIA_KEYS.contains(f);
            albumShaped |= ALBUM_KEYS.contains(f);
        }
        if (knownAlbumName && !mediaShaped || albumShaped && !mediaShaped) {
            return new Parsed(null, album(root), true);
        }
        if (mediaShaped) {
            return new Parsed(sidecar(root), null, false);
        }
        // {"title": "…"} alone: an album's metadata under a name not known here, or a bare sidecar; the folder
        // decides (TakeoutFolder).
        return new Parsed(root.has("title") ? sidecar(root) : null, null, root.has("title") && root.size() <= 2);
    }

    private static Album album(JsonNode n) {
        return new Album(text(n, "title"), text(n, "description"));
    }

    private static Sidecar sidecar(JsonNode n) {
        List<String> people = new ArrayList<>();
        for (JsonNode p : n.path("people")) {
            String name = text(p, "name");
            if (name != null && !name.isBlank()) {
                people.add(name);
            }
        }
        return new Sidecar(text(n, "title"), blankToNull(text(n, "description")), time(n.get("photoTakenTime")),
                time(n.get("creationTime")), geo(n.get("geoData")), geo(n.get("geoDataExif")), people,
                flag(n, "favorited"), flag(n, "archived"), flag(n, "trashed"), flag(n, "inLockedFolder"),
                origin(n));
    }

    private static String origin(JsonNode n) {
        JsonNode o = n.get("googlePhotosOrigin");
        if (o == null || !o.isObject() || o.size() == 0) {
            return n.path("appSource").hasNonNull("androidPackageName")
                    ? "app:" + n.path("appSource").get("androidPackageName").asText() : null;
        }
        String kind = o.fieldNames().next();
        String device = text(o.get(kind), "deviceType");
        return device == null ? kind : kind + ":" + device;
    }

    /** A {@code {"timestamp": "1696573800"}} object (a string or a number), null when absent, 0 or absurd. */
    static Instant time(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        JsonNode ts = n.get("timestamp");
        if (ts == null || ts.isNull()) {
            return null;
        }
        long seconds;
        if (ts.isNumber()) {
            seconds = ts.asLong();
        } else {
            try {
                seconds = Long.parseLong(ts.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        // Not Math.abs: it leaves Long.MIN_VALUE negative, and Instant refuses it.
        return seconds == 0 || seconds > LATEST_PLAUSIBLE || seconds < -LATEST_PLAUSIBLE ? null
                : Instant.ofEpochSecond(seconds);
    }

    private static Geo geo(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("latitude").isNumber() || !n.path("longitude").isNumber()) {
            return null;
        }
        double lat = n.get("latitude").asDouble();
        double lon = n.get("longitude").asDouble();
        if (lat == 0.0 && lon == 0.0 || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            return null;
        }
        return new Geo(lat, lon, n.path("altitude").isNumber() ? n.get("altitude").asDouble() : null);
    }

    private static boolean flag(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && (v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText()));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : TakeoutNames.nfc(v.asText());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
