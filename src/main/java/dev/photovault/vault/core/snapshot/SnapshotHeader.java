package dev.photovault.vault.core.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything about a snapshot but its entries.
 *
 * @param time     when the backup started
 * @param hostname the machine that made it
 * @param username the user who ran it
 * @param source   what was backed up: {@code local}, {@code google-photos}, {@code picker}, {@code takeout}
 * @param paths    the roots backed up (for local backups, absolute paths)
 * @param tags     the user's labels
 * @param parent   the snapshot whose unchanged files were reused, if any
 * @param partial  true when some items could not be read; {@code missing} names them
 * @param missing  items that the backup could not store (the next backup tries them again)
 * @param stats    what the backup did
 * @param report   what the source reported of the run (a Takeout import's report: sidecar rules, albums, dates by
 *                 source, rejected entries, …), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotHeader(Instant time, String hostname, String username, String source, List<String> paths,
        List<String> tags, String parent, boolean partial, List<String> missing, SnapshotStats stats,
        Map<String, Object> report) {

    public SnapshotHeader {
        paths = paths == null ? List.of() : List.copyOf(paths);
        tags = tags == null ? List.of() : List.copyOf(tags);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /** A header without a source report. */
    public SnapshotHeader(Instant time, String hostname, String username, String source, List<String> paths,
            List<String> tags, String parent, boolean partial, List<String> missing, SnapshotStats stats) {
        this(time, hostname, username, source, paths, tags, parent, partial, missing, stats, null);
    }
}
