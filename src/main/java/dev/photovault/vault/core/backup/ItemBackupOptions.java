package dev.photovault.vault.core.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How an item backup runs.
 *
 * @param source        what is backed up ({@code google-photos}, {@code picker}, {@code takeout}, …), recorded in
 *                      the snapshot; with {@code label} it finds the previous snapshot to compare with
 * @param label         the snapshot's label (e.g. the account); recorded as its path
 * @param tags          the user's tags
 * @param carryForward  keep every item of the previous snapshot that this run did not meet (Picker sessions add
 *                      to what was picked before)
 * @param lockWait      how long to wait for an exclusive lock (a prune) to go
 * @param progressEvery how often a progress line is logged
 * @param counters      the source's request counters, for the run report
 * @param reportDir     where run reports are kept ({@code <cache dir>/<repository id>}), or null for none
 * @param dryRun        find out what would be read, read and write nothing (no body is opened, no lock, chunk
 *                      or snapshot written)
 */
public record ItemBackupOptions(String source, String label, List<String> tags, boolean carryForward,
        Duration lockWait, Duration progressEvery, RequestCounters counters, Path reportDir, boolean dryRun) {

    public ItemBackupOptions {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a backup needs a source");
        }
        label = label == null || label.isBlank() ? source : label;
        tags = tags == null ? List.of() : List.copyOf(tags);
        lockWait = lockWait == null ? Duration.ofMinutes(10) : lockWait;
        progressEvery = progressEvery == null ? Duration.ofSeconds(10) : progressEvery;
        counters = counters == null ? RequestCounters.NONE : counters;
    }

    /** The same options for a dry run. */
    public ItemBackupOptions asDryRun() {
        return new ItemBackupOptions(source, label, tags, carryForward, lockWait, progressEvery, counters, reportDir,
                true);
    }

    /** A backup of {@code source} under {@code label} with every other option at its default. */
    public static ItemBackupOptions of(String source, String label) {
        return new ItemBackupOptions(source, label, List.of(), false, null, null, null, null, false);
    }
}
