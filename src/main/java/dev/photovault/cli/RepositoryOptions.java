package dev.photovault.cli;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.CamelStores;
import dev.photovault.vault.core.crypto.KdfParams;
import dev.photovault.vault.core.crypto.Passphrases;
import dev.photovault.vault.core.crypto.PassphraseKdf;
import dev.photovault.vault.core.archive.PortableArchive;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.store.LocalObjectStore;
import dev.photovault.vault.core.store.ObjectStore;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.camel.util.URISupport;
import picocli.CommandLine.Option;

/**
 * Where the repository is and how its passphrase is given. Passphrases come from a file, an environment
 * variable or the terminal; never from a command-line argument, which other users can read in the process list.
 */
final class RepositoryOptions {

    static final String PASSWORD_ENV = "PHOTOVAULT_PASSWORD";
    static final String NEW_PASSWORD_ENV = "PHOTOVAULT_NEW_PASSWORD";

    @Option(names = {"-r", "--repo"}, paramLabel = "DIR", defaultValue = "${env:PHOTOVAULT_REPOSITORY}",
            description = "The repository folder, or a portable archive FILE.pva to read (default:"
                    + " $PHOTOVAULT_REPOSITORY).")
    Path repo;

    @Option(names = "--store", paramLabel = "URI", defaultValue = "${env:PHOTOVAULT_STORE}",
            description = "The repository as a Camel endpoint URI instead of a folder, e.g. aws2-s3://bucket?region=…"
                    + " (default: $PHOTOVAULT_STORE); it wins over --repo.")
    String storeUri;

    @Option(names = "--no-lock", description = "Read without taking a lock (for a repository on read-only media;"
            + " a command that only reads goes on without one by itself when the store cannot be written).")
    boolean noLock;

