package dev.photovault.cli;

import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.repository.Repository;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Create a repository.")
final class InitCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @ArgGroup(exclusive = false)
    RepositoryOptions.KdfOptions kdf = new RepositoryOptions.KdfOptions();

    @Option(names = "--chunk-min", paramLabel = "BYTES", description = "Smallest chunk (default 524288).")
    int min = ChunkerParams.PRODUCTION.min();

    @Option(names = "--chunk-avg", paramLabel = "BYTES", description = "Average chunk (default 1048576).")
    int avg = ChunkerParams.PRODUCTION.avg();

    @Option(names = "--chunk-max", paramLabel = "BYTES", description = "Largest chunk (default 8388608).")
    int max = ChunkerParams.PRODUCTION.max();

    @Override
    public Integer call() throws Exception {
        ChunkerParams chunker = new ChunkerParams(min, avg, max, 1);
        char[] passphrase = repository.passphrase(true);
        try {
            Repository repo = Repository.init(repository.store(), passphrase, kdf.params(), chunker);
            System.out.println("created repository " + repo.config().id().substring(0, 10) + " at "
                    + repo.store().location());
            System.out.println("Keep the passphrase safe: without it the backups cannot be read, by you or anyone.");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return 0;
    }
}
