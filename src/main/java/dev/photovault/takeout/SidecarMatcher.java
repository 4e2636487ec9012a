package dev.photovault.takeout;

import dev.photovault.takeout.TakeoutListing.Folder;
import dev.photovault.takeout.TakeoutListing.JsonFile;
import dev.photovault.takeout.TakeoutListing.MediaFile;
import dev.photovault.takeout.TakeoutNames.Candidate;
import dev.photovault.takeout.TakeoutNames.Counted;
import dev.photovault.takeout.TakeoutNames.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches the media files of one folder to their sidecars by the rules of docs/takeout.md, in order: the
 * predicted names (supplemental and legacy, clipped or not, the counter in either place, an extra extension, an
 * extensionless upload), a supplemental suffix clipped at any other length, the original's sidecar for an edited
 * copy, and last the sidecars' {@code title}s. Motion and live companions are found by name and take their
 * still's sidecar when they have none. Also tells what the folder is: an album (by its metadata file, whatever
 * the folder is called), a year or date folder, or a special folder (Trash, Archive, …).
 */
final class SidecarMatcher {

    /** A media file's sidecar and the rule that found it ({@code sidecar} is null for {@link Rule#NONE}). */
    record Match(TakeoutJson.Sidecar sidecar, JsonFile json, Rule rule) {
        static final Match NONE = new Match(null, null, Rule.NONE);
    }

    enum Kind { ALBUM, YEAR, TRASH, ARCHIVE, SPECIAL, ROOT }

    /**
     * What a folder is.
     *
     * @param kind         album, year/date, trash, archive, other special, or the Photos root itself
     * @param title        the album title (from its metadata, else the folder name), or null
     * @param fromMetadata the album's title came from its metadata file
     */
    record FolderInfo(Kind kind, String title, boolean fromMetadata) {
    }

