package dev.photovault.app;

import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.ui.ExternalRestore;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Restores from the web UI into the Google Photos account {@code photovault run} backs up: the same restore as
 * {@code photovault restore --to google-photos} (every album, dates and places written into JPEGs' EXIF, a resume
 * state per account and snapshot in the repository's cache folder), with the album prefix of the routes.
 */
final class GooglePhotosUiRestore implements ExternalRestore {

    private final Repository repository;
    private final GooglePhotosClient client;
    private final String account;
    private final String albumPrefix;
    private final Path stateDir;

    GooglePhotosUiRestore(Repository repository, GooglePhotosClient client, String account, String albumPrefix,
            Path stateDir) {
        this.repository = repository;
        this.client = client;
        this.account = account;
        this.albumPrefix = albumPrefix;
        this.stateDir = stateDir;
    }

    @Override
    public String label() {
        return "Google Photos";
    }

    @Override
    public String restore(String snapshotId, Snapshot snapshot, Predicate<String> include) throws Exception {
        GooglePhotosRestore.Result r = GooglePhotosRestore.restore(repository, snapshotId, snapshot, client, account,
                new GooglePhotosRestore.Options(albumPrefix, include, false, true, stateDir));
        String done = String.format(Locale.ROOT, "%d items uploaded, %d already there; %d albums created, %d found",
                r.uploaded(), r.alreadyThere(), r.albumsCreated(), r.albumsFound());
        if (r.stoppedBecause() != null) {
            throw new VaultException(done + "; stopped: " + r.stoppedBecause() + " (restore again later: it resumes)");
        }
        if (!r.failures().isEmpty()) {
            throw new VaultException(done + "; " + r.failures().size() + " items failed, e.g. " + r.failures().get(0)
                    + " (restore again: it resumes)");
        }
        return done;
    }

    @Override
    public String toString() {
        return "GooglePhotosUiRestore[" + account + "]";
    }
}
