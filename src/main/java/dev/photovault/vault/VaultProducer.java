package dev.photovault.vault;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.copier.SnapshotCopier;
import dev.photovault.vault.core.backup.BackupItem;
import dev.photovault.vault.core.backup.ItemBackup;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.backup.ItemBackupOptions;
import dev.photovault.vault.core.backup.RunReport;
import dev.photovault.vault.core.backup.StoreOutcome;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.pruner.PruneResult;
import dev.photovault.vault.core.pruner.Pruner;
import dev.photovault.vault.core.pruner.RetentionPolicy;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Ordered;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out a {@code vault:} endpoint's operation. */
final class VaultProducer extends DefaultProducer {

    /** Exchange property with the run's status: complete, partial or failed. */
    static final String STATUS_PROPERTY = "CamelVaultRunStatus";
    private static final Logger LOG = LoggerFactory.getLogger(VaultProducer.class);
    private static final Map<String, Object> COPIES = new java.util.concurrent.ConcurrentHashMap<>();

    private final VaultEndpoint endpoint;

    VaultProducer(VaultEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    private VaultConfiguration config() {
        return endpoint.getConfiguration();
    }

    private Repository repository() throws Exception {
        return endpoint.getComponent().repository(config());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (endpoint.getOperation()) {
            case OPEN -> open(exchange);
            case STORE -> store(exchange);
            case COMMIT -> commit(exchange);
            case LIST -> list(exchange);
            case READ -> read(exchange);
            case RESTORE -> restore(exchange);
            case COPY -> copy(exchange);
            case CHECK -> check(exchange);
            case FORGET -> forget(exchange);
        }
    }

    private void open(Exchange exchange) throws Exception {
        Repository repository = repository();
        VaultConfiguration c = config();
        String label = c.getLabel() != null && !c.getLabel().isBlank() ? c.getLabel()
                : split(c.getPaths()).stream().findFirst().orElse(null);
        ItemBackup session = ItemBackup.open(repository, new ItemBackupOptions(c.getSource(), label,
                split(c.getTags()), c.isCarryForward(), Duration.ofMillis(c.getLockWait()),
                Duration.ofMillis(c.getProgressInterval()), endpoint.getComponent().counters(),
                c.isDryRun() ? null : LocalCache.of(cacheDir(), repository.config().id()).dir(), c.isDryRun()));
        exchange.setProperty(VaultConstants.SESSION_PROPERTY, session);
        exchange.getExchangeExtension().addOnCompletion(new AbortUncommitted(session));
    }

    /** Ends a session the route never committed (it failed, or stopped) before anyone is notified. */
    private static final class AbortUncommitted extends SynchronizationAdapter implements Ordered {
        private final ItemBackup session;

        AbortUncommitted(ItemBackup session) {
            this.session = session;
        }

        @Override
        public void onDone(Exchange exchange) {
            if (session.isOpen()) {
                RunReport report = session.abort(exchange.getException());
                if (report != null) {
                    publish(exchange, report);
                }
            }
        }

        @Override
        public int getOrder() {
            return HIGHEST;
        }
    }

    private static void publish(Exchange exchange, RunReport report) {
        try {
            exchange.setProperty(VaultConstants.REPORT_PROPERTY, VaultJson.MAPPER.writeValueAsString(report));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        exchange.setProperty(STATUS_PROPERTY, report.status());
    }

    private Path cacheDir() {
        return config().cacheRoot();
    }

    private static ItemBackup session(Exchange exchange) {
        ItemBackup session = exchange.getProperty(VaultConstants.SESSION_PROPERTY, ItemBackup.class);
        if (session == null) {
            throw new VaultException("no backup is open: put vault:open before vault:store and vault:commit");
        }
        return session;
    }

    private void store(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        BackupItem item = ItemHeaders.toItem(in);
        StoreOutcome outcome = session(exchange).store(item, () -> in.getMandatoryBody(InputStream.class));
        in.setHeader(VaultConstants.STORED, outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    private void commit(Exchange exchange) throws Exception {
        ItemBackup session = session(exchange);
        RunReport report = session.commit();
        exchange.removeProperty(VaultConstants.SESSION_PROPERTY);
        publish(exchange, report);
        Message out = exchange.getMessage();
        out.setBody(exchange.getProperty(VaultConstants.REPORT_PROPERTY, String.class));
        out.setHeader(VaultConstants.SNAPSHOT_ID, report.snapshot());
        out.setHeader(VaultConstants.PARTIAL, !report.ok());
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    private SnapshotRef snapshotRef(Exchange exchange) throws Exception {
        String ref = exchange.getIn().getHeader(VaultConstants.SNAPSHOT, config().getSnapshot(), String.class);
        return repository().resolveSnapshot(ref);
    }

    private void list(Exchange exchange) throws Exception {
        SnapshotRef ref = snapshotRef(exchange);
        Snapshot snapshot = repository().loadSnapshot(ref.id());
        Message out = exchange.getMessage();
        out.setHeader(VaultConstants.SNAPSHOT_ID, ref.id());
        out.setBody(snapshot.entries().stream().filter(Entry::isFile).iterator());
    }

    private void read(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        Entry entry = in.getBody() instanceof Entry e ? e : null;
        if (entry == null) {
            String path = in.getHeader(VaultConstants.ENTRY_PATH, String.class);
            if (path == null) {
                throw new VaultException("vault:read needs an entry (from vault:list) or the header "
                        + VaultConstants.ENTRY_PATH);
            }
            SnapshotRef ref = snapshotRef(exchange);
            entry = repository().entry(ref.id(), path).filter(Entry::isFile)
                    .orElseThrow(() -> new VaultException("snapshot " + ref.shortId() + " has no file " + path));
        }
        Message out = exchange.getMessage();
        out.setHeader(VaultConstants.ENTRY_PATH, entry.path());
        out.setHeader(VaultConstants.SIZE, entry.size());
        out.setHeader(VaultConstants.TIME, entry.mtime());
        out.setHeader(Exchange.FILE_NAME, entry.path());
        out.setHeader(VaultConstants.ALBUMS, entry.albums());
        if (entry.media() != null) {
            out.setHeader(VaultConstants.SOURCE_ID, entry.media().sourceId());
            out.setHeader(VaultConstants.FILE_NAME, entry.media().filename());
            out.setHeader(VaultConstants.MIME_TYPE, entry.media().mimeType());
            out.setHeader(VaultConstants.DESCRIPTION, entry.media().description());
            out.setHeader(VaultConstants.TAKEN_TIME, entry.media().taken());
        }
        out.setBody(new EntryInputStream(repository(), entry));
    }

    /** Restores a snapshot (header CamelVaultSnapshot, else the snapshot option) into the target folder. */
    private void restore(Exchange exchange) throws Exception {
        String target = config().getTarget();
        if (target == null || target.isBlank()) {
            throw new VaultException("vault:restore needs a target folder (target=…)");
        }
        SnapshotRef ref = snapshotRef(exchange);
        Repository repository = repository();
        dev.photovault.vault.core.restorer.RestoreResult r;
        try (RepositoryLock lock = RepositoryLock.acquireForReading(repository, "restore", false)) {
            r = new dev.photovault.vault.core.restorer.Restorer(repository, 4, new Progress())
                    .withSync(config().isSync()).restore(repository.loadSnapshot(ref.id()), java.nio.file.Path.of(target),
                            p -> true);
        }
        Message out = exchange.getMessage();
        out.setHeader(VaultConstants.SNAPSHOT_ID, ref.id());
        out.setBody(String.format(java.util.Locale.ROOT, "restored snapshot %s to %s: %d files written, %d already"
                + " present, %d removed%s", ref.shortId(), target, r.files(), r.unchanged(), r.removed(),
                r.failures().isEmpty() ? "" : "; " + r.failures().size() + " failed: " + r.failures().get(0)));
        if (!r.failures().isEmpty()) {
            throw new VaultException(out.getBody(String.class));
        }
    }

    /**
     * Copies into the toStore repository every snapshot it has no copy of (or the one the header CamelVaultSnapshot
     * names). The body is a summary line; the run report and status are set as a backup sets them.
     */
    private void copy(Exchange exchange) throws Exception {
        VaultConfiguration c = config();
        if (c.getToStore() == null || c.getToStore().isBlank()) {
            throw new VaultException("vault:copy needs the target store (toStore=…)");
        }
        Repository source = repository();
        VaultConfiguration t = c.copy();
        t.setStore(c.getToStore());
        if (c.getToPasswordFile() != null && !c.getToPasswordFile().isBlank()) {
            t.setPasswordFile(c.getToPasswordFile());
            t.setPassword(null);
        }
        t.setInitialize(c.isToInitialize());
        Repository target = endpoint.getComponent().repository(t);
        String wanted = exchange.getMessage().getHeader(VaultConstants.SNAPSHOT, String.class);
        List<String> ids = wanted == null || wanted.isBlank() ? List.of() : List.of(source.resolveSnapshot(wanted).id());
        long started = System.nanoTime();
        SnapshotCopier.Result r;
        // One copy into a target at a time in this process (a wire-tapped copy after a backup and the scheduled one
        // may meet): the second then finds the snapshots copied instead of copying them twice.
        synchronized (COPIES.computeIfAbsent(target.config().id(), k -> new Object())) {
            try (RepositoryLock read = RepositoryLock.acquireForReading(source, "copy", false);
                    RepositoryLock write = RepositoryLock.acquire(target, false, "copy",
                            Duration.ofMillis(c.getLockWait()))) {
                r = new SnapshotCopier(source, target, 4, new Progress()).copy(ids);
            }
        }
        long chunks = r.copied().stream().mapToLong(SnapshotCopier.Copied::chunksNew).sum();
        long bytes = r.copied().stream().mapToLong(SnapshotCopier.Copied::bytesNew).sum();
        String status = r.failed().isEmpty() ? "complete" : "partial";
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", status);
        report.put("job", exchange.getFromRouteId());
        report.put("operation", "copy");
        report.put("target", target.store().location());
        report.put("copied", r.copied());
        report.put("alreadyThere", r.alreadyThere().size());
        report.put("failed", r.failed());
        report.put("chunksWritten", chunks);
        report.put("bytesWritten", bytes);
        report.put("durationMillis", (System.nanoTime() - started) / 1_000_000);
        exchange.setProperty(VaultConstants.REPORT_PROPERTY, VaultJson.MAPPER.writeValueAsString(report));
        exchange.setProperty(STATUS_PROPERTY, status);
        exchange.getMessage().setBody(String.format(java.util.Locale.ROOT, "copied %d snapshots to %s (%d already"
                + " there): %d chunks, %s written%s", r.copied().size(), target.store().location(),
                r.alreadyThere().size(), chunks, ByteSizes.format(bytes),
                r.failed().isEmpty() ? "" : "; " + String.join("; ", r.failed())));
    }

    private void check(Exchange exchange) throws Exception {
        double subset = config().getReadDataSubset();
        CheckResult result = new Checker(repository(), 2, new Progress()).check(subset > 0, Math.min(1.0, subset),
                LocalCache.of(cacheDir(), repository().config().id()));
        Message out = exchange.getMessage();
        out.setBody(VaultJson.MAPPER.writeValueAsString(result));
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (result.ok()) {
            LOG.info("check: {} snapshots, {} chunks, {} read and verified: no errors", result.snapshots(),
                    result.chunks(), result.chunksRead());
        } else {
            throw new VaultException("check found " + result.errors().size() + " problems in "
                    + repository().store().location() + ", first: " + result.errors().get(0)
                    + "; run 'photovault check --read-data' for all of them");
        }
    }

    private void forget(Exchange exchange) throws Exception {
        VaultConfiguration c = config();
        RetentionPolicy policy = new RetentionPolicy(c.getKeepLast(), c.getKeepDaily(), c.getKeepWeekly(),
                c.getKeepMonthly(), c.getKeepYearly(), ZoneId.systemDefault());
        Repository repository = repository();
        Map<String, Object> summary = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        try (RepositoryLock lock = RepositoryLock.acquire(repository, true, "forget", Duration.ofMillis(c.getLockWait()))) {
            List<RetentionPolicy.Decision> decisions = new Pruner(repository).forget(policy, false);
            decisions.stream().filter(d -> !d.keep()).forEach(d -> removed.add(d.snapshot().id()));
            LocalCache.of(cacheDir(), repository.config().id()).forgetSnapshots(removed);
            summary.put("removed", removed);
            summary.put("kept", decisions.size() - removed.size());
            summary.put("keptLocked", decisions.stream().filter(d -> d.keep() && d.reasons().size() == 1
                    && d.reasons().get(0).startsWith("locked")).map(d -> d.snapshot().id() + ": " + d.reasons().get(0))
                    .toList());
            if (c.isPrune()) {
                PruneResult pruned = new Pruner(repository).prune(Duration.ofMillis(c.getPruneGrace()), false);
                summary.put("prune", pruned);
            }
        }
        LOG.info("forget: removed {} snapshots, kept {}{}", removed.size(), summary.get("kept"),
                summary.containsKey("prune") ? ", " + summary.get("prune") : "");
        Message out = exchange.getMessage();
        out.setBody(VaultJson.MAPPER.writeValueAsString(summary));
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
