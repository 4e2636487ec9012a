package dev.photovault.app;

import dev.photovault.takeout.TakeoutException;
import dev.photovault.takeout.TakeoutImport;
import dev.photovault.takeout.TakeoutReport;
import dev.photovault.vault.VaultConstants;
import dev.photovault.vault.core.backup.ItemBackup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Takeout inbox of takeout-import.yaml: a folder where a user (or a download job) drops the parts of an export.
 * An export is ready once its parts are numbered without a gap from 001 and none has changed (size or time) for
 * the settle time; it is then imported as one snapshot and its parts moved to the done folder (or deleted). An
 * export that was refused (parts of two exports, not an archive) is not tried again until one of its files
 * changes.
 */
public final class TakeoutInbox {

    private static final Logger LOG = LoggerFactory.getLogger(TakeoutInbox.class);
    private static final Pattern PART = Pattern.compile(
            "(?i)takeout-(\\d{8}T\\d{6}Z)(?:-(\\d+))?-(\\d{3,})\\.(zip|tgz|tar\\.gz)");
    /** The exchange property holding the export being imported (its part paths). */
    public static final String EXPORT_PROPERTY = "PhotovaultTakeoutExport";
    /** Header set after an import: how many archive entries were rejected. */
    public static final String REJECTED_HEADER = "PhotovaultTakeoutRejected";

    /** A part as last seen: its size and time, and since when it has looked so. */
    private record Seen(long size, Instant modified, Instant since) {
    }

    private final Path inbox;
    private final Path done;
    private final Duration settle;
    private final boolean deleteAfterImport;
    private final boolean allowMissingParts;
    private final Clock clock;
    private final Map<Path, Seen> seen = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public TakeoutInbox(Path inbox, Path done, Duration settle, boolean deleteAfterImport, boolean allowMissingParts,
            Clock clock) {
        this.inbox = inbox;
        this.done = done;
        this.settle = settle;
        this.deleteAfterImport = deleteAfterImport;
        this.allowMissingParts = allowMissingParts;
        this.clock = clock;
    }

    /** The exports ready to import, each as its part paths (oldest export first). */
    public List<List<String>> ready() throws IOException {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<String, List<Path>> byExport = new TreeMap<>();
        Set<Path> present = new java.util.HashSet<>();
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path p : files.sorted().toList()) {
                Matcher m = PART.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(p)) {
                    continue;
                }
                present.add(p);
                long size = Files.size(p);
                Instant modified = Files.getLastModifiedTime(p).toInstant();
                seen.compute(p, (k, old) -> old != null && old.size() == size && old.modified().equals(modified) ? old
                        : new Seen(size, modified, now));
                byExport.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(p);
            }
        }
        seen.keySet().retainAll(present);
        List<List<String>> ready = new ArrayList<>();
        byExport.forEach((export, parts) -> {
            if (!contiguous(parts)) {
                LOG.debug("takeout export {}: waiting for its missing parts", export);
                return;
            }
            for (Path p : parts) {
                Seen s = seen.get(p);
                Instant quiet = s.modified().isAfter(s.since()) ? s.modified() : s.since();
                if (Duration.between(quiet, now).compareTo(settle) < 0) {
                    LOG.debug("takeout export {}: {} changed less than {} ago", export, p.getFileName(), settle);
                    return;
                }
            }
            String signature = signature(parts);
            if (signature.equals(refused.get(export))) {
                return;
            }
            ready.add(parts.stream().map(Path::toString).toList());
        });
        return ready;
    }

    private boolean contiguous(List<Path> parts) {
        Map<String, TreeSet<Integer>> series = new HashMap<>();
        for (Path p : parts) {
            Matcher m = PART.matcher(p.getFileName().toString());
            if (m.matches()) {
                series.computeIfAbsent(m.group(2) == null ? "" : m.group(2), k -> new TreeSet<>())
                        .add(Integer.parseInt(m.group(3)));
            }
        }
        if (allowMissingParts) {
            return !series.isEmpty();
        }
        return !series.isEmpty() && series.values().stream().allMatch(n -> n.first() == 1 && n.last() == n.size());
    }

    private String signature(List<Path> parts) {
        StringBuilder s = new StringBuilder();
        for (Path p : parts) {
            Seen x = seen.get(p);
            s.append(p.getFileName()).append(':').append(x == null ? -1 : x.size()).append(':')
                    .append(x == null ? "" : x.modified()).append(';');
        }
        return s.toString();
    }

    /**
     * Imports the export in the body (its part paths) into the run that {@code vault:open} started. Sets the
     * {@link #REJECTED_HEADER} header; remembers a refused export so that it is not tried again unchanged.
     */
    public void importExport(Exchange exchange) throws IOException {
        @SuppressWarnings("unchecked")
        List<String> parts = exchange.getMessage().getBody(List.class);
        exchange.setProperty(EXPORT_PROPERTY, parts);
        ItemBackup backup = exchange.getProperty(VaultConstants.SESSION_PROPERTY, ItemBackup.class);
        if (backup == null) {
            throw new IllegalStateException("vault:open must come before the Takeout import");
        }
        List<Path> paths = parts.stream().map(Path::of).toList();
        try {
            TakeoutReport report = TakeoutImport.run(paths, backup, new TakeoutImport.Options(allowMissingParts,
                    Math.max(2, Runtime.getRuntime().availableProcessors())));
            TakeoutReport.summary(report.toMap()).forEach(LOG::info);
            exchange.getMessage().setHeader(REJECTED_HEADER, report.rejectedCount());
        } catch (TakeoutException e) {
            Matcher m = PART.matcher(paths.get(0).getFileName().toString());
            if (m.matches()) {
                refused.put(m.group(1), signature(paths));
            }
            throw e;
        }
    }

    /**
     * After a committed import: moves the export's parts to the done folder, or deletes them. Nothing is moved
     * when no snapshot was written (a dry run, a failed run).
     */
    public void done(Exchange exchange) throws IOException {
        @SuppressWarnings("unchecked")
        List<String> parts = exchange.getProperty(EXPORT_PROPERTY, List.class);
        String snapshot = exchange.getMessage().getHeader(VaultConstants.SNAPSHOT_ID, String.class);
        if (parts == null || snapshot == null) {
            return;
        }
        for (String part : parts) {
            Path p = Path.of(part);
            if (deleteAfterImport) {
                Files.deleteIfExists(p);
            } else {
                Files.createDirectories(done);
                Files.move(p, done.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            seen.remove(p);
        }
        LOG.info("takeout: {} parts imported into snapshot {}, {}", parts.size(), snapshot.substring(0, 8),
                deleteAfterImport ? "and deleted" : "and moved to " + done);
    }
}
