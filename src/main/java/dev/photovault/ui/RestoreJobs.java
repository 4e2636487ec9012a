package dev.photovault.ui;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores started from the web UI, one at a time in the background, each into a folder under one restore root:
 * the folder's name comes from the form but is cut down to plain characters, so a request can never write
 * outside the root. A job's progress is read by the page that shows it.
 */
public final class RestoreJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreJobs.class);
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N} ._-]+");

    private final Repository repository;
    private final Path root;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "photovault-ui-restore");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);

    /** The state of one restore. */
    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** One restore: what, where, and how far it got. */
    public static final class Job {
        private final String id;
        private final String what;
        private final Path target;
        private final String destination;
        private volatile String summary;
        private final Progress progress = new Progress();
        private final Instant started = Instant.now();
        private volatile State state = State.QUEUED;
        private volatile RestoreResult result;
        private volatile String error;

        Job(String id, String what, Path target, String destination) {
            this.id = id;
            this.what = what;
            this.target = target;
            this.destination = destination;
        }

        /** Where the restore goes: the folder, or the external destination's label. */
        public String destination() {
            return destination;
        }

        /** What an external restore said it did, or null. */
        public String summary() {
            return summary;
        }

        public String id() {
            return id;
        }

        public String what() {
            return what;
        }

        public Path target() {
            return target;
        }

        public Progress progress() {
            return progress;
        }

        public Instant started() {
            return started;
        }

        public State state() {
            return state;
        }

        public RestoreResult result() {
            return result;
        }

        public String error() {
            return error;
        }
    }

    public RestoreJobs(Repository repository, Path root) {
        this.repository = repository;
        this.root = root.toAbsolutePath().normalize();
    }

    /** Where restores go. */
    public Path root() {
        return root;
    }

    /**
     * Starts restoring the files at {@code paths} of {@code snapshot} into {@code folder} under the root.
     *
     * @throws VaultException when the folder name has nothing usable in it or nothing is selected
     */
    public Job start(Snapshot snapshot, Set<String> paths, String folder, String what) {
        Path target = target(folder);
        return submit(paths, new Job(Integer.toString(next.getAndIncrement()), what, target, target.toString()), job -> {
            RestoreResult result = new Restorer(repository, 2, job.progress).restore(snapshot, target, paths::contains);
            job.result = result;
            if (!result.failures().isEmpty()) {
                throw new VaultException(result.failures().size() + " files could not be restored: "
                        + String.join("; ", result.failures().subList(0, Math.min(3, result.failures().size()))));
            }
            return result.files() + " files, " + result.unchanged() + " unchanged";
        });
    }

    /** Starts restoring the files at {@code paths} of {@code snapshot} into {@code external}. */
    public Job start(String snapshotId, Snapshot snapshot, Set<String> paths, ExternalRestore external, String what) {
        return submit(paths, new Job(Integer.toString(next.getAndIncrement()), what, null, external.label()), job -> {
            job.summary = external.restore(snapshotId, snapshot, paths::contains);
            return job.summary;
        });
    }

    /** What a job does once it runs; it returns the line the log gets, or throws saying why it failed. */
    @FunctionalInterface
    private interface Work {
        String run(Job job) throws Exception;
    }

    /**
     * Queues {@code job}: run under a shared repository lock, as the restore command takes (a prune cannot remove
     * chunks while they are read), its state and error kept for the pages.
     */
    private Job submit(Set<String> paths, Job job, Work work) {
        if (paths.isEmpty()) {
            throw new VaultException("nothing selected to restore");
        }
        jobs.put(job.id, job);
        executor.execute(() -> {
            job.state = State.RUNNING;
            try (RepositoryLock lock = RepositoryLock.acquireForReading(repository, "web UI restore", false)) {
                String done = work.run(job);
                job.state = State.DONE;
                LOG.info("web UI restore {} into {}: {}", job.what, job.destination, done);
            } catch (Exception e) {
                job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                job.state = State.FAILED;
                LOG.warn("web UI restore {} into {} failed: {}", job.what, job.destination, job.error);
            }
        });
        return job;
    }

    public Optional<Job> job(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    /** Every job, newest first. */
    public List<Job> jobs() {
        return jobs.values().stream().sorted(java.util.Comparator.comparing((Job j) -> j.started).reversed()).toList();
    }

    /** The folder under the root that a form's {@code folder} names: only letters, digits, space, '.', '_', '-'. */
    Path target(String folder) {
        String name = UNSAFE.matcher(folder == null ? "" : folder).replaceAll("-").strip();
        name = name.replaceAll("^[.\\-\\s]+", "");
        if (name.length() > 80) {
            name = name.substring(0, 80).strip();
        }
        if (name.isEmpty()) {
            throw new VaultException("give the restore a folder name (letters, digits, spaces, '.', '_' or '-')");
        }
        Path target = root.resolve(name).normalize();
        if (!target.getParent().equals(root)) {
            throw new VaultException("the restore folder must be a plain name inside " + root);
        }
        return target;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "RestoreJobs[" + root + "]";
    }
}
