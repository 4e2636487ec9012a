package dev.photovault.vault.core;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Fixed pools of daemon threads for the vault's parallel work, and waiting on their results. */
public final class Workers {

    private Workers() {
    }

    /** A pool of {@code n} daemon threads named {@code name} (daemon: a failed run must not keep the JVM alive). */
    public static ExecutorService pool(String name, int n) {
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The task's result, rethrowing its I/O or runtime failure as it was thrown. */
    public static <T> T await(Future<T> future, String what) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException(what + " interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
