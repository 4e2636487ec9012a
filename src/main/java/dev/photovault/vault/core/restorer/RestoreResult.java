package dev.photovault.vault.core.restorer;

import java.util.List;

/**
 * The outcome of a restore.
 *
 * @param files     files written
 * @param unchanged files already present with the right content, left alone
 * @param bytes     bytes written
 * @param failures  one line per file that could not be restored, naming the file and the damage
 * @param removed   with {@code --sync}: files and folders removed from the target because the snapshot no longer
 *                  holds them
 */
public record RestoreResult(long files, long unchanged, long bytes, List<String> failures, long removed) {

    public RestoreResult(long files, long unchanged, long bytes, List<String> failures) {
        this(files, unchanged, bytes, failures, 0);
    }
}
