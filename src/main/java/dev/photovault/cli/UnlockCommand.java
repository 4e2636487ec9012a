package dev.photovault.cli;

import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "unlock", description = "Remove stale locks left by crashed processes.")
final class UnlockCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--remove-all", description = "Remove every lock, even live ones (only if you know they are dead).")
    boolean all;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        for (RepositoryLock.Held held : RepositoryLock.list(repo)) {
            System.out.println((held.stale() ? "stale " : "live  ") + held.info().describe());
        }
        System.out.println("removed " + RepositoryLock.removeLocks(repo, all) + " locks");
        return 0;
    }
}
