package dev.photovault.cli;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.pruner.PruneResult;
import dev.photovault.vault.core.pruner.Pruner;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prune", description = "Delete chunks that no snapshot references (takes the exclusive lock).")
final class PruneCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "Keep unreferenced chunks younger than this (ISO-8601, default PT1H).")
    Duration grace;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT0S",
            description = "Wait this long for running backups to finish (ISO-8601, e.g. PT10M; default: refuse at once).")
    Duration wait;

    @Option(names = {"-n", "--dry-run"}, description = "Show what would be deleted, delete nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        try (RepositoryLock lock = RepositoryLock.acquire(repo, true, "prune", wait)) {
            run(repo, grace, dryRun);
        }
        return 0;
    }

    static void run(Repository repo, Duration grace, boolean dryRun) throws IOException {
        PruneResult r = new Pruner(repo).prune(grace, dryRun);
        System.out.printf("%s %d unreferenced chunks (%s); kept %d referenced and %d younger than %s%s%n",
                dryRun ? "would delete" : "deleted", r.chunksDeleted(), ByteSizes.format(r.bytesFreed()),
                r.chunksReferenced(), r.chunksInGrace(), grace, r.chunksLocked() == 0 ? ""
                        : "; kept " + r.chunksLocked() + " unreferenced chunks that are locked"
                                + (r.lockedUntil() == null ? "" : " until " + r.lockedUntil())
                                + " (S3 Object Lock: a prune after that deletes them)");
    }
}
