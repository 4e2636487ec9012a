package dev.photovault.cli;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = {"Restore a snapshot's files, bit-exact, with album folders and times.",
    "With --to google-photos, restore it into the configured Google Photos account: albums recreated, items"
    + " uploaded with their descriptions, dates and places (written into JPEGs' EXIF), resumable."})
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, or 'latest'.")
    String snapshot;

    @Option(names = {"-t", "--target"}, paramLabel = "DIR", description = "Where to write the files.")
    Path target;

    @Option(names = "--to", paramLabel = "google-photos|URI", description = "Restore into Google Photos (the account of"
            + " 'photovault auth', --config or GOOGLE_PHOTOS_* variables), or into any Camel producer endpoint"
            + " (file:DIR?keepLastModified=true, aws2-s3://bucket?…, sftp:…) with album folders in the file names,"
            + " instead of a folder.")
    String to;

    @Option(names = "--album-prefix", paramLabel = "TEXT", defaultValue = "",
            description = "With --to google-photos: put this before every album title, e.g. 'Restored '.")
    String albumPrefix;

    @Option(names = "--embed-metadata", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --to google-photos: write the snapshot's taken time and place into uploaded JPEGs"
                    + " whose date or place came from outside the file (default; --no-embed-metadata uploads the"
                    + " original bytes).")
    boolean embedMetadata;

    @Option(names = "--config", paramLabel = "FILE", description = "With --to google-photos: properties file (as for"
            + " 'photovault run').")
    Path config;

    @Option(names = {"-n", "--dry-run"}, description = "With --to google-photos: say which albums would be created"
            + " and which items uploaded; send no write request.")
    boolean dryRun;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Only entries whose path matches, e.g. 'Summer/**' or '**.jpg'.")
    String include;

    @Option(names = "--sidecars", paramLabel = "json|xmp", description = "Also write each photo's recovered"
            + " metadata (taken time, place, caption, albums, people, favourite) beside it: <file>.json, or <file>.xmp"
            + " as darktable and digiKam read it.")
    dev.photovault.vault.core.restorer.Sidecars.Format sidecars = dev.photovault.vault.core.restorer.Sidecars.Format.NONE;

    @Option(names = "--sync", description = "Keep --target a plain mirror of the snapshot: write what is new or"
            + " changed and remove what the snapshot no longer holds (only in an empty folder, or one an earlier"
            + " --sync made).")
    boolean sync;

    @Option(names = "--workers", paramLabel = "N", description = "Files written at once (default 4: reads and writes overlap).")
    int workers = 4;

    @Override
    public Integer call() throws Exception {
        if (workers < 1) {
            throw new dev.photovault.vault.core.VaultException("--workers must be at least 1, not " + workers);
        }
        if ((target == null) == (to == null)) {
            throw new dev.photovault.vault.core.VaultException("say where to restore: --target DIR, or --to"
                    + " google-photos");
        }
        java.util.function.Predicate<String> filter = Restorer.glob(include);
        if (to != null) {
            return "google-photos".equals(to) ? toGooglePhotos(filter) : toEndpoint(filter);
        }
        if (dryRun) {
            throw new dev.photovault.vault.core.VaultException("--dry-run is for --to google-photos; a folder"
                    + " restore writes only what is missing or different anyway");
        }
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        Progress progress = new Progress();
        RestoreResult result;
        try (RepositoryLock lock = repository.readLock(repo, "restore");
                ProgressPrinter printer = new ProgressPrinter("restore", progress::itemsDone, progress::itemsTotal,
                        progress::bytesDone, progress::bytesTotal)) {
            result = new Restorer(repo, workers, progress).withSidecars(sidecars).withSync(sync).restore(repo.loadSnapshot(ref.id()), target, filter);
        }
        System.out.printf("restored snapshot %s to %s: %d files written (%s), %d already present%s%n", ref.shortId(),
                target, result.files(), ByteSizes.format(result.bytes()), result.unchanged(),
                sync ? ", " + result.removed() + " removed (no longer in the snapshot)" : "");
        if (!result.failures().isEmpty()) {
            System.err.println("photovault: " + result.failures().size() + " files could not be restored:");
            result.failures().forEach(f -> System.err.println("  " + f));
            return PhotovaultCommand.INCOMPLETE;
        }
        return 0;
    }

    private int toEndpoint(java.util.function.Predicate<String> filter) throws Exception {
        if (dryRun) {
            throw new dev.photovault.vault.core.VaultException("--dry-run is for --to google-photos");
        }
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        dev.photovault.vault.EndpointRestore.Result r;
        try (RepositoryLock lock = repository.readLock(repo, "restore")) {
            r = dev.photovault.vault.EndpointRestore.restore(dev.photovault.vault.CamelStores.context(), to, repo,
                    repo.loadSnapshot(ref.id()), filter);
        } catch (org.apache.camel.NoSuchEndpointException | org.apache.camel.ResolveEndpointFailedException e) {
            throw new dev.photovault.vault.core.VaultException("--to " + org.apache.camel.util.URISupport.sanitizeUri(to)
                    + " is not an endpoint photovault can write to: "
                    + org.apache.camel.util.URISupport.sanitizeUri(String.valueOf(e.getMessage())));
        }
        System.out.printf("restored snapshot %s to %s: %d files sent (%s)%n", ref.shortId(),
                org.apache.camel.util.URISupport.sanitizeUri(to), r.files(), ByteSizes.format(r.bytes()));
        if (!r.failures().isEmpty()) {
            System.err.println("photovault: " + r.failures().size() + " files could not be sent:");
            r.failures().forEach(f -> System.err.println("  " + f));
            return PhotovaultCommand.INCOMPLETE;
        }
        return 0;
    }

    private int toGooglePhotos(java.util.function.Predicate<String> filter) throws Exception {
        dev.photovault.app.Settings s = PickerCommand.settings(config);
        dev.photovault.googlephotos.api.GooglePhotosClient client = PickerCommand.client(s);
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        dev.photovault.app.GooglePhotosRestore.Result r;
        try (RepositoryLock lock = repository.readLock(repo, "restore")) {
            r = dev.photovault.app.GooglePhotosRestore.restore(repo, ref.id(), repo.loadSnapshot(ref.id()), client,
                    dev.photovault.app.GooglePhotosRestore.accountKey(s.get("google-photos.api-url"),
                            s.get("google-photos.client-id"), s.get("google-photos.refresh-token")),
                    new dev.photovault.app.GooglePhotosRestore.Options(albumPrefix, filter, dryRun, embedMetadata,
                            repository.cache(repo).dir()));
        }
        if (dryRun) {
            r.wouldCreate().forEach(a -> System.out.println("would create album " + a));
            r.wouldUpload().forEach(p -> System.out.println("would upload " + p));
            System.out.printf("dry run: %d albums to create, %d found; %d items to upload, %d already there;"
                    + " nothing was sent%n", r.wouldCreate().size(), r.albumsFound(), r.wouldUpload().size(),
                    r.alreadyThere());
            return 0;
        }
        System.out.printf("restored snapshot %s into Google Photos: %d items uploaded (%d with the snapshot's date or"
                + " place written into their EXIF), %d already there; %d albums created, %d found; %d added to"
                + " albums%n", ref.shortId(), r.uploaded(), r.embedded(), r.alreadyThere(), r.albumsCreated(),
                r.albumsFound(), r.albumAdds());
        if (!r.failures().isEmpty()) {
            System.err.println("photovault: " + r.failures().size() + " items could not be restored (the next run"
                    + " tries them again):");
            r.failures().forEach(f -> System.err.println("  " + f));
        }
        if (r.stoppedBecause() != null) {
            System.err.println("photovault: stopped: " + r.stoppedBecause());
        }
        return r.complete() ? 0 : PhotovaultCommand.INCOMPLETE;
    }
}
