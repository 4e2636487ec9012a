package dev.photovault.cli;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "snapshots", description = "List snapshots, oldest first.")
final class SnapshotsCommand implements Callable<Integer> {

    static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        List<SnapshotRef> snapshots = repo.listSnapshots();
        Map<String, Repository.Hold> holds = repo.holds();
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (SnapshotRef s : snapshots) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("short_id", s.shortId());
                m.putAll(VaultJson.MAPPER.convertValue(s.header(), Map.class));
                Repository.Hold hold = holds.get(s.id());
                m.put("held", hold != null);
                if (hold != null && hold.reason() != null) {
                    m.put("holdReason", hold.reason());
                }
                out.add(m);
            }
            System.out.println(VaultJson.MAPPER.writeValueAsString(out));
            return 0;
        }
        System.out.printf("%-8s  %-19s  %-12s  %-8s  %8s  %10s  %s%n", "ID", "Time", "Host", "Source", "Files", "Size",
                "Paths / tags");
        for (SnapshotRef s : snapshots) {
            SnapshotHeader h = s.header();
            String tags = h.tags().isEmpty() ? "" : " [" + String.join(",", h.tags()) + "]";
            Repository.Hold hold = holds.get(s.id());
            if (hold != null) {
                tags += " (held" + (hold.reason() == null ? "" : ": " + hold.reason()) + ")";
            }
            System.out.printf("%-8s  %-19s  %-12s  %-8s  %8d  %10s  %s%s%s%n", s.shortId(), LOCAL_TIME.format(h.time()),
                    h.hostname(), h.source(), h.stats().files(), ByteSizes.format(h.stats().totalBytes()),
                    String.join(" ", h.paths()), tags, h.partial() ? " (partial: " + h.missing().size() + " missing)" : "");
        }
        System.out.println(snapshots.size() + " snapshots");
        return 0;
    }
}
