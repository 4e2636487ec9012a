package dev.photovault.vault.core.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.photovault.vault.core.ByteSizes;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one backup run did, written as JSON to the repository's local cache and POSTed to the notification URLs.
 *
 * @param status        {@code complete}, {@code partial} (committed with items missing) or {@code failed} (no
 *                      snapshot written)
 * @param source        the backup's source label (e.g. {@code google-photos})
 * @param repository    where the repository is (never credentials)
 * @param snapshot      the snapshot written, or null
 * @param parent        the snapshot whose unchanged items were reused, or null
 * @param started       when the run started
 * @param durationMillis how long it took
 * @param itemsSeen     items the source offered
 * @param itemsNew      items whose content was read and stored
 * @param itemsReused   items taken from the parent snapshot without reading them
 * @param itemsFailed   items that could not be stored (listed in {@code missing})
 * @param missing       the paths of those items; the next run tries them again
 * @param bytesRead     content bytes read from the source
 * @param bytesWritten  bytes written to the store for new chunks (encrypted)
 * @param chunksWritten new chunks
 * @param dedupRatio    bytes read per new plaintext byte stored (1.0: nothing was a duplicate); null when
 *                      nothing was read or nothing read was new
 * @param requests      requests the sources spent during the run (e.g. {@code google-photos.api},
 *                      {@code google-photos.media})
 * @param error         why the run failed, or null
 * @param toRead        in a dry run: the paths of the items a real run would read (new or changed)
 * @param label         the snapshots' label (with several accounts, the account's)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(String status, String source, String repository, String snapshot, String parent,
        Instant started, long durationMillis, long itemsSeen, long itemsNew, long itemsReused, long itemsFailed,
        List<String> missing, long bytesRead, long bytesWritten, long chunksWritten, Double dedupRatio,
        Map<String, Long> requests, String error, List<String> toRead, String label) {

    public static final String COMPLETE = "complete";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";
    /** A dry run: nothing was read or written; {@code toRead} names what a real run would read. */
    public static final String DRY_RUN = "dry-run";

    public boolean ok() {
        return COMPLETE.equals(status) || DRY_RUN.equals(status);
    }

    /** The one line a run ends with in the log. */
    public String line() {
        if (DRY_RUN.equals(status)) {
            return String.format(Locale.ROOT, "backup %s: dry run, nothing read or written: %d items, %d would be"
                    + " downloaded (new or changed), %d unchanged; %s", source, itemsSeen, itemsNew, itemsReused,
                    requests.isEmpty() ? "no requests counted" : requests.entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse(""));
        }
        StringBuilder s = new StringBuilder("backup ").append(source).append(": ").append(status);
        if (snapshot != null) {
            s.append(", snapshot ").append(snapshot, 0, Math.min(8, snapshot.length()));
        }
        s.append(String.format(Locale.ROOT, ": %d items (%d new, %d reused, %d failed), %s read, %s written",
                itemsSeen, itemsNew, itemsReused, itemsFailed, ByteSizes.format(bytesRead),
                ByteSizes.format(bytesWritten)));
        if (dedupRatio != null) {
            s.append(String.format(Locale.ROOT, ", dedup %.2fx", dedupRatio));
        }
        requests.forEach((name, count) -> s.append(", ").append(count).append(' ').append(name));
        s.append(" in ").append(ByteSizes.duration(durationMillis));
        if (label != null && !label.equals(source)) {
            s.append(", label ").append(label);
        }
        if (!missing.isEmpty()) {
            s.append("; missing ").append(missing.size()).append(" (the next run tries them again)");
        }
        if (error != null) {
            s.append("; ").append(error);
        }
        return s.toString();
    }
}
