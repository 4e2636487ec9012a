package dev.photovault.cli;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.copier.SnapshotCopier;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.store.ObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "copy", description = {"Copy snapshots into another repository (a second copy on other media, or"
    + " offsite), which keeps its own keys: every chunk is verified, re-named and re-encrypted for it. Snapshots"
    + " the target already has a copy of are skipped, so running it again copies only what is new."})
final class CopyCommand implements Callable<Integer> {

    static final String TO_PASSWORD_ENV = "PHOTOVAULT_TO_PASSWORD";

    @Mixin
    RepositoryOptions repository;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*", description = "Snapshots to copy (ids, unique prefixes or"
            + " 'latest'; default: every snapshot the target has no copy of).")
    List<String> snapshots = new ArrayList<>();

    static final class Target {
        @Option(names = "--to-repo", paramLabel = "DIR", required = true, description = "The target repository folder.")
        Path repo;

        @Option(names = "--to-store", paramLabel = "URI", required = true,
                description = "The target as a Camel endpoint URI (aws2-s3://bucket?…).")
        String store;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target to;

    @Option(names = "--to-password-file", paramLabel = "FILE", description = "The target's passphrase, from the first"
            + " line of FILE (else $PHOTOVAULT_TO_PASSWORD, else a prompt).")
    Path toPasswordFile;

    @Option(names = "--workers", paramLabel = "N", description = "Files copied in parallel (default 4).")
    int workers = 4;

    @Override
    public Integer call() throws Exception {
        Repository source = repository.open();
        try (ObjectStore store = targetStore()) {
            Repository.readConfig(store);
            char[] passphrase = RepositoryOptions.readPassphrase(toPasswordFile, TO_PASSWORD_ENV,
                    "Passphrase for the target " + store.location(), false, "--to-password-file");
            Repository target;
            try {
                target = Repository.open(store, passphrase);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            List<String> ids = new ArrayList<>();
            for (String s : snapshots) {
                ids.add(source.resolveSnapshot(s).id());
            }
            Progress progress = new Progress();
            SnapshotCopier.Result r;
            try (RepositoryLock read = repository.readLock(source, "copy");
                    RepositoryLock write = RepositoryLock.acquire(target, false, "copy", Duration.ZERO);
                    ProgressPrinter printer = new ProgressPrinter("copy", progress::itemsDone, progress::itemsTotal,
                            progress::bytesDone, progress::bytesTotal)) {
                r = new SnapshotCopier(source, target, workers, progress).copy(ids);
            }
            for (SnapshotCopier.Copied c : r.copied()) {
                System.out.printf("copied snapshot %s to %s as %s: %d files (%d already there by content), %d chunks"
                        + " written (%s)%n", c.source().substring(0, 8), store.location(), c.target().substring(0, 8),
                        c.files(), c.filesReused(), c.chunksNew(), ByteSizes.format(c.bytesNew()));
            }
            System.out.printf("%d snapshots copied, %d already in the target%n", r.copied().size(),
                    r.alreadyThere().size());
            r.failed().forEach(f -> System.err.println("photovault: " + f));
            return r.failed().isEmpty() ? 0 : PhotovaultCommand.INCOMPLETE;
        }
    }

    private ObjectStore targetStore() {
        return RepositoryOptions.open(to.store, to.repo, "the target store");
    }
}