    @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = "${env:PHOTOVAULT_CACHE_DIR}",
            description = "This machine's cache of what it saw in repositories (default: $PHOTOVAULT_CACHE_DIR,"
                    + " else $XDG_CACHE_HOME/photovault, else ~/.cache/photovault).")
    Path cacheDir;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the passphrase from the first line of FILE (else $PHOTOVAULT_PASSWORD, else a prompt).")
    Path passwordFile;

    ObjectStore store() {
        if (repo == null && (storeUri == null || storeUri.isBlank())) {
            throw new VaultException("no repository given: pass --repo DIR (or --store URI) or set PHOTOVAULT_REPOSITORY");
        }
        return open(storeUri, repo, "the store");
    }

    /**
     * A store from a Camel endpoint URI (which wins when given) or a path: a portable archive, else a folder.
     *
     * @param what names the store in messages ("the store", "the target store")
     */
    static ObjectStore open(String storeUri, Path repo, String what) {
        if (storeUri != null && !storeUri.isBlank()) {
            try {
                return CamelStores.open(storeUri);
            } catch (VaultException e) {
                throw e;
            } catch (Exception e) {
                // Messages of endpoint failures may repeat the URI, credentials included.
                throw new VaultException("cannot open " + what + " " + URISupport.sanitizeUri(storeUri) + ": "
                        + URISupport.sanitizeUri(String.valueOf(e.getMessage())));
            }
        }
        if (PortableArchive.looksLikeOne(repo)) {
            try {
                return PortableArchive.open(repo);
            } catch (IOException e) {
                throw new VaultException("cannot read the archive " + repo + ": " + e.getMessage());
            }
        }
        if (Files.isRegularFile(repo)) {
            throw new VaultException(repo + " is a file, not a repository folder or a portable archive (.pva)");
        }
        return new LocalObjectStore(repo);
    }

    /** This machine's cache of {@code repository}. */
    LocalCache cache(Repository repository) {
        return LocalCache.of(cacheRoot(cacheDir), repository.config().id());
    }

    /** This machine's cache folder: {@code dir} if given, else $XDG_CACHE_HOME/photovault, else ~/.cache/photovault. */
    static Path cacheRoot(Path dir) {
        if (dir != null) {
            return dir;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("photovault");
    }

    /** A shared lock for a command that only reads, or none (see {@link RepositoryLock#acquireForReading}). */
    RepositoryLock readLock(Repository repository, String purpose) throws IOException {
        return RepositoryLock.acquireForReading(repository, purpose, noLock);
    }

    Repository open() throws IOException {
        ObjectStore store = store();
        if (Repository.readConfig(store).plaintext()) { // says "no repository" before asking for a passphrase
            return Repository.open(store, new char[0]);
        }
        char[] passphrase = passphrase(false);
        try {
            return Repository.open(store, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** A repository being opened on another thread; {@link #get} waits for it. */
    interface Opening {
        Repository get() throws IOException;
    }

    /**
     * Opens the repository while the caller goes on: the store, its config and the passphrase are read here (so
     * "no repository" and the prompt come first, on this thread), the key is derived (Argon2id, about half a second
     * by design) on another thread. A backup walks its folders meanwhile.
     */
    Opening openInBackground() throws IOException {
        ObjectStore store = store();
        if (Repository.readConfig(store).plaintext()) {
            Repository plain = Repository.open(store, new char[0]);
            return () -> plain;
        }
        char[] passphrase = passphrase(false);
        java.util.concurrent.FutureTask<Repository> task = new java.util.concurrent.FutureTask<>(() -> {
            try {
                return Repository.open(store, passphrase);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        });
        Thread thread = new Thread(task, "photovault-open");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while opening the repository");
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        };
    }

    /** Opens the repository with a passphrase the caller read (and clears). */
    Repository open(char[] passphrase) throws IOException {
        ObjectStore store = store();
        Repository.readConfig(store);
        return Repository.open(store, passphrase);
    }

    /** The passphrase from --password-file, $PHOTOVAULT_PASSWORD or the terminal. */
    char[] passphrase(boolean confirm) throws IOException {
        return readPassphrase(passwordFile, PASSWORD_ENV, "Passphrase for " + (repo == null ? "repository" : repo),
                confirm, "--password-file");
    }

    static char[] readPassphrase(Path file, String env, String prompt, boolean confirm, String fileOption)
            throws IOException {
        if (file != null) {
            return Passphrases.fromFile(file);
        }
        char[] fromEnv = Passphrases.fromEnv(env);
        if (fromEnv != null) {
            return fromEnv;
        }
        Console console = System.console();
        if (console == null) {
            throw new VaultException("no passphrase: set " + env + ", pass " + fileOption
                    + " FILE, or run on a terminal to be asked");
        }
        char[] first = console.readPassword("%s: ", prompt);
        if (first == null || first.length == 0) {
            throw new VaultException("no passphrase entered");
        }
        if (confirm) {
            char[] again = console.readPassword("Repeat it: ");
            if (!Arrays.equals(first, again)) {
                throw new VaultException("the two passphrases differ; nothing was changed");
            }
        }
        return first;
    }

    /**
     * Argon2id settings for a new key: 64 MiB and as many passes as take about half a second here,
     * unless the user fixes them (for slow NAS boxes, or tests).
     */
    static final class KdfOptions {
        @Option(names = "--kdf-memory", paramLabel = "MiB", description = "Argon2id memory for the new key (default 64).")
        Integer memoryMiB;

        @Option(names = "--kdf-iterations", paramLabel = "N",
                description = "Argon2id passes for the new key (default: calibrated to about 0.5 s).")
        Integer iterations;

        KdfParams params() {
            long memoryKiB = memoryMiB == null ? KdfParams.DEFAULT_MEMORY_KIB : memoryMiB * 1024L;
            try {
                KdfParams.check(memoryKiB, iterations == null ? 1 : iterations, 1);
            } catch (VaultException e) {
                throw new VaultException("--kdf-memory/--kdf-iterations: " + e.getMessage());
            }
            return iterations == null ? PassphraseKdf.calibrate((int) memoryKiB, 500)
                    : new KdfParams((int) memoryKiB, iterations, 1);
        }
    }
}
