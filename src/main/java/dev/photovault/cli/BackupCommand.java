package dev.photovault.cli;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archiver.BackupResult;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.snapshot.SnapshotStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", description = "Back up folders into a new snapshot; prints a one-line summary.")
final class BackupCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders (or files) to back up.")
    List<Path> paths;

    @Option(names = "--tag", paramLabel = "TAG", description = "Label the snapshot (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-n", "--dry-run"}, description = "Read and chunk everything, write nothing.")
    boolean dryRun;

    @Option(names = "--parent", paramLabel = "SNAPSHOT",
            description = "Compare against this snapshot instead of the latest one of the same paths.")
    String parent;

    @Option(names = "--workers", paramLabel = "N", description = "Files processed at once (default: cores, at least 2).")
    int workers = BackupOptions.defaults().workers();

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        Progress progress = new Progress();
        BackupResult result;
        try (RepositoryLock lock = RepositoryLock.acquire(repo, false, "backup", Duration.ZERO);
                ProgressPrinter printer = new ProgressPrinter("backup", progress::itemsDone, progress::itemsTotal,
                        progress::bytesDone, progress::bytesTotal)) {
            result = new Archiver(repo, new BackupOptions(tags, dryRun, workers, parent), progress).backup(paths);
        }
        SnapshotStats s = result.header().stats();
        String what = dryRun ? "dry run, nothing written" : "snapshot " + result.snapshotId().substring(0, 8) + " saved";
        String dedup = s.bytesRead() == 0 ? ""
                : String.format(Locale.ROOT, ", %.1f%% deduplicated", 100.0 * (s.bytesRead() - s.bytesNew()) / s.bytesRead());
        System.out.printf(Locale.ROOT, "%s: %d files, %s; %d new or changed, %d unchanged; %s read, %s added"
                + " (%d chunks, %s stored%s) in %s%n", what, s.files(), ByteSizes.format(s.totalBytes()), s.filesNew(),
                s.filesUnchanged(), ByteSizes.format(s.bytesRead()), ByteSizes.format(s.bytesNew()), s.chunksNew(),
                ByteSizes.format(s.bytesStored()), dedup, ByteSizes.duration(s.durationMillis()));
        if (result.header().partial()) {
            System.err.println("photovault: " + result.header().missing().size()
                    + " files could not be read and are not in this snapshot (the next backup tries them again):");
            result.header().missing().forEach(m -> System.err.println("  " + m));
            return PhotovaultCommand.INCOMPLETE;
        }
        return 0;
    }
}
