package dev.photovault.vault.core.pruner;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which snapshots to keep, with restic's semantics: the newest {@code last}; for each of the newest
 * {@code daily} days that have snapshots, that day's newest; likewise for ISO weeks, months and years. A
 * snapshot kept for any reason is kept. Applied separately to each group of snapshots with the same host,
 * source and paths. Days are counted in {@code zone}.
 *
 * @param last    newest snapshots to keep
 * @param daily   days to keep one snapshot for
 * @param weekly  weeks to keep one snapshot for
 * @param monthly months to keep one snapshot for
 * @param yearly  years to keep one snapshot for
 * @param zone    the time zone that decides where a day starts
 */
public record RetentionPolicy(int last, int daily, int weekly, int monthly, int yearly, ZoneId zone) {

    public RetentionPolicy {
        if (last < 0 || daily < 0 || weekly < 0 || monthly < 0 || yearly < 0) {
            throw new VaultException("keep counts cannot be negative");
        }
        if (last + daily + weekly + monthly + yearly == 0) {
            throw new VaultException("no --keep-* option given: refusing to forget every snapshot");
        }
    }

    /**
     * A decision about one snapshot.
     *
     * @param snapshot the snapshot
     * @param keep     whether it stays
     * @param reasons  why it stays (e.g. {@code last}, {@code daily}); empty when it goes
     */
    public record Decision(SnapshotRef snapshot, boolean keep, List<String> reasons) {
    }

    public List<Decision> apply(List<SnapshotRef> snapshots) {
        Map<String, List<SnapshotRef>> groups = new LinkedHashMap<>();
        for (SnapshotRef s : snapshots) {
            SnapshotHeader h = s.header();
            groups.computeIfAbsent(h.hostname() + "\u0000" + h.source() + "\u0000" + h.paths(), k -> new ArrayList<>()).add(s);
        }
        List<Decision> out = new ArrayList<>();
        for (List<SnapshotRef> group : groups.values()) {
            group.sort(Comparator.comparing((SnapshotRef s) -> s.header().time()).reversed());
            List<List<String>> reasons = new ArrayList<>();
            group.forEach(s -> reasons.add(new ArrayList<>()));
            keep(group, reasons, "last", last, s -> s.header().time().toString() + s.id());
            keep(group, reasons, "daily", daily, s -> local(s).toLocalDate().toString());
            keep(group, reasons, "weekly", weekly,
                    s -> local(s).get(IsoFields.WEEK_BASED_YEAR) + "-W" + local(s).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            keep(group, reasons, "monthly", monthly, s -> local(s).getYear() + "-" + local(s).getMonthValue());
            keep(group, reasons, "yearly", yearly, s -> String.valueOf(local(s).getYear()));
            for (int i = 0; i < group.size(); i++) {
                out.add(new Decision(group.get(i), !reasons.get(i).isEmpty(), List.copyOf(reasons.get(i))));
            }
        }
        out.sort(Comparator.comparing((Decision d) -> d.snapshot().header().time()));
        return out;
    }

    private ZonedDateTime local(SnapshotRef s) {
        return s.header().time().atZone(zone);
    }

    private static void keep(List<SnapshotRef> newestFirst, List<List<String>> reasons, String reason, int count,
            Function<SnapshotRef, String> bucket) {
        String lastBucket = null;
        int kept = 0;
        for (int i = 0; i < newestFirst.size() && kept < count; i++) {
            String b = bucket.apply(newestFirst.get(i));
            if (!b.equals(lastBucket)) {
                reasons.get(i).add(reason);
                lastBucket = b;
                kept++;
            }
        }
    }
}
