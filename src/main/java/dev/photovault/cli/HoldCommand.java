package dev.photovault.cli;

import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hold", description = {"Put a snapshot on hold (a long-term archive, a legal hold): forget and prune"
    + " keep it whatever the retention policy says, until it is released. On an S3 store with Object Lock its"
    + " objects also get an S3 legal hold."})
final class HoldCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, or 'latest'.")
    String snapshot;

    @Option(names = "--release", description = "Take the hold off (the retention policy applies again).")
    boolean release;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why it is held (shown by 'snapshots').")
    String reason;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        // Exclusive: a forget running now must not decide on a hold that is half written.
        try (RepositoryLock lock = RepositoryLock.acquire(repo, true, "hold", Duration.ZERO)) {
            if (release) {
                System.out.println(repo.release(ref.id()) ? "released snapshot " + ref.shortId()
                        + ": the retention policy applies to it again" : "snapshot " + ref.shortId() + " was not held");
            } else {
                repo.hold(ref.id(), reason);
                System.out.println("snapshot " + ref.shortId() + " is held: forget and prune keep it until"
                        + " 'photovault hold " + ref.shortId() + " --release'");
            }
        }
        return 0;
    }
}
