package dev.photovault.takeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of one export: {@code takeout-YYYYMMDDTHHMMSSZ-NNN.zip} (before 2025) or
 * {@code takeout-YYYYMMDDTHHMMSSZ-K-NNN.zip}, {@code .zip} or {@code .tgz}/{@code .tar.gz}. Parts must be of one
 * export and numbered without gaps from 001 (else {@link TakeoutException}, unless missing parts are allowed).
 */
final class TakeoutParts {

    static final Pattern NAME = Pattern.compile(
            "(?i)(takeout-(\\d{8}T\\d{6}Z))(?:-(\\d+))?-(\\d{3,})\\.(zip|tgz|tar\\.gz)");

    enum Kind { ZIP, TGZ }

    /**
     * One archive of the export.
     *
     * @param path   where it is
     * @param kind   zip or gzip-compressed tar, by its first bytes
     * @param export the export's time stamp ({@code 20250301T120000Z}), or null for a renamed file
     * @param series the {@code K} of 2025-on names, or "" (a series is numbered from 001)
     * @param number the part number, or 0 for a renamed file
     */
    record Part(Path path, Kind kind, String export, String series, int number) {
        String name() {
            return path.getFileName().toString();
        }
    }

    /** The parts in number order, and what is missing (empty unless missing parts were allowed). */
    record PartSet(List<Part> parts, List<String> missing) {
    }

    private TakeoutParts() {
    }

    static PartSet check(List<Path> paths, boolean allowMissing) throws java.io.IOException {
        if (paths.isEmpty()) {
            throw new TakeoutException("no Takeout archive given");
        }
        List<Part> parts = new ArrayList<>();
        for (Path p : new TreeSet<>(paths.stream().map(Path::toAbsolutePath).map(Path::normalize).toList())) {
            if (!Files.isRegularFile(p)) {
                throw new TakeoutException(Files.exists(p) ? p + " is not a file"
                        : "no such Takeout archive: " + p);
            }
            parts.add(part(p));
        }
        TreeSet<String> exports = new TreeSet<>();
        parts.stream().map(Part::export).filter(e -> e != null).forEach(exports::add);
        if (exports.size() > 1) {
            String first = exports.first();
            Part foreign = parts.stream().filter(p -> p.export() != null && !p.export().equals(first)).findFirst()
                    .orElseThrow();
            throw new TakeoutException("the parts are of different exports: " + foreign.name() + " is not of export "
                    + first + " (" + parts.stream().filter(p -> first.equals(p.export())).findFirst().orElseThrow().name()
                    + "); import one export at a time");
        }
        Map<String, TreeSet<Integer>> numbers = new TreeMap<>();
        for (Part p : parts) {
            if (p.export() != null) {
                if (!numbers.computeIfAbsent(p.series(), k -> new TreeSet<>()).add(p.number())) {
                    throw new TakeoutException("part " + p.number() + " of export " + p.export()
                            + " is given twice (as a .zip and a .tgz?): " + p.name());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        numbers.forEach((series, nums) -> {
            for (int n = 1; n < nums.last(); n++) {
                if (!nums.contains(n)) {
                    missing.add(partName(exports.first(), series, n));
                }
            }
        });
        if (!missing.isEmpty() && !allowMissing) {
            throw new TakeoutException("the export is incomplete: " + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing; add "
                    + (missing.size() == 1 ? "it" : "them") + ", or import anyway with --allow-missing-parts"
                    + " (the snapshot is then partial)");
        }
        parts.sort(Comparator.comparing((Part p) -> p.series()).thenComparingInt(Part::number)
                .thenComparing(Part::name));
        return new PartSet(List.copyOf(parts), List.copyOf(missing));
    }

    private static String partName(String export, String series, int n) {
        return String.format(Locale.ROOT, "takeout-%s%s-%03d", export, series.isEmpty() ? "" : "-" + series, n);
    }

    private static Part part(Path p) throws java.io.IOException {
        Kind kind = sniff(p);
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
            return new Part(p, kind, m.group(2).toUpperCase(Locale.ROOT), m.group(3) == null ? "" : m.group(3),
                    Integer.parseInt(m.group(4)));
        }
        return new Part(p, kind, null, "", 0);
    }

    /** Zip or gzip by the first bytes, whatever the name says. */
    private static Kind sniff(Path p) throws java.io.IOException {
        byte[] b = new byte[4];
        int n;
        try (var in = Files.newInputStream(p)) {
            n = in.readNBytes(b, 0, 4);
        }
        if (n >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            return Kind.TGZ;
        }
        if (n >= 4 && b[0] == 'P' && b[1] == 'K') {
            return Kind.ZIP;
        }
        throw new TakeoutException(p.getFileName() + " is neither a zip nor a tgz archive (its first bytes say"
                + " otherwise): is it a Takeout part, and completely downloaded?");
    }
}
