package dev.photovault.vault.core.checker;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.store.ObjectInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a repository. The structural check decrypts every index and snapshot and makes sure every chunk a
 * snapshot needs exists with the stored length its index promises (which catches deleted and truncated
 * chunks without reading them). Reading data decrypts chunks too, authenticating each and recomputing its id,
 * which catches any corruption; a subset share reads a random sample, for routine runs. Every problem is
 * traced to the snapshots and files it damages.
 */
public final class Checker {

    private final Repository repository;
    private final int workers;
    private final Progress progress;

    public Checker(Repository repository, int workers, Progress progress) {
        this.repository = repository;
        this.workers = workers;
        this.progress = progress;
    }

    /**
     * @param readData       decrypt and verify chunks
     * @param subsetFraction with {@code readData}: the share of chunks to read, in (0, 1]
     */
    public CheckResult check(boolean readData, double subsetFraction) throws IOException {
        return check(readData, subsetFraction, null);
    }

    /**
     * As {@link #check(boolean, double)}, also reporting the snapshots that {@code cache} saw at the last check
     * on this machine and that are gone now (unless forgotten here); then the cache remembers the present set.
     *
     * @param cache this machine's cache of the repository, or null to skip that comparison
     */
    public CheckResult check(boolean readData, double subsetFraction, LocalCache cache) throws IOException {
        List<String> errors = new ArrayList<>();
        Map<String, Integer> indexed = new HashMap<>();
        Map<String, dev.photovault.vault.core.repository.PackRef> packedAt = new HashMap<>();
        for (String key : repository.indexKeys()) {
            try {
                repository.readIndex(key, (id, size, where) -> {
                    indexed.put(id, size);
                    if (where != null) {
                        packedAt.put(id, where);
                    }
                });
            } catch (VaultException | IOException e) {
                errors.add(key + ": " + e.getMessage());
            }
        }
        Map<String, Long> stored = new HashMap<>();
        for (ObjectInfo info : repository.store().list("chunks/")) {
            String id = info.key().substring(info.key().lastIndexOf('/') + 1);
            if (!info.key().equals(Repository.chunkKey(id)) || !id.matches("[0-9a-f]{64}")) {
                errors.add(info.key() + ": not a chunk name");
                continue;
            }
            stored.put(id, info.size());
        }
        Map<String, Long> packs = new HashMap<>();
        List<ObjectInfo> packList = repository.store().list("packs/");
        for (ObjectInfo info : packList) {
            String id = info.key().substring(info.key().lastIndexOf('/') + 1);
            if (!info.key().equals(Repository.packKey(id)) || !Repository.isObjectId(id)) {
                errors.add(info.key() + ": not a pack name");
                continue;
            }
            packs.put(info.key(), info.size());
        }
        Map<String, String> packProblems = new HashMap<>();
        for (var packed : packedAt.entrySet()) {
            var ref = packed.getValue();
            Long packSize = packs.get(ref.key());
            if (packSize == null) {
                packProblems.put(packed.getKey(), "its pack " + ref.key() + " is missing");
            } else if (ref.offset() + ref.length() > packSize) {
                packProblems.put(packed.getKey(), "its pack " + ref.key() + " is truncated (" + packSize
                        + " bytes, the chunk ends at " + (ref.offset() + ref.length()) + ")");
            } else {
                stored.put(packed.getKey(), (long) ref.length());
            }
        }
        // Packs no readable index names (a crashed backup, or a damaged index delta): their chunks are stored too.
        Set<String> named = new java.util.HashSet<>();
        packedAt.values().forEach(ref -> named.add(ref.pack()));
        for (var c : repository.packedChunksOutside(packList, named)) {
            stored.putIfAbsent(c.id(), (long) c.ref().length());
        }
        if (readData) {
            for (var pack : packs.entrySet()) {
                try {
                    repository.readPackHeader(pack.getKey(), pack.getValue());
                } catch (VaultException | IOException e) {
                    errors.add(pack.getKey() + ": " + e.getMessage() + " (its chunks stay readable while the index"
                            + " names them, but 'photovault repair index' could not find them again)");
                }
            }
        }

        // chunk id -> the files that need it, as "<snapshot> <path>"
        Map<String, Set<String>> users = new LinkedHashMap<>();
        List<SnapshotRef> snapshots = new ArrayList<>();
        Map<String, String> present = new LinkedHashMap<>();
        Map<String, String> seen = cache == null ? Map.of() : cache.seenSnapshots();
        for (ObjectInfo info : repository.store().list("snapshots/")) {
            String id = info.key().substring("snapshots/".length());
            if (!Repository.isObjectId(id)) {
                errors.add(info.key() + ": not a snapshot name, a stray file ('photovault repair snapshots'"
                        + " removes it)");
                continue;
            }
            present.put(id, seen.getOrDefault(id, "unreadable"));
            try {
                Snapshot snapshot = repository.loadSnapshot(id);
                SnapshotRef ref = new SnapshotRef(id, snapshot.header());
                snapshots.add(ref);
                present.put(id, LocalCache.describe(ref));
                for (Entry e : snapshot.entries()) {
                    for (String chunk : e.chunks()) {
                        users.computeIfAbsent(chunk, c -> new LinkedHashSet<>()).add(id.substring(0, 8) + " " + e.path());
                    }
                }
            } catch (VaultException | IOException e) {
                errors.add("snapshot " + id + ": " + e.getMessage() + " ('photovault repair snapshots' removes it)");
            }
        }
        if (cache != null) {
            for (Map.Entry<String, String> was : seen.entrySet()) {
                if (!present.containsKey(was.getKey())) {
                    errors.add("snapshot " + was.getKey().substring(0, 8) + " (" + was.getValue() + ") disappeared"
                            + " since the last check on this machine: forgotten on another machine, or deleted"
                            + " behind photovault's back");
                }
            }
            cache.rememberSnapshots(present);
        }

        Set<String> damaged = ConcurrentHashMap.newKeySet();
        int overhead = repository.chunkSealer().overhead();
        for (String chunk : users.keySet()) {
            Long size = stored.get(chunk);
            Integer plain = indexed.get(chunk);
            if (size == null) {
                String problem = packProblems.get(chunk);
                errors.add("chunk " + chunk + ": " + (problem == null ? "missing" : problem) + " (run 'photovault"
                        + " repair index', then back up again: the next backup of the same files writes it again)");
                damaged.add(chunk);
            } else if (plain == null) {
                errors.add("chunk " + chunk + ": not in any index (run 'photovault repair index')");
            } else if (size != plain + overhead) {
                errors.add("chunk " + chunk + ": stored size " + size + " bytes, expected " + (plain + overhead));
                damaged.add(chunk);
            }
        }
        for (String chunk : indexed.keySet()) {
            if (!stored.containsKey(chunk) && !users.containsKey(chunk)) {
                String problem = packProblems.get(chunk);
                errors.add("chunk " + chunk + ": listed in the index but " + (problem == null ? "missing" : problem)
                        + " (run 'photovault repair index')");
            }
        }

        long read = 0;
        if (readData) {
            List<String> toRead = new ArrayList<>();
            SplittableRandom random = new SplittableRandom();
            for (String chunk : users.keySet()) {
                if (!damaged.contains(chunk) && (subsetFraction >= 1.0 || random.nextDouble() < subsetFraction)) {
                    toRead.add(chunk);
                }
            }
            read = toRead.size();
            errors.addAll(readChunks(toRead, damaged));
        }

        Set<String> damagedFiles = new TreeSet<>();
        for (String chunk : damaged) {
            damagedFiles.addAll(users.get(chunk));
        }
        long unreferenced = stored.keySet().stream().filter(c -> !users.containsKey(c)).count();
        Collections.sort(errors);
        return new CheckResult(snapshots.size(), users.size(), read, unreferenced, errors, List.copyOf(damagedFiles));
    }

    private List<String> readChunks(List<String> ids, Set<String> damaged) throws IOException {
        List<String> errors = new ArrayList<>();
        new ChunkVerifier(repository, workers, progress).verify(ids).forEach((id, failure) -> {
            String where;
            try {
                where = repository.locate(id) != null ? repository.whereIs(id)
                        : repository.store().position(Repository.chunkKey(id));
            } catch (IOException e) {
                where = null;
            }
            errors.add("chunk " + id + (where == null ? "" : " (" + where + ")") + ": " + failure.reason());
            if (failure.problem() != ChunkVerifier.Problem.UNREADABLE) {
                damaged.add(id); // a read the store failed does not make the files that need the chunk damaged
            }
        });
        return errors;
    }
}
