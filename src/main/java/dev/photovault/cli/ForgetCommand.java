package dev.photovault.cli;

import dev.photovault.vault.core.pruner.Pruner;
import dev.photovault.vault.core.pruner.RetentionPolicy;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "forget", description = "Remove snapshots by a retention policy (per host, source and paths).")
final class ForgetCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N snapshots.")
    int last;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest snapshot of each of N days.")
    int daily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep the newest snapshot of each of N weeks.")
    int weekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "Keep the newest snapshot of each of N months.")
    int monthly;

    @Option(names = "--keep-yearly", paramLabel = "N", description = "Keep the newest snapshot of each of N years.")
    int yearly;

    @Option(names = {"-n", "--dry-run"}, description = "Show what would be removed, remove nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Prune unreferenced chunks afterwards.")
    boolean prune;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "With --prune: keep unreferenced chunks younger than this (ISO-8601, default PT1H).")
    Duration grace;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT0S",
            description = "Wait this long for running backups to finish (ISO-8601, e.g. PT10M; default: refuse at once).")
    Duration wait;

    @Override
    public Integer call() throws Exception {
        RetentionPolicy policy = new RetentionPolicy(last, daily, weekly, monthly, yearly, ZoneId.systemDefault());
        Repository repo = repository.open();
        int removed = 0;
        try (RepositoryLock lock = RepositoryLock.acquire(repo, true, "forget", wait)) {
            List<RetentionPolicy.Decision> decisions = new Pruner(repo).forget(policy, dryRun);
            for (RetentionPolicy.Decision d : decisions) {
                System.out.printf("%s %s  %s  %s%n", d.keep() ? "keep  " : "remove", d.snapshot().shortId(),
                        SnapshotsCommand.LOCAL_TIME.format(d.snapshot().header().time()),
                        d.keep() ? String.join(",", d.reasons()) : "");
                if (!d.keep()) {
                    removed++;
                }
            }
            if (!dryRun) {
                repository.cache(repo).forgetSnapshots(decisions.stream().filter(d -> !d.keep())
                        .map(d -> d.snapshot().id()).toList());
            }
            System.out.printf("%s %d snapshots, kept %d%n", dryRun ? "would remove" : "removed", removed,
                    decisions.size() - removed);
            if (prune) {
                PruneCommand.run(repo, grace, dryRun);
            }
        }
        return 0;
    }
}
