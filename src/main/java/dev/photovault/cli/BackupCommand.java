package dev.photovault.cli;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archiver.BackupResult;
import dev.photovault.takeout.TakeoutImport;
import dev.photovault.takeout.TakeoutReport;
import dev.photovault.vault.core.backup.ItemBackup;
import dev.photovault.vault.core.backup.ItemBackupOptions;
import dev.photovault.vault.core.backup.RunReport;
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

@Command(name = "backup", description = {"Back up folders into a new snapshot; prints a one-line summary.",
    "With --takeout, import the parts (.zip/.tgz) of one Google Takeout export as one snapshot (source takeout)."})
final class BackupCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Folders (or files) to back up; with --takeout, the parts of one export.")
    List<Path> paths;

    @Option(names = "--takeout", description = "The PATHs are the parts of one Google Takeout export: import them"
            + " (streaming, nothing extracted) with their sidecar metadata and albums.")
    boolean takeout;

    @Option(names = "--allow-missing-parts", description = "With --takeout: import even when part numbers have gaps"
            + " (the snapshot is then partial).")
    boolean allowMissingParts;

    @Option(names = "--label", paramLabel = "LABEL", description = "With --takeout: the snapshot's label (default"
            + " takeout); the next import of the same label compares with it.")
    String label = "takeout";

    @Option(names = "--tag", paramLabel = "TAG", description = "Label the snapshot (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-n", "--dry-run"}, description = "Read and chunk everything, write nothing.")
    boolean dryRun;

    @Option(names = "--parent", paramLabel = "SNAPSHOT",
            description = "Compare against this snapshot instead of the latest one of the same paths.")
    String parent;

    @Option(names = "--workers", paramLabel = "N", description = "Files processed at once (default: cores, at least 2).")
    int workers = BackupOptions.defaults().workers();

    @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "How long to wait for a prune or forget (they lock the repository alone) to finish"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration lockWait;

    @Override
    public Integer call() throws Exception {
        if (takeout) {
            return takeout();
        }
        RepositoryOptions.Opening opening = repository.openInBackground();
        Progress progress = new Progress();
        // The walk needs no key: it runs while the key is derived.
        Archiver.Scan scan = Archiver.scan(paths, progress);
        Repository repo = opening.get();
        BackupResult result;
        long waitFrom = System.nanoTime();
        try (RepositoryLock lock = RepositoryLock.acquire(repo, false, "backup", lockWait)) {
            if (System.nanoTime() - waitFrom > java.util.concurrent.TimeUnit.SECONDS.toNanos(2)) {
                progress = new Progress(); // waited for another command's lock: what was found may be stale
                scan = Archiver.scan(paths, progress);
            }
            Progress shown = progress;
            try (ProgressPrinter printer = new ProgressPrinter("backup", shown::itemsDone, shown::itemsTotal,
                    shown::bytesDone, shown::bytesTotal)) {
                result = new Archiver(repo, new BackupOptions(tags, dryRun, workers, parent), shown).backup(scan);
            }
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

    private int takeout() throws Exception {
        if (parent != null) {
            throw new dev.photovault.vault.core.VaultException("--parent is for folder backups: a Takeout import"
                    + " compares with the previous snapshot of its --label");
        }
        TakeoutImport.checkParts(paths, allowMissingParts);
        Repository repo = repository.open();
        ItemBackupOptions options = new ItemBackupOptions("takeout", label, withTakeoutTag(tags), false, lockWait,
                null, null, repository.cache(repo).dir(), false);
        ItemBackup backup = ItemBackup.open(repo, dryRun ? options.asDryRun() : options);
        TakeoutReport report;
        RunReport run;
        try {
            report = TakeoutImport.run(paths, backup, new TakeoutImport.Options(allowMissingParts, workers));
            run = backup.commit();
        } catch (RuntimeException | java.io.IOException e) {
            backup.abort(e);
            throw e;
        }
        TakeoutReport.summary(report.toMap()).forEach(System.out::println);
        System.out.println(run.line());
        if (!run.missing().isEmpty()) {
            System.err.println("photovault: the snapshot is partial; missing:");
            run.missing().forEach(m -> System.err.println("  " + m));
        }
        if (report.rejectedCount() > 0) {
            System.err.println("photovault: " + report.rejectedCount() + " archive entries were rejected (listed above;"
                    + " photovault report " + (run.snapshot() == null ? "SNAPSHOT" : run.snapshot().substring(0, 8))
                    + " shows them all)");
        }
        return report.rejectedCount() > 0 || !run.missing().isEmpty() ? PhotovaultCommand.INCOMPLETE : 0;
    }

    private static List<String> withTakeoutTag(List<String> tags) {
        List<String> out = new ArrayList<>(tags);
        if (!out.contains("takeout")) {
            out.add("takeout");
        }
        return out;
    }
}
