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

@Command(name = "restore", description = "Restore a snapshot's files, bit-exact, with album folders and times.")
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, or 'latest'.")
    String snapshot;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "DIR", description = "Where to write the files.")
    Path target;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Only entries whose path matches, e.g. 'Summer/**' or '**.jpg'.")
    String include;

    @Option(names = "--sidecars", paramLabel = "json|xmp", description = "Also write each photo's recovered"
            + " metadata (taken time, place, caption, albums, people, favourite) beside it: <file>.json, or <file>.xmp"
            + " as darktable and digiKam read it.")
    dev.photovault.vault.core.restorer.Sidecars.Format sidecars = dev.photovault.vault.core.restorer.Sidecars.Format.NONE;

    @Option(names = "--workers", paramLabel = "N", description = "Files written at once (default 4: reads and writes overlap).")
    int workers = 4;

    @Override
    public Integer call() throws Exception {
        if (workers < 1) {
            throw new dev.photovault.vault.core.VaultException("--workers must be at least 1, not " + workers);
        }
        java.util.function.Predicate<String> filter = Restorer.glob(include);
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        Progress progress = new Progress();
        RestoreResult result;
        try (RepositoryLock lock = repository.readLock(repo, "restore");
                ProgressPrinter printer = new ProgressPrinter("restore", progress::itemsDone, progress::itemsTotal,
                        progress::bytesDone, progress::bytesTotal)) {
            result = new Restorer(repo, workers, progress).withSidecars(sidecars).restore(repo.loadSnapshot(ref.id()), target, filter);
        }
        System.out.printf("restored snapshot %s to %s: %d files written (%s), %d already present%n", ref.shortId(),
                target, result.files(), ByteSizes.format(result.bytes()), result.unchanged());
        if (!result.failures().isEmpty()) {
            System.err.println("photovault: " + result.failures().size() + " files could not be restored:");
            result.failures().forEach(f -> System.err.println("  " + f));
            return PhotovaultCommand.INCOMPLETE;
        }
        return 0;
    }
}
