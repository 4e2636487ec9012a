package dev.photovault.ui;

import dev.photovault.app.PhotovaultApplication;
import dev.photovault.app.RunOutcome;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.EmulatorConfig;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.store.LocalObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The library the web UI tests look at: the emulator's sample library (48 items in 4 albums) backed up by the
 * shipped Google Photos route, as {@code photovault run --once} does, into a repository in a temporary folder.
 * Made once per test JVM.
 */
final class UiTestLibrary {

    static final String PASSPHRASE = "web ui test passphrase";
    private static UiTestLibrary shared;

    final Path dir;
    final Repository repository;
    final LocalCache cache;
    final SnapshotRef snapshot;

    private UiTestLibrary(Path dir) throws Exception {
        this.dir = dir;
        Path passphrase = Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            emulator.seed(48, 4, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 1);
            Path config = EmulatorConfig.write(dir, emulator, "vault.password-file=" + passphrase,
                    "vault.initialize=true");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PhotovaultApplication app = new PhotovaultApplication(config, null, true,
                    new PrintStream(out, true, StandardCharsets.UTF_8))) {
                app.override("google-photos.client-secret", emulator.credentials().clientSecret())
                        .override("google-photos.refresh-token", emulator.credentials().refreshToken());
                app.start();
                List<RunOutcome> outcomes = app.runBackupsOnce();
                if (outcomes.stream().noneMatch(o -> o.routeId().equals("google-photos-backup") && o.ok())) {
                    throw new IllegalStateException("the backup of the emulator's library failed: " + outcomes
                            + "\n" + out);
                }
            }
        }
        repository = Repository.open(new LocalObjectStore(dir.resolve("vault")), PASSPHRASE.toCharArray());
        cache = LocalCache.of(dir.resolve("cache"), repository.config().id());
        snapshot = repository.resolveSnapshot("latest");
    }

    static synchronized UiTestLibrary get() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("photovault-ui-test");
            shared = new UiTestLibrary(dir);
        }
        return shared;
    }

    Snapshot load() throws Exception {
        return repository.loadSnapshot(snapshot.id());
    }

    /** The position of the first file entry of album {@code album}. */
    int indexOf(java.util.function.Predicate<Entry> which) throws Exception {
        List<Entry> entries = load().entries();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).isFile() && which.test(entries.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no such entry");
    }

    /** A fresh web UI over the library (its own sessions and rate limit), restoring into {@code restoreRoot}. */
    WebUi start(Path restoreRoot) throws Exception {
        return WebUi.start(repository, cache, restoreRoot, "127.0.0.1", 0);
    }
}
