package dev.photovault.cli;

import dev.photovault.vault.core.repository.KeyInfo;
import dev.photovault.vault.core.repository.Repository;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "key", description = "Manage the passphrases that open the repository.",
        subcommands = {KeyCommand.Add.class, KeyCommand.ListKeys.class, KeyCommand.Remove.class, KeyCommand.Passwd.class})
final class KeyCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where a new passphrase comes from: --new-password-file, $PHOTOVAULT_NEW_PASSWORD, or the terminal. */
    static final class NewPassphrase {
        @Option(names = "--new-password-file", paramLabel = "FILE",
                description = "Read the new passphrase from FILE (else $PHOTOVAULT_NEW_PASSWORD, else a prompt).")
        Path file;

        char[] read() throws java.io.IOException {
            return RepositoryOptions.readPassphrase(file, RepositoryOptions.NEW_PASSWORD_ENV, "New passphrase", true,
                    "--new-password-file");
        }
    }

    @Command(name = "add", description = "Add a key with another passphrase.")
    static final class Add implements Callable<Integer> {
        @Mixin
        RepositoryOptions repository;

        @Mixin
        NewPassphrase next;

        @ArgGroup(exclusive = false)
        RepositoryOptions.KdfOptions kdf = new RepositoryOptions.KdfOptions();

        @Override
        public Integer call() throws Exception {
            Repository repo = repository.open();
            char[] passphrase = next.read();
            try {
                System.out.println("added key " + repo.addKey(passphrase, kdf.params()).substring(0, 8));
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the keys.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        RepositoryOptions repository;

        @Override
        public Integer call() throws Exception {
            Repository repo = repository.open();
            System.out.printf("  %-8s  %-19s  %s%n", "ID", "Created", "User@Host");
            for (KeyInfo k : repo.listKeys()) {
                System.out.printf("%s %-8s  %-19s  %s@%s%n", k.current() ? "*" : " ", k.id().substring(0, 8),
                        SnapshotsCommand.LOCAL_TIME.format(k.created()), k.username(), k.hostname());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a key (not the one in use).")
    static final class Remove implements Callable<Integer> {
        @Mixin
        RepositoryOptions repository;

        @Parameters(paramLabel = "ID", description = "The key's id or a unique prefix.")
        String id;

        @Override
        public Integer call() throws Exception {
            Repository repo = repository.open();
            System.out.println("removed key " + repo.removeKey(id).substring(0, 8));
            return 0;
        }
    }

    @Command(name = "passwd", description = "Change the passphrase of the key in use.")
    static final class Passwd implements Callable<Integer> {
        @Mixin
        RepositoryOptions repository;

        @Mixin
        NewPassphrase next;

        @ArgGroup(exclusive = false)
        RepositoryOptions.KdfOptions kdf = new RepositoryOptions.KdfOptions();

        @Override
        public Integer call() throws Exception {
            Repository repo = repository.open();
            char[] passphrase = next.read();
            try {
                String id = repo.changePassphrase(passphrase, kdf.params());
                System.out.println("passphrase changed; the key is now " + id.substring(0, 8));
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            return 0;
        }
    }
}
