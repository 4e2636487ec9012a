package dev.photovault.cli;

import dev.photovault.app.PickerSessions;
import dev.photovault.app.Settings;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.PhotosEndpoints;
import dev.photovault.googlephotos.api.PickerSession;
import dev.photovault.googlephotos.api.RetryPolicy;
import dev.photovault.app.GooglePhotosItems;
import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.backup.ItemBackup;
import dev.photovault.vault.core.backup.ItemBackupOptions;
import dev.photovault.vault.core.backup.ItemFailedException;
import dev.photovault.vault.core.backup.RunReport;
import dev.photovault.vault.core.repository.Repository;
import java.util.Iterator;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code photovault picker}: Picker sessions, the way to back up items of the whole Google Photos library. */
@Command(name = "picker", description = "Google Photos Picker sessions (back up items you pick from your whole library).",
        subcommands = {PickerCommand.New.class, PickerCommand.Pending.class, PickerCommand.Backup.class})
final class PickerCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static Settings settings(Path config) throws Exception {
        return Settings.load(config, Map.of());
    }

    /** A client for the configured account (secrets file, environment, config file). */
    static GooglePhotosClient client(Settings s) {
        String refreshToken = s.get("google-photos.refresh-token");
        if (refreshToken.isBlank()) {
            throw new VaultException("no Google account configured: run 'photovault auth' first (or set"
                    + " GOOGLE_PHOTOS_REFRESH_TOKEN)");
        }
        return new GooglePhotosClient(new PhotosEndpoints(s.get("google-photos.api-url"),
                s.get("google-photos.picker-url"), s.get("google-photos.token-url")), s.get("google-photos.client-id"),
                s.get("google-photos.client-secret"), refreshToken, RetryPolicy.GOOGLE);
    }

    @Command(name = "new", description = {"Start a Picker session and print the address to open; once you have"
            + " picked and pressed Done, the picker-backup route of 'photovault run' backs the items up."})
    static final class New implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "Properties file (as for 'photovault run').")
        Path config;

        @Option(names = "--max-items", paramLabel = "N", defaultValue = "2000",
                description = "Most items the user may pick (Google's limit: 2000).")
        long maxItems;

        @Override
        public Integer call() throws Exception {
            Settings s = settings(config);
            GooglePhotosClient client = client(s);
            PickerSession session = client.createPickerSession(maxItems);
            new PickerSessions(Path.of(s.get("picker.sessions-dir"))).add(session);
            System.out.println("Open this address, pick photos and videos, then press Done:");
            System.out.println("  " + session.pickerUri());
            System.out.println("Session " + session.id() + " is recorded; 'photovault run' backs it up within "
                    + "picker.cron ('" + s.get("picker.cron") + "') of your pressing Done"
                    + (session.expireTime() == null ? "." : " (it expires " + session.expireTime() + ")."));
            return 0;
        }
    }

    @Command(name = "pending", description = "List the recorded Picker sessions not backed up yet.")
    static final class Pending implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "Properties file (as for 'photovault run').")
        Path config;

        @Override
        public Integer call() throws Exception {
            Settings s = settings(config);
            var pending = new PickerSessions(Path.of(s.get("picker.sessions-dir"))).pending();
            pending.forEach(System.out::println);
            if (pending.isEmpty()) {
                System.out.println("no Picker sessions waiting");
            }
            return 0;
        }
    }

    @Command(name = "backup", description = {"Back up the recorded Picker sessions the user finished, now, without"
            + " 'photovault run': each into a 'picker' snapshot that keeps everything picked before; a session is"
            + " deleted at Google and forgotten once its snapshot is complete."})
    static final class Backup implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        RepositoryOptions repository;

        @Option(names = "--config", paramLabel = "FILE", description = "Properties file (as for 'photovault run').")
        Path config;

        @Option(names = "--label", paramLabel = "LABEL", description = "The snapshots' label (default: backup.label).")
        String label;

        @Override
        public Integer call() throws Exception {
            Settings s = settings(config);
            GooglePhotosClient client = client(s);
            PickerSessions sessions = new PickerSessions(Path.of(s.get("picker.sessions-dir")));
            Repository repo = repository.open();
            String snapshotLabel = label != null ? label : s.get("backup.label");
            int code = 0;
            int done = 0;
            for (String id : sessions.pending()) {
                PickerSession session = client.getPickerSession(id);
                if (!sessions.ready(session)) {
                    System.out.println("session " + id + ": not finished yet (the user has not pressed Done)");
                    continue;
                }
                ItemBackup backup = ItemBackup.open(repo, new ItemBackupOptions("picker", snapshotLabel, List.of(),
                        true, null, null, null, repository.cache(repo).dir(), false));
                RunReport report;
                try {
                    for (Iterator<MediaItem> it = client.listPickedItems(id); it.hasNext(); ) {
                        MediaItem item = it.next();
                        try {
                            backup.store(GooglePhotosItems.toBackupItem(item, null), () -> client.download(item));
                        } catch (ItemFailedException e) {
                            System.err.println("photovault: " + e.getMessage() + " (the next backup tries it again)");
                        }
                    }
                    report = backup.commit();
                } catch (RuntimeException | java.io.IOException e) {
                    backup.abort(e);
                    throw e;
                }
                System.out.println("session " + id + ": " + report.line());
                if (report.ok()) {
                    client.deletePickerSession(id);
                    sessions.done(id);
                    done++;
                } else {
                    code = PhotovaultCommand.INCOMPLETE;
                }
            }
            if (done == 0 && code == 0) {
                System.out.println("no finished Picker sessions to back up");
            }
            return code;
        }
    }
}
