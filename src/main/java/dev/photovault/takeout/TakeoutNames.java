package dev.photovault.takeout;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name rules of a Takeout export (docs/takeout.md): how Google clips names, numbers duplicates and names
 * sidecars, edited copies, and motion-photo companions. Every length counts UTF-16 code units (Java's
 * {@link String#length()}) and no clip splits a surrogate pair; names are compared in NFC.
 */
final class TakeoutNames {

    /** A sidecar's name before {@code [counter].json} is at most this long. */
    static final int JSON_STEM = 46;
    /** A media file's stem (the name without its extension) is at most this long. */
    static final int MEDIA_STEM = 47;
    static final String SUPPLEMENTAL = ".supplemental-metadata";
    static final String JSON = ".json";

    /** The "edited" suffix in the languages Takeout is known to use. */
    static final List<String> EDITED_SUFFIXES = List.of("-edited", "-bearbeitet", "-modifié", "-modificato",
            "-edytowane", "-bewerkt", "-編集済み", "-编辑", "-ha editado", "-editado", "-editat", "-redigeret",
            "-muokattu", "-redigert", "-redigerad", "-upravené", "-szerkesztett", "-изменено");

    private static final Pattern COUNTER = Pattern.compile("^(.*)\\((\\d{1,6})\\)$", Pattern.DOTALL);

    /** The sidecar rules, in the order they are tried; their names are what the report and `ls --json` show. */
    enum Rule {
        SUPPLEMENTAL("supplemental"), SUPPLEMENTAL_CLIPPED("supplemental-clipped"), LEGACY("legacy"),
        LEGACY_CLIPPED("legacy-clipped"), COUNTER_SUPPLEMENTAL("counter-supplemental"),
        COUNTER_SUPPLEMENTAL_CLIPPED("counter-supplemental-clipped"), COUNTER_LEGACY("counter-legacy"),
        COUNTER_LEGACY_CLIPPED("counter-legacy-clipped"), EXTRA_EXTENSION("extra-extension"),
        EXTENSIONLESS("extensionless"), EDITED("edited"), COMPANION("companion"), TITLE("title"), NONE("none");

        final String label;

        Rule(String label) {
            this.label = label;
        }
    }

    /** A sidecar name to look for, and the rule that predicts it. */
    record Candidate(String name, Rule rule) {
    }

    /** A way to read a name: the name with a duplicate counter taken out, and the counter ({@code "(2)"} or ""). */
    record Counted(String base, String counter) {
    }

    private TakeoutNames() {
    }

    static String nfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** The first {@code units} UTF-16 units of {@code s}, one fewer if the cut would split a surrogate pair. */
    static String clip(String s, int units) {
        if (s.length() <= units) {
            return s;
        }
        int end = units;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The name without its extension; a leading dot does not start an extension. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** The extension with its dot, or "". */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot);
    }

    /** How a media name may be read: as it is, and (if its stem ends in {@code (n)}) with the counter taken out. */
    static List<Counted> readings(String media) {
        List<Counted> out = new ArrayList<>(2);
        out.add(new Counted(media, ""));
        Matcher m = COUNTER.matcher(stem(media));
        if (m.matches() && !m.group(1).isEmpty()) {
            out.add(new Counted(m.group(1) + extension(media), "(" + m.group(2) + ")"));
        }
        return out;
    }

    /** The sidecar names a media file's JSON may have, most likely first (without edited/title rules). */
    static List<Candidate> sidecarCandidates(String media) {
        Map<String, Candidate> out = new LinkedHashMap<>();
        List<Counted> readings = readings(media);
        for (int i = 0; i < readings.size(); i++) {
            Counted r = readings.get(i);
            boolean moved = i > 0;
            addFor(out, r.base(), r.counter(), moved ? Rule.COUNTER_SUPPLEMENTAL : Rule.SUPPLEMENTAL,
                    moved ? Rule.COUNTER_SUPPLEMENTAL_CLIPPED : Rule.SUPPLEMENTAL_CLIPPED,
                    moved ? Rule.COUNTER_LEGACY : Rule.LEGACY, moved ? Rule.COUNTER_LEGACY_CLIPPED : Rule.LEGACY_CLIPPED);
        }
        for (Counted r : readings) {
            // An extra extension Google added (photo.png.jpg): the sidecar is named after the inner name.
            String inner = stem(r.base());
            if (!extension(inner).isEmpty()) {
                addFor(out, inner, r.counter(), Rule.EXTRA_EXTENSION, Rule.EXTRA_EXTENSION, Rule.EXTRA_EXTENSION,
                        Rule.EXTRA_EXTENSION);
            }
        }
        for (Counted r : readings) {
            // An upload without extension (19990704) became 19990704.jpg; its sidecar is 19990704.json.
            if (!extension(r.base()).isEmpty()) {
                addFor(out, stem(r.base()), r.counter(), Rule.EXTENSIONLESS, Rule.EXTENSIONLESS, Rule.EXTENSIONLESS,
                        Rule.EXTENSIONLESS);
            }
        }
        return List.copyOf(out.values());
    }

    private static void addFor(Map<String, Candidate> out, String base, String counter, Rule supplemental,
            Rule supplementalClipped, Rule legacy, Rule legacyClipped) {
        add(out, base + SUPPLEMENTAL + counter + JSON, supplemental);
        add(out, base + counter + JSON, legacy);
        // A name of 46 units or more loses the whole suffix: the same name as a clipped legacy sidecar.
        add(out, clip(base, JSON_STEM) + counter + JSON, legacyClipped);
        add(out, clip(base + SUPPLEMENTAL, JSON_STEM) + counter + JSON, supplementalClipped);
    }

    private static void add(Map<String, Candidate> out, String name, Rule rule) {
        out.putIfAbsent(name, new Candidate(name, rule));
    }

    /**
     * The keys under which a sidecar named {@code json} answers for a media base name and counter when its
     * {@code .supplemental-metadata} suffix was clipped at some length other than Google's usual 46 units: every
     * {@code base + "\0" + counter} it can stand for.
     */
    static List<String> clippedSupplementalKeys(String json) {
        if (!json.endsWith(JSON)) {
            return List.of();
        }
        String p = json.substring(0, json.length() - JSON.length());
        List<String> keys = new ArrayList<>();
        List<Counted> readings = new ArrayList<>();
        readings.add(new Counted(p, ""));
        Matcher m = COUNTER.matcher(p);
        if (m.matches()) {
            readings.add(new Counted(m.group(1), "(" + m.group(2) + ")"));
        }
        for (Counted r : readings) {
            for (int k = SUPPLEMENTAL.length() - 1; k >= 1; k--) {
                String piece = SUPPLEMENTAL.substring(0, k);
                if (r.base().endsWith(piece) && r.base().length() > piece.length()) {
                    keys.add(r.base().substring(0, r.base().length() - piece.length()) + "\0" + r.counter());
                }
            }
        }
        return keys;
    }

    /**
     * The original's name if {@code media} is an edited copy ({@code X-edited.jpg}, localized, the suffix perhaps
     * clipped by the 47-unit stem limit), most likely first; empty if it is not one.
     */
    static List<String> originalsOfEdited(String media) {
        String stem = stem(media);
        String ext = extension(media);
        String lower = stem.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String suffix : EDITED_SUFFIXES) {
            if (lower.endsWith(suffix) && stem.length() > suffix.length()) {
                out.add(stem.substring(0, stem.length() - suffix.length()) + ext);
            }
        }
        if (stem.length() >= MEDIA_STEM - 1) {
            for (String suffix : EDITED_SUFFIXES) {
                for (int k = suffix.length() - 1; k >= 2; k--) {
                    String piece = suffix.substring(0, k);
                    if (lower.endsWith(piece) && stem.length() > piece.length()) {
                        out.add(stem.substring(0, stem.length() - piece.length()) + ext);
                    }
                }
            }
        }
        return out.stream().distinct().toList();
    }

    private static final Set<String> STILL_EXTENSIONS = Set.of(".jpg", ".jpeg", ".heic", ".heif");
    private static final Set<String> LIVE_VIDEO_EXTENSIONS = Set.of(".mov", ".mp4");

    /**
     * The names the still of a motion or live photo's video may have: Pixel {@code X.MP} → {@code X.MP.jpg},
     * older Android {@code MVIMG_x} → {@code MVIMG_x.jpg}, iOS {@code IMG.MOV} → {@code IMG.HEIC}/{@code IMG.JPG}.
     * Empty when {@code media} cannot be such a video.
     */
    static List<String> stillsOfCompanion(String media) {
        String ext = extension(media).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (ext.isEmpty() || ext.equals(".mp")) {
            for (String still : List.of(".jpg", ".JPG", ".jpeg", ".JPEG")) {
                out.add(media + still);
            }
        } else if (LIVE_VIDEO_EXTENSIONS.contains(ext)) {
            String stem = stem(media);
            for (String still : STILL_EXTENSIONS) {
                out.add(stem + still);
                out.add(stem + still.toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * The archive names a sidecar {@code title} (the original upload name) may have become: as it is, with
     * {@code / & ?} (and other unsafe characters) replaced by {@code _}, and with the stem clipped to 47 units.
     * An extensionless title also matches with {@code extension} added.
     */
    static List<String> namesForTitle(String title, String extension) {
        String t = nfc(title);
        List<String> out = new ArrayList<>();
        for (String s : List.of(t, t.replaceAll("[/&?\\\\:*\"<>|]", "_"))) {
            out.add(s);
            out.add(clip(stem(s), MEDIA_STEM) + extension(s));
            if (extension(s).isEmpty() && !extension.isEmpty()) {
                out.add(s + extension);
                out.add(clip(s, MEDIA_STEM) + extension);
            }
        }
        return out.stream().distinct().toList();
    }
}
