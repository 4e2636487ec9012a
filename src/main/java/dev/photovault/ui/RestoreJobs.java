package dev.photovault.ui;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.file.Files;
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
        if (paths.isEmpty()) {
            throw new VaultException("nothing selected to restore");
        }
        Path target = target(folder);
        Job job = new Job(Integer.toString(next.getAndIncrement()), what, target, target.toString());
        jobs.put(job.id, job);
        executor.execute(() -> run(job, snapshot, paths));
        return job;
    }

    /** Starts restoring the files at {@code paths} of {@code snapshot} into {@code external}. */
    public Job start(String snapshotId, Snapshot snapshot, Set<String> paths, ExternalRestore external, String what) {
        if (paths.isEmpty()) {
            throw new VaultException("nothing selected to restore");
        }
        Job job = new Job(Integer.toString(next.getAndIncrement()), what, null, external.label());
        job.progress.addTotal(paths.size(), 0);
        jobs.put(job.id, job);
        executor.execute(() -> {
            job.state = State.RUNNING;
            try (RepositoryLock lock = RepositoryLock.acquireForReading(repository, "web UI restore", false)) {
                job.summary = external.restore(snapshotId, snapshot, paths::contains);
                job.state = State.DONE;
                LOG.info("web UI restore {} into {}: {}", job.what, external.label(), job.summary);
            } catch (Exception e) {
                job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                job.state = State.FAILED;
                LOG.warn("web UI restore {} into {} failed: {}", job.what, external.label(), job.error);
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

    private void run(Job job, Snapshot snapshot, Set<String> paths) {
        job.state = State.RUNNING;
        try {
            Files.createDirectories(root);
            RestoreResult result;
            // A shared lock, as the restore command takes: a prune cannot remove chunks while they are read.
            try (RepositoryLock lock = RepositoryLock.acquireForReading(repository, "web UI restore", false)) {
                result = new Restorer(repository, 2, job.progress).restore(snapshot, job.target, paths::contains);
            }
            job.result = result;
            job.state = result.failures().isEmpty() ? State.DONE : State.FAILED;
            if (!result.failures().isEmpty()) {
                job.error = result.failures().size() + " files could not be restored: "
                        + String.join("; ", result.failures().subList(0, Math.min(3, result.failures().size())));
            }
            LOG.info("web UI restore {} into {}: {} files, {} unchanged", job.what, job.target, result.files(),
                    result.unchanged());
        } catch (Exception e) {
            job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            job.state = State.FAILED;
            LOG.warn("web UI restore {} into {} failed: {}", job.what, job.target, job.error);
        }
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
