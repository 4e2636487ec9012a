package dev.photovault.vault.core.cache;

import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this machine remembers of one repository, in {@code <cache root>/<repository id>/}: the snapshots the last
 * check saw ({@code snapshots-seen}), so that a snapshot deleted behind photovault's back is noticed, and the
 * snapshots forgotten here, which are not. Nothing in it is secret, and losing it loses nothing but that memory.
 */
public final class LocalCache {

    private static final String SEEN = "snapshots-seen";
    private static final Logger LOG = LoggerFactory.getLogger(LocalCache.class);

    private final Path dir;

    private LocalCache(Path dir) {
        this.dir = dir;
    }

    /** The cache of repository {@code repositoryId} under {@code root}. */
    public static LocalCache of(Path root, String repositoryId) {
        return new LocalCache(root.resolve(repositoryId));
    }

    public Path dir() {
        return dir;
    }

    /** Whether a check has recorded what it saw here before. */
    public boolean hasSeenSnapshots() {
        return Files.isRegularFile(dir.resolve(SEEN));
    }

    /**
     * Snapshot id → one line describing it, as the last check saw them (empty before the first, or when the cache
     * cannot be read: it is advisory, and a check never fails for it).
     */
    public Map<String, String> seenSnapshots() {
        Map<String, String> seen = new LinkedHashMap<>();
        Path file = dir.resolve(SEEN);
        if (!Files.isRegularFile(file)) {
            return seen;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("could not read the local cache {}: {} (snapshots that disappeared cannot be told this time)",
                    file, e.getMessage());
            return seen;
        }
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab == 64) {
                seen.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return seen;
    }

    /**
     * Replaces the remembered set (written to a temporary file and renamed, so it is never half-written). A cache
     * that cannot be written is said in one warning; nothing else depends on it.
     */
    public void rememberSnapshots(Map<String, String> seen) {
        StringBuilder text = new StringBuilder();
        seen.forEach((id, description) -> text.append(id).append('\t')
                .append(description.replace('\n', ' ').replace('\t', ' ')).append('\n'));
        Path temp = dir.resolve(SEEN + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(SEEN), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not write the local cache in {}: {} (set --cache-dir or vault.cache-dir to a writable"
                    + " folder so that check can tell snapshots that disappear)", dir, e.getMessage());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing was written
            }
        }
    }

    /** Snapshots removed on purpose from this machine (forget, repair): a later check does not report them. */
    public void forgetSnapshots(Collection<String> ids) {
        if (ids.isEmpty() || !hasSeenSnapshots()) {
            return;
        }
        Map<String, String> seen = seenSnapshots();
        if (seen.keySet().removeAll(ids)) {
            rememberSnapshots(seen);
        }
    }

    /** How a snapshot is described in the remembered set. */
    public static String describe(SnapshotRef ref) {
        List<String> paths = ref.header().paths();
        return ref.header().time() + " " + ref.header().source() + (paths.isEmpty() ? "" : " " + String.join(",", paths))
                + " from " + ref.header().hostname();
    }

    @Override
    public String toString() {
        return "LocalCache[" + dir + "]";
    }
}
