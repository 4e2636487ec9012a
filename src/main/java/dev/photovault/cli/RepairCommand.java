package dev.photovault.cli;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.repair.Repairer;
import dev.photovault.vault.core.repository.DamagedObject;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code repair index} and {@code repair snapshots}: heal a repository that {@code check} found damaged. */
@Command(name = "repair", description = "Heal a damaged repository (takes the exclusive lock).",
        subcommands = {RepairCommand.Index.class, RepairCommand.Snapshots.class})
final class RepairCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "index", description = "Rebuild the index from the chunks that really exist, so that the next"
            + " backup writes missing chunks again.")
    static final class Index implements Callable<Integer> {

        @Mixin
        RepositoryOptions repository;

        @Option(names = "--read-data", description = "Also decrypt every chunk and remove the damaged ones (the next"
                + " backup of the same files writes them again).")
        boolean readData;

        @Option(names = {"-n", "--dry-run"}, description = "Show what would change, change nothing.")
        boolean dryRun;

        @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT0S",
                description = "Wait this long for running backups to finish (ISO-8601; default: refuse at once).")
        Duration wait;

        @Override
        public Integer call() throws Exception {
            Repository repo = repository.open();
            Progress progress = new Progress();
            Repairer.IndexRepair r;
            try (RepositoryLock lock = RepositoryLock.acquire(repo, true, "repair index", wait);
                    ProgressPrinter printer = new ProgressPrinter("repair", progress::itemsDone, progress::itemsTotal,
                            progress::bytesDone, () -> 0)) {
                r = new Repairer(repo, 2, progress).repairIndex(readData, dryRun);
            }
            for (String id : r.damagedRemoved()) {
                System.out.println(id.startsWith("packs/")
                        ? "pack " + id + " has a damaged header and no index names its chunks: they are left out"
                        : (dryRun ? "would remove" : "removed") + " damaged chunk " + id);
            }
            System.out.printf("%s: %d chunks indexed, %d listed before but missing, %d damaged %s, %d index"
                    + " deltas replaced%n", dryRun ? "dry run, nothing changed" : "index rebuilt", r.chunksIndexed(),
                    r.missingDropped(), r.damagedRemoved().size(), dryRun ? "found" : "removed", r.deltasReplaced());
            if (!dryRun && (r.missingDropped() > 0 || !r.damagedRemoved().isEmpty())) {
                System.out.println("Back up the same sources again: the next backup writes the missing chunks, and"
                        + " every snapshot that needs them is whole again ('photovault check' tells).");
            }
            return 0;
        }
    }

    @Command(name = "snapshots", description = "Remove snapshots that cannot be read, and stray files in snapshots/.")
    static final class Snapshots implements Callable<Integer> {

        @Mixin
        RepositoryOptions repository;

        @Option(names = {"-n", "--dry-run"}, description = "Show what would be removed, remove nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            Repository repo = repository.open();
            List<DamagedObject> found;
            try (RepositoryLock lock = RepositoryLock.acquire(repo, true, "repair snapshots", Duration.ZERO)) {
                found = new Repairer(repo, 1, new Progress()).repairSnapshots(dryRun);
            }
            for (DamagedObject d : found) {
                System.out.println((dryRun ? "would remove " : "removed ") + d.describe());
            }
            if (!dryRun) {
                repository.cache(repo).forgetSnapshots(found.stream()
                        .map(d -> d.key().substring(d.key().indexOf('/') + 1)).toList());
            }
            System.out.printf("%s %d damaged snapshot objects%n", dryRun ? "would remove" : "removed", found.size());
            return 0;
        }
    }
}
