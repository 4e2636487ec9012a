package dev.photovault.vault.core.repository;

import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.crypto.BlobSealer;
import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import dev.photovault.vault.core.store.StoreReadOnlyException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock on a repository: shared (backups, checks: many at once) or exclusive (prune: alone). Held as a sealed
 * {@code locks/<id>} object that is refreshed every {@link #REFRESH} and counts as stale once older than
 * {@link #STALE}, or at once when its process on this same host is gone, so a crashed process never blocks
 * the repository for long. Taking a lock writes it first and then looks for conflicts, so two racing
 * processes both see each other and back off.
 */
public final class RepositoryLock implements AutoCloseable {

    static final Duration REFRESH = Duration.ofMinutes(5);
    static final Duration STALE = Duration.ofMinutes(30);

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryLock.class);

    private final Repository repository;
    private final LockInfo info;
    private final ScheduledExecutorService refresher;
    private volatile String key;
    /** {@link System#nanoTime()} when the lock object was last written. */
    private volatile long writtenNanos = System.nanoTime();

    private RepositoryLock(Repository repository, LockInfo info, String key) {
        this.repository = repository;
        this.info = info;
        this.key = key;
        if (key == null) {
            this.refresher = null;
            return;
        }
        repository.holding(this, true);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "photovault-lock-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a lock, waiting up to {@code wait} for conflicting holders to finish.
     *
     * @throws RepositoryLockedException naming the holder if the lock cannot be had in time
     */
    public static RepositoryLock acquire(Repository repository, boolean exclusive, String purpose, Duration wait)
            throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            Optional<LockInfo> conflict = conflicting(repository, exclusive, null);
            if (conflict.isEmpty()) {
                LockInfo info = new LockInfo(Instant.now(), Hosts.hostname(), Hosts.username(),
                        ProcessHandle.current().pid(), exclusive, purpose);
                String key = write(repository, info);
                conflict = conflicting(repository, exclusive, key);
                if (conflict.isEmpty()) {
                    return new RepositoryLock(repository, info, key);
                }
                repository.store().delete(key);
            }
            if (System.nanoTime() >= deadline) {
                throw new RepositoryLockedException(conflict.get());
            }
            if (!told) {
                LOG.warn("waiting up to {} for the repository lock: {}", wait, conflict.get().describe());
                told = true;
            }
            sleepQuietly(200 + ThreadLocalRandom.current().nextInt(800));
        }
    }

    /**
     * A shared lock for a command that only reads (snapshots, ls, restore, check), or none: with {@code noLock},
     * or when the store cannot be written at all (a read-only mount, read-only credentials), in which case a
     * warning says that it reads without one. An exclusive lock held by a prune still makes it wait or fail.
     */
    public static RepositoryLock acquireForReading(Repository repository, String purpose, boolean noLock)
            throws IOException {
        if (noLock || repository.store() instanceof dev.photovault.vault.core.archive.PortableArchive) {
            return new RepositoryLock(repository, null, null); // an archive never changes: nothing to guard against
        }
        try {
            return acquire(repository, false, purpose, Duration.ZERO);
        } catch (StoreReadOnlyException e) {
            LOG.warn("{}: reading it without a lock", e.getMessage());
            return new RepositoryLock(repository, null, null);
        }
    }

    /** Every lock in the repository with its key; stale ones included. */
    public static List<Held> list(Repository repository) throws IOException {
        List<Held> out = new ArrayList<>();
        for (ObjectInfo object : repository.store().list("locks/")) {
            try {
                byte[] plain = repository.blobSealer().open(BlobSealer.Kind.LOCK,
                        repository.store().get(object.key()), object.key());
                LockInfo info = VaultJson.MAPPER.readValue(plain, LockInfo.class);
                out.add(new Held(object.key(), info, isStale(info)));
            } catch (ObjectNotFoundException released) {
                // released while we listed
            } catch (IntegrityException e) {
                LOG.warn("ignoring unreadable lock {}: {}", object.key(), e.getMessage());
            }
        }
        return out;
    }

    /**
     * A lock as found in the repository.
     *
     * @param key   its object key
     * @param info  its holder
     * @param stale whether it may be removed
     */
    public record Held(String key, LockInfo info, boolean stale) {
    }

    /** Removes stale locks (or all locks with {@code all}). @return how many were removed */
    public static int removeLocks(Repository repository, boolean all) throws IOException {
        int removed = 0;
        for (Held held : list(repository)) {
            if (all || held.stale()) {
                repository.store().delete(held.key());
                removed++;
            }
        }
        return removed;
    }

    /**
     * A stale lock of a process of this host that is gone (killed) is removed by the next process that takes a lock,
     * whatever its age; other hosts' stale locks are only ignored ({@code photovault unlock} removes them).
     */
    private static void removeIfDeadHere(Repository repository, Held held) {
        LockInfo info = held.info();
        if (!info.hostname().equals(Hosts.hostname()) || info.pid() == ProcessHandle.current().pid()
                || ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        try {
            repository.store().delete(held.key());
            LOG.debug("removed the lock {} of process {}, which is gone", held.key(), info.pid());
        } catch (IOException | RuntimeException e) {
            // Read-only or append-only: leaving it costs nothing, it is ignored as stale.
        }
    }

    static boolean isStale(LockInfo info) {
        if (info.time().isBefore(Instant.now().minus(STALE))) {
            return true;
        }
        if (info.hostname().equals(Hosts.hostname()) && info.pid() != ProcessHandle.current().pid()) {
            return ProcessHandle.of(info.pid()).map(p -> !p.isAlive()).orElse(true);
        }
        return false;
    }

    private static Optional<LockInfo> conflicting(Repository repository, boolean exclusive, String ownKey)
            throws IOException {
        for (Held held : list(repository)) {
            if (held.key().equals(ownKey)) {
                continue;
            }
            if (held.stale()) {
                removeIfDeadHere(repository, held);
                continue;
            }
            if (exclusive || held.info().exclusive()) {
                return Optional.of(held.info());
            }
        }
        return Optional.empty();
    }

    private static String write(Repository repository, LockInfo info) throws IOException {
        byte[] sealed = repository.blobSealer().seal(BlobSealer.Kind.LOCK, VaultJson.MAPPER.writeValueAsBytes(info));
        return repository.putSealed("locks/", sealed);
    }

    private void refresh() {
        try {
            LockInfo fresh = new LockInfo(Instant.now(), info.hostname(), info.username(), info.pid(),
                    info.exclusive(), info.purpose());
            String old = key;
            key = write(repository, fresh);
            writtenNanos = System.nanoTime();
            repository.store().delete(old);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not refresh the repository lock: {}", e.getMessage());
        }
    }

    /**
     * Makes sure this lock still protects its holder before it commits (a snapshot, a prune's deletions): its object
     * must still exist and must have been written recently enough that no other host can take it for stale. A
     * process that lost its lock (suspended for half an hour, cut off from the store, or unlocked by hand) may
     * have had a prune run beside it, so what it would commit could name deleted chunks.
     *
     * @throws RepositoryLockLostException saying what to do
     */
    public void verify() throws IOException {
        if (key == null) {
            return;
        }
        long age = System.nanoTime() - writtenNanos;
        if (age > STALE.minus(REFRESH).toNanos()) {
            throw new RepositoryLockLostException(info.purpose(), "it could not be refreshed for "
                    + TimeUnit.NANOSECONDS.toMinutes(age) + " minutes");
        }
        if (!repository.store().exists(key)) {
            throw new RepositoryLockLostException(info.purpose(), "its object " + key + " was removed (by 'photovault"
                    + " unlock --all', or by a process that took it for stale)");
        }
    }

    public LockInfo info() {
        return info;
    }

    @Override
    public void close() throws IOException {
        if (key == null) {
            return;
        }
        refresher.shutdownNow();
        repository.holding(this, false);
        repository.store().delete(key);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a repository lock", e);
        }
    }
}
