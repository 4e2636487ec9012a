package dev.photovault.cli;

import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.snapshot.MediaInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", description = "List a snapshot's entries.")
final class LsCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, or 'latest'.")
    String snapshot;

    @Option(names = "--json", description = "One JSON object per line: path, type, size, sha256, albums, takenTime, geo, …")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        List<Entry> entries = repo.loadSnapshot(ref.id()).entries();
        Map<String, String> pathBySourceId = new HashMap<>();
        if (json) {
            for (Entry e : entries) {
                if (e.media() != null && e.media().sourceId() != null) {
                    pathBySourceId.putIfAbsent(e.media().sourceId(), e.path());
                }
            }
        }
        for (Entry e : entries) {
            if (json) {
                System.out.println(VaultJson.MAPPER.writeValueAsString(jsonLine(e, pathBySourceId)));
            } else {
                String kind = switch (e.type()) {
                    case DIR -> "d";
                    case SYMLINK -> "l";
                    case FILE -> "-";
                };
                System.out.printf("%s %12d  %s  %s%s%n", kind, e.size(), SnapshotsCommand.LOCAL_TIME.format(e.mtime()),
                        e.path(), e.linkTarget() == null ? "" : " -> " + e.linkTarget());
            }
        }
        return 0;
    }

    /**
     * One entry as {@code ls --json} prints it: the photo fields at the top level, null where unknown, the same
     * for every source (docs/takeout.md lists them).
     */
    static Map<String, Object> jsonLine(Entry e, Map<String, String> pathBySourceId) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("path", e.path());
        line.put("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
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
}
