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
 * @param copiedFrom for a snapshot written by {@code photovault copy} or into a portable archive: the repository
 *                   and snapshot it is a copy of; null for an original
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotHeader(Instant time, String hostname, String username, String source, List<String> paths,
        List<String> tags, String parent, boolean partial, List<String> missing, SnapshotStats stats,
        Map<String, Object> report, CopiedFrom copiedFrom) {

    /**
     * Where a copied snapshot came from.
     *
     * @param repository the source repository's id (its config {@code id})
     * @param snapshot   the snapshot's id there
     */
    public record CopiedFrom(String repository, String snapshot) {
    }

    public SnapshotHeader {
        paths = paths == null ? List.of() : List.copyOf(paths);
        tags = tags == null ? List.of() : List.copyOf(tags);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /** A header without a source report. */
    public SnapshotHeader(Instant time, String hostname, String username, String source, List<String> paths,
            List<String> tags, String parent, boolean partial, List<String> missing, SnapshotStats stats) {
        this(time, hostname, username, source, paths, tags, parent, partial, missing, stats, null, null);
    }

    /** A header with a source report, not a copy. */
    public SnapshotHeader(Instant time, String hostname, String username, String source, List<String> paths,
            List<String> tags, String parent, boolean partial, List<String> missing, SnapshotStats stats,
            Map<String, Object> report) {
        this(time, hostname, username, source, paths, tags, parent, partial, missing, stats, report, null);
    }

    /** This header as the copy of {@code snapshot} of {@code repository}, with another parent (or none). */
    public SnapshotHeader asCopy(String repository, String snapshot, String newParent) {
        return new SnapshotHeader(time, hostname, username, source, paths, tags, newParent, partial, missing, stats,
                report, new CopiedFrom(repository, snapshot));
    }
}
