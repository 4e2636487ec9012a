package dev.photovault.vault.core.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotHeader(Instant time, String hostname, String username, String source, List<String> paths,
        List<String> tags, String parent, boolean partial, List<String> missing, SnapshotStats stats) {

    public SnapshotHeader {
        paths = paths == null ? List.of() : List.copyOf(paths);
        tags = tags == null ? List.of() : List.copyOf(tags);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
