package dev.photovault.cli;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "dump", description = "Write one file of a snapshot to standard output, bit-exact (every chunk"
        + " verified as it is read).")
final class DumpCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, or 'latest'.")
    String snapshot;

    @Parameters(index = "1", paramLabel = "PATH", description = "The entry's path, as 'ls' shows it.")
    String path;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        try (RepositoryLock lock = repository.readLock(repo, "dump")) {
            Entry e = repo.entry(ref.id(), path).orElseThrow(() -> new VaultException("snapshot " + ref.shortId()
                    + " has no entry " + path + " ('photovault ls " + ref.shortId() + "' lists them)"));
            if (!e.isFile()) {
                throw new VaultException(path + " is a " + e.type().name().toLowerCase(java.util.Locale.ROOT)
                        + ", not a file");
            }
            // Straight to the file descriptor: no PrintStream between the bytes and the pipe.
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            try (InputStream in = new EntryInputStream(repo, e)) {
                in.transferTo(out);
            }
            out.flush();
        }
        return 0;
    }
}