    private static final Pattern YEAR = Pattern.compile("^(?:\\D{0,30}[\\s_-])?((?:18|19|20|21)\\d\\d)(?:[\\s_.-]\\D{0,12})?$");
    private static final Pattern COUNTED_JSON = Pattern.compile(".*\\(\\d+\\)\\.json$", Pattern.DOTALL);
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(?:\\s*#\\d+)?$");
    private static final Set<String> TRASH = Set.of("trash", "bin", "papierkorb", "corbeille", "cestino", "papelera",
            "lixeira", "lixo", "kosz", "prullenbak", "корзина", "кошче", "koš", "kôš", "ゴミ箱", "回收站", "垃圾桶",
            "papperskorg", "papirkurv", "roskakori", "çöp kutusu", "휴지통", "κάδος απορριμμάτων", "cos de gunoi");
    private static final Set<String> ARCHIVE = Set.of("archive", "archiv", "archives", "archivio", "archivo",
            "arquivo", "archiwum", "archief", "архив", "アーカイブ", "归档", "arkiv", "arkisto", "arşiv", "보관함");
    private static final Set<String> SPECIAL = Set.of("failed videos", "locked folder", "videos fallidos",
            "vidéos ayant échoué", "fehlgeschlagene videos", "video non riusciti", "gesperrter ordner",
            "dossier verrouillé", "cartella bloccata", "carpeta bloqueada");

    private final Folder folder;
    private final boolean root;
    private final Map<String, MediaFile> mediaByName = new HashMap<>();
    private final Map<String, List<String>> clippedSupplemental = new HashMap<>();
    private final Set<JsonFile> used = new LinkedHashSet<>();
    private final List<String> conflicts = new ArrayList<>();
    private Map<String, List<JsonFile>> byTitle;
    private Map<String, List<JsonFile>> byTitleLower;

    SidecarMatcher(Folder folder, boolean root) {
        this.folder = folder;
        this.root = root;
        for (MediaFile m : folder.media) {
            mediaByName.putIfAbsent(m.fileName, m);
        }
        for (String json : folder.json.keySet()) {
            for (String key : TakeoutNames.clippedSupplementalKeys(json)) {
                clippedSupplemental.computeIfAbsent(key, k -> new ArrayList<>()).add(json);
            }
        }
    }

    /** The sidecar of {@code media} by every rule but the companion one. */
    Match match(MediaFile media) {
        Match m = byName(media.fileName, false);
        if (m.rule() != Rule.NONE) {
            return m;
        }
        for (String original : TakeoutNames.originalsOfEdited(media.fileName)) {
            Match o = byName(original, false);
            if (o.rule() != Rule.NONE) {
                return new Match(o.sidecar(), o.json(), Rule.EDITED);
            }
            if (mediaByName.containsKey(original)) {
                break;
            }
        }
        return byTitle(media.fileName);
    }

    /** The still a motion/live photo's video belongs to, in this folder, or null. */
    MediaFile stillOf(MediaFile media) {
        for (String still : TakeoutNames.stillsOfCompanion(media.fileName)) {
            MediaFile s = mediaByName.get(still);
            if (s != null && s != media) {
                return s;
            }
        }
        return null;
    }

    private Match byName(String media, boolean quiet) {
        for (Candidate c : TakeoutNames.sidecarCandidates(media)) {
            JsonFile j = usable(c.name());
            if (j != null) {
                TakeoutJson.Sidecar s = j.parsed().sidecar();
                if (c.rule() == Rule.EXTENSIONLESS && s.title() != null
                        && !TakeoutNames.extension(s.title()).isEmpty() && !s.title().equals(TakeoutNames.stem(media))) {
                    continue; // photo.json is another upload's sidecar, not this photo.jpg's
                }
                return use(j, c.rule());
            }
        }
        List<Counted> readings = TakeoutNames.readings(media);
        for (int i = 0; i < readings.size(); i++) {
            Counted r = readings.get(i);
            for (String json : clippedSupplemental.getOrDefault(r.base() + "\0" + r.counter(), List.of())) {
                JsonFile j = usable(json);
                if (j != null) {
                    return use(j, i == 0 ? Rule.SUPPLEMENTAL_CLIPPED : Rule.COUNTER_SUPPLEMENTAL_CLIPPED);
                }
            }
        }
        return Match.NONE;
    }

    private Match byTitle(String media) {
        if (byTitle == null) {
            byTitle = new HashMap<>();
            byTitleLower = new HashMap<>();
            for (String name : folder.json.keySet()) {
                if (COUNTED_JSON.matcher(name).matches()) {
                    continue; // photo.jpg(1).json belongs to photo(1).jpg, never to photo.jpg
                }
                JsonFile j = usable(name);
                if (j != null && j.parsed().sidecar().title() != null) {
                    for (String n : TakeoutNames.namesForTitle(j.parsed().sidecar().title(), "")) {
                        byTitle.computeIfAbsent(n, k -> new ArrayList<>()).add(j);
                        byTitleLower.computeIfAbsent(n.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(j);
                    }
                }
            }
        }
        String ext = TakeoutNames.extension(media);
        List<JsonFile> found = byTitle.getOrDefault(media, List.of());
        if (found.isEmpty() && !ext.isEmpty()) {
            found = byTitle.getOrDefault(TakeoutNames.stem(media), List.of());
        }
        if (found.isEmpty()) {
            found = byTitleLower.getOrDefault(media.toLowerCase(Locale.ROOT), List.of());
        }
        List<JsonFile> distinct = found.stream().distinct().toList();
        return distinct.size() == 1 ? use(distinct.get(0), Rule.TITLE) : Match.NONE;
    }

    private Match use(JsonFile j, Rule rule) {
        used.add(j);
        return new Match(j.parsed().sidecar(), j, rule);
    }

    /**
     * The one sidecar under this name: copies from several parts that agree count as one; copies that differ are
     * a conflict (neither is used, and the report says so); an invalid file is no sidecar.
     */
    private JsonFile usable(String name) {
        List<JsonFile> copies = folder.json.get(name);
        if (copies == null) {
            return null;
        }
        List<JsonFile> good = copies.stream().filter(j -> j.error() == null && j.parsed().sidecar() != null
                && j.parsed().album() == null).toList();
        if (good.isEmpty()) {
            return null;
        }
        long distinct = good.stream().map(j -> j.parsed().sidecar()).distinct().count();
        if (distinct > 1) {
            String where = folder.path + "/" + name;
            if (!conflicts.contains(where)) {
                conflicts.add(where);
            }
            return null;
        }
        return good.get(0);
    }

    /** Sidecars (and bare-title JSON files) that no media file of the folder used. Call after matching. */
    List<JsonFile> unused() {
        List<JsonFile> out = new ArrayList<>();
        FolderInfo info = info();
        folder.json.forEach((name, copies) -> {
            JsonFile first = copies.get(0);
            boolean isAlbumFile = info.fromMetadata() && first.parsed() != null && (first.parsed().album() != null
                    || first.parsed().albumShaped() && Objects.equals(albumTitleOf(first), info.title()));
            if (first.error() == null && !isAlbumFile && first.parsed() != null
                    && first.parsed().sidecar() != null && copies.stream().noneMatch(used::contains)
                    && !TakeoutJson.IGNORED_NAMES.contains(name)) {
                out.add(first);
            }
        });
        return out;
    }

    /** Sidecar names whose copies in different parts disagree (neither was used). */
    List<String> conflicts() {
        return conflicts;
    }

    /** What this folder is; bare {@code {"title": …}} files no media file used count as its metadata. */
    FolderInfo info() {
        if (root) {
            return new FolderInfo(Kind.ROOT, null, false);
        }
        for (List<JsonFile> copies : folder.json.values()) {
            for (JsonFile j : copies) {
                if (j.error() == null && j.parsed() != null && j.parsed().album() != null) {
                    String t = j.parsed().album().title();
                    return new FolderInfo(Kind.ALBUM, t == null || t.isBlank() ? folder.name() : t, true);
                }
            }
        }
        for (List<JsonFile> copies : folder.json.values()) {
            JsonFile j = copies.get(0);
            if (j.error() == null && j.parsed() != null && j.parsed().albumShaped() && copies.stream()
                    .noneMatch(used::contains) && albumTitleOf(j) != null) {
                return new FolderInfo(Kind.ALBUM, albumTitleOf(j), true);
            }
        }
        String name = folder.name();
        String lower = name.toLowerCase(Locale.ROOT).trim();
        if (DATE.matcher(name).matches() || YEAR.matcher(name).matches()) {
            return new FolderInfo(Kind.YEAR, null, false);
        }
        if (TRASH.contains(lower)) {
            return new FolderInfo(Kind.TRASH, null, false);
        }
        if (ARCHIVE.contains(lower)) {
            return new FolderInfo(Kind.ARCHIVE, null, false);
        }
        if (SPECIAL.contains(lower)) {
            return new FolderInfo(Kind.SPECIAL, null, false);
        }
        return new FolderInfo(Kind.ALBUM, name, false);
    }

    private static String albumTitleOf(JsonFile j) {
        return j.parsed().sidecar() == null ? null : j.parsed().sidecar().title();
    }
}
