package dev.photovault.takeout;

import dev.photovault.vault.core.backup.BackupItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one Takeout import found: printed as a summary, and kept in the snapshot header (as {@link #toMap()}) so
 * that {@code photovault report SNAPSHOT} and {@code snapshots --json} show it later. Lists are capped at
 * {@link #MAX_LISTED} names each (the counts are always whole). Thread-safe.
 */
public final class TakeoutReport {

    /** Names kept per list. */
    static final int MAX_LISTED = 10_000;

    /** One refused archive entry. */
    public record Rejected(String part, String entry, String reason) {
    }

    private String export;
    private long mediaFiles;
    private long items;
    private long duplicatesMerged;
    private long reusedUnread;
    private long ignored;
    private final Map<String, Long> sidecars = new TreeMap<>();
    private final Map<String, Long> dates = new LinkedHashMap<>();
    private final List<String> unmatched = new ArrayList<>();
    private final List<String> orphans = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();
    private final TreeSet<String> albums = new TreeSet<>();
    private final TreeSet<String> albumsNamedByFolder = new TreeSet<>();
    private final List<String> notMedia = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private final List<String> duplicateNames = new ArrayList<>();
    private final List<String> missingParts = new ArrayList<>();
    private final List<String> truncated = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Long> otherProducts = new TreeMap<>();
    private final List<String> added = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private long addedCount;
    private long removedCount;

    TakeoutReport() {
        for (String s : List.of("sidecar", "exif", "filename", "creationTime", "none")) {
            dates.put(s, 0L);
        }
    }

    synchronized void export(String id) {
        export = id;
    }

    synchronized void missingPart(String name) {
        missingParts.add(name);
    }

    synchronized void note(String line) {
        notes.add(line);
    }

    synchronized void reject(String part, String entry, String reason) {
        if (rejected.size() < MAX_LISTED) {
            rejected.add(new Rejected(part, entry, reason));
        }
        rejectedCount++;
    }

    private long rejectedCount;

    synchronized void truncated(String where) {
        truncated.add(where);
    }

    synchronized void duplicateName(String part, String name) {
        add(duplicateNames, part + ": " + name);
    }

    synchronized void notMedia(String name) {
        add(notMedia, name);
    }

    synchronized void ignored() {
        ignored++;
    }

    synchronized void orphan(String name) {
        add(orphans, name);
    }

    synchronized void conflict(String name) {
        add(conflicts, name);
    }

    synchronized void album(String title, boolean fromMetadata) {
        albums.add(title);
        if (!fromMetadata) {
            albumsNamedByFolder.add(title);
        }
    }

    synchronized void otherProduct(String root) {
        otherProducts.merge(root, 1L, Long::sum);
    }

    synchronized void item(BackupItem item, int copies) {
        items++;
        mediaFiles += copies;
        duplicatesMerged += copies - 1;
    }

    synchronized void date(String source) {
        dates.merge(source, 1L, Long::sum);
    }

    synchronized void sidecar(String rule, String unmatchedName) {
        sidecars.merge(rule, 1L, Long::sum);
        if (unmatchedName != null) {
            add(unmatched, "Takeout/" + unmatchedName);
        }
    }

    synchronized void added(String path) {
        addedCount++;
        add(added, path);
    }

    synchronized void removed(String path) {
        removedCount++;
        add(removed, path);
    }

    synchronized void reusedUnread(long n) {
        reusedUnread = n;
    }

    private static void add(List<String> list, String s) {
        if (list.size() < MAX_LISTED) {
            list.add(s);
        }
    }

    /** Entries refused (hostile, damaged or invalid): the CLI exits with 3 when there are any. */
    public synchronized long rejectedCount() {
        return rejectedCount;
    }

    public synchronized List<Rejected> rejected() {
        return List.copyOf(rejected);
    }

    public synchronized long items() {
        return items;
    }

    /** The report as the snapshot header keeps it (stable keys; see docs/takeout.md). */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "takeout");
        if (export != null) {
            m.put("export", export);
        }
        m.put("mediaFiles", mediaFiles);
        m.put("items", items);
        m.put("duplicatesMerged", duplicatesMerged);
        m.put("reusedUnread", reusedUnread);
        m.put("sidecars", new TreeMap<>(sidecars));
        m.put("takenTime", new LinkedHashMap<>(dates));
        m.put("albums", List.copyOf(albums));
        m.put("albumsNamedByFolder", List.copyOf(albumsNamedByFolder));
        m.put("unmatched", List.copyOf(unmatched));
        m.put("orphanSidecars", List.copyOf(orphans));
        m.put("conflictingSidecars", List.copyOf(conflicts));
        m.put("notMedia", List.copyOf(notMedia));
        m.put("ignored", ignored);
        m.put("otherProducts", new TreeMap<>(otherProducts));
        m.put("duplicateNames", List.copyOf(duplicateNames));
        m.put("rejectedCount", rejectedCount);
        List<Map<String, String>> rej = new ArrayList<>();
        for (Rejected r : rejected) {
            Map<String, String> x = new LinkedHashMap<>();
            x.put("part", r.part());
            x.put("entry", r.entry());
            x.put("reason", r.reason());
            rej.add(x);
        }
        m.put("rejected", rej);
        m.put("missingParts", List.copyOf(missingParts));
        m.put("truncated", List.copyOf(truncated));
        m.put("addedCount", addedCount);
        m.put("added", List.copyOf(added));
        m.put("removedCount", removedCount);
        m.put("removed", List.copyOf(removed));
        if (!notes.isEmpty()) {
            m.put("notes", List.copyOf(notes));
        }
        return m;
    }

    /** The summary a person reads, from a stored report ({@link #toMap()}'s shape). */
    @SuppressWarnings("unchecked")
    public static List<String> summary(Map<String, Object> m) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "takeout %s: %s media files → %s items (%s duplicate copies merged, %s"
                + " unchanged and not inflated)", m.getOrDefault("export", "export"), m.get("mediaFiles"),
                m.get("items"), m.get("duplicatesMerged"), m.get("reusedUnread")));
        out.add("  sidecars by rule: " + join((Map<String, Object>) m.get("sidecars")));
        out.add("  taken time from: " + join((Map<String, Object>) m.get("takenTime")));
        List<String> albums = (List<String>) m.getOrDefault("albums", List.of());
        out.add("  albums: " + albums.size() + (albums.isEmpty() ? "" : " (" + String.join(", ",
                albums.subList(0, Math.min(8, albums.size()))) + (albums.size() > 8 ? ", …" : "") + ")"));
        count(out, m, "unmatched", "media without sidecar");
        count(out, m, "orphanSidecars", "sidecars without media");
        count(out, m, "conflictingSidecars", "sidecars whose copies disagree (not used)");
        count(out, m, "notMedia", "files that are not media (AppleDouble, __MACOSX)");
        count(out, m, "duplicateNames", "names that occur twice in one part (both imported)");
        count(out, m, "missingParts", "missing parts");
        count(out, m, "truncated", "parts cut short");
        Map<String, Object> other = (Map<String, Object>) m.getOrDefault("otherProducts", Map.of());
        if (!other.isEmpty()) {
            out.add("  not Google Photos (left out): " + join(other));
        }
        if (m.get("addedCount") instanceof Number a && m.get("removedCount") instanceof Number r
                && (a.longValue() > 0 || r.longValue() > 0)) {
            out.add("  since the previous Takeout snapshot: " + a + " added, " + r + " removed");
        }
        List<Map<String, String>> rej = (List<Map<String, String>>) m.getOrDefault("rejected", List.of());
        Object total = m.getOrDefault("rejectedCount", rej.size());
        if (!rej.isEmpty()) {
            out.add("  rejected: " + total);
            for (Map<String, String> r : rej.subList(0, Math.min(20, rej.size()))) {
                out.add("    " + r.get("part") + ": " + r.get("entry") + ": " + r.get("reason"));
            }
            if (rej.size() > 20) {
                out.add("    … (photovault report SNAPSHOT --json lists them all)");
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void count(List<String> out, Map<String, Object> m, String key, String what) {
        List<String> list = (List<String>) m.getOrDefault(key, List.of());
        if (!list.isEmpty()) {
            out.add("  " + what + ": " + list.size() + " (" + String.join(", ", list.subList(0, Math.min(3,
                    list.size()))) + (list.size() > 3 ? ", …" : "") + ")");
        }
    }

    private static String join(Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        m.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return s.toString();
    }
}
