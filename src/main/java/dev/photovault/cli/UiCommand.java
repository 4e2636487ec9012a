package dev.photovault.cli;

import dev.photovault.ui.WebUi;
import dev.photovault.vault.core.repository.Repository;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code photovault ui}: browse the repository's snapshots in a web browser. */
@Command(name = "ui", description = {"Serve a web UI to browse the snapshots: thumbnails by album and month, search,"
        + " an item's metadata and place, downloads, diffs, and restores to a folder.",
    "Sign in with the repository passphrase or the one-time link printed at start. Stop with Ctrl-C."})
final class UiCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8765", description = "Port (default 8765).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen"
            + " on (default 127.0.0.1: this machine only; 0.0.0.0 serves the network, put HTTPS in front of it).")
    String bind;

    @Option(names = "--restore-dir", paramLabel = "DIR", defaultValue = "photovault-restores",
            description = "Where restores started in the UI go, each into a folder named in the form"
                    + " (default ./photovault-restores).")
    Path restoreDir;

    @Override
    public Integer call() throws Exception {
        WebUi.checkFree(bind, port); // before the passphrase and the key derivation
        Repository repo = repository.open();
        WebUi ui = WebUi.start(repo, repository.cache(repo), restoreDir, bind, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ui.close();
            stopped.countDown();
        }, "photovault-ui-shutdown"));
        System.out.println("photovault ui: " + repo.listSnapshots().size() + " snapshots of "
                + repo.store().location() + " at " + ui.url());
        System.out.println("  Open " + ui.loginUrl() + " (signs in once, within 10 minutes), or sign in with"
                + " the passphrase.");
        if (!WebUi.isLoopback(bind)) {
            System.out.println("  Listening on " + bind + ": other machines reach the sign-in page. Put an HTTPS"
                    + " proxy in front of it; the passphrase travels in the sign-in form.");
        }
        System.out.println("  Restores go under " + restoreDir.toAbsolutePath().normalize() + ". Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }
}
