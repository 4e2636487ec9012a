package dev.photovault.ui;

import dev.photovault.vault.core.snapshot.Snapshot;
import java.util.function.Predicate;

/**
 * Somewhere other than a folder that the web UI can restore into — Google Photos, when {@code photovault run}
 * serves the UI with an account configured. The UI knows nothing of Google: the application hands it this.
 */
public interface ExternalRestore {

    /** What the pages call it, e.g. "Google Photos". */
    String label();

    /**
     * Restores the files of {@code snapshot} whose paths {@code include} accepts.
     *
     * @return one line saying what was done
     * @throws dev.photovault.vault.core.VaultException when it could not finish (what, and what to do)
     */
    String restore(String snapshotId, Snapshot snapshot, Predicate<String> include) throws Exception;
}
