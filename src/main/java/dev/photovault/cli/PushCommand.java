package dev.photovault.cli;

import dev.photovault.app.AlbumPush;
import dev.photovault.app.GooglePhotosRestore;
import dev.photovault.app.Settings;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "push", description = {"Push a folder of album folders into Google Photos: each child folder of DIR"
    + " is an album (created if missing), its photos and videos are uploaded into it once (known by content, so a"
    + " renamed file is not uploaded again)."})
final class PushCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The folder whose child folders are albums.")
    Path dir;

    @Option(names = "--mode", paramLabel = "copy|move|sync", description = "copy (default): upload what is new;"
            + " move: also delete each local file once it is in its album; sync: also remove from the albums the"
            + " items whose files were deleted here (they stay in the library: the API cannot delete media).")
    AlbumPush.Mode mode = AlbumPush.Mode.COPY;

    @Option(names = {"-n", "--dry-run"}, description = "Say what would be uploaded, created, added, removed and"
            + " deleted; send no write request and change nothing.")
    boolean dryRun;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (as for 'photovault run').")
    Path config;

    @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = "${env:PHOTOVAULT_CACHE_DIR}",
            description = "Where what was pushed is remembered (default: $PHOTOVAULT_CACHE_DIR, else"
                    + " $XDG_CACHE_HOME/photovault, else ~/.cache/photovault).")
    Path cacheDir;

    @Override
    public Integer call() throws Exception {
        Settings s = PickerCommand.settings(config);
        GooglePhotosClient client = PickerCommand.client(s);
        String account = GooglePhotosRestore.accountKey(s.get("google-photos.api-url"), s.get("google-photos.client-id"),
                s.get("google-photos.refresh-token"));
        AlbumPush.Result r = AlbumPush.push(client, dir, mode, dryRun, RepositoryOptions.cacheRoot(cacheDir), account);
        r.refused().forEach(line -> System.err.println("refused: " + line));
        if (dryRun) {
            r.plan().forEach(System.out::println);
            System.out.printf("dry run (%s): %d lines above; %d files already in their albums; nothing was sent%n",
                    mode.name().toLowerCase(java.util.Locale.ROOT), r.plan().size(), r.alreadyThere());
            return r.refused().isEmpty() ? 0 : PhotovaultCommand.INCOMPLETE;
        }
        r.removed().forEach(item -> System.out.println("removed from its album: " + item));
        System.out.printf("pushed %s (%s): %d uploaded, %d added to another album without uploading, %d already"
                + " there; %d albums created%s%s%s%n", dir, mode.name().toLowerCase(java.util.Locale.ROOT), r.uploaded(),
                r.addedToAlbums(), r.alreadyThere(), r.albumsCreated(),
                r.rebuilt() > 0 ? "; " + r.rebuilt() + " items found again in the albums (the local state was lost)" : "",
                mode == AlbumPush.Mode.MOVE ? "; " + r.deleted() + " local files deleted" : "",
                mode == AlbumPush.Mode.SYNC ? "; " + r.removed().size() + " items removed from albums" : "");
        if (!r.removed().isEmpty()) {
            System.out.println("The Google Photos API cannot delete media: the " + r.removed().size() + " items removed"
                    + " from their albums are still in the library; delete them in Google Photos if you want them gone.");
        }
        if (!r.failures().isEmpty()) {
            System.err.println("photovault: " + r.failures().size() + " files could not be pushed (the next run tries"
                    + " them again):");
            r.failures().forEach(f -> System.err.println("  " + f));
        }
        if (r.stoppedBecause() != null) {
            System.err.println("photovault: stopped: " + r.stoppedBecause());
        }
        return r.complete() ? 0 : PhotovaultCommand.INCOMPLETE;
    }
}
