package dev.photovault.cli;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", description = "Verify the repository; with --read-data, decrypt and verify every chunk.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--read-data", description = "Also decrypt every chunk and check its id.")
    boolean readData;

    @Option(names = "--read-data-subset", paramLabel = "PERCENT",
            description = "Decrypt only a random share of the chunks, e.g. 10%% (implies --read-data).")
    String subset;

    @Override
    public Integer call() throws Exception {
        double fraction = 1.0;
        if (subset != null) {
            readData = true;
            fraction = parsePercent(subset);
        }
        Repository repo = repository.open();
        Progress progress = new Progress();
        CheckResult result;
        try (RepositoryLock lock = repository.readLock(repo, "check");
                ProgressPrinter printer = new ProgressPrinter("check", progress::itemsDone, progress::itemsTotal,
                        progress::bytesDone, () -> 0)) {
            result = new Checker(repo, 2, progress).check(readData, fraction,
                    repo.store() instanceof dev.photovault.vault.core.archive.PortableArchive ? null : repository.cache(repo));
        }
        for (String error : result.errors()) {
            System.out.println("error: " + error);
        }
        for (String damaged : result.damagedFiles()) {
            System.out.println("damaged: snapshot " + damaged.replaceFirst(" ", " file "));
        }
        System.out.printf("%d snapshots, %d chunks referenced%s, %d unreferenced (prune removes them): %s%n",
                result.snapshots(), result.chunks(), readData ? ", " + result.chunksRead() + " read and verified" : "",
                result.unreferenced(), result.ok() ? "no errors" : result.errors().size() + " errors");
        return result.ok() ? 0 : 1;
    }

    private static double parsePercent(String text) {
        try {
            double value = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
            if (value <= 0 || value > 100) {
                throw new NumberFormatException();
            }
            return value / 100.0;
        } catch (NumberFormatException e) {
            throw new VaultException("--read-data-subset takes a share between 0 and 100%, e.g. 10%");
        }
    }
}
