package dev.photovault.vault.core.pruner;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.crypto.Aead;
import dev.photovault.vault.core.repository.DamagedObject;
import dev.photovault.vault.core.repository.ChunkIndex;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.store.ObjectLockedException;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.store.LocalObjectStore;
import dev.photovault.vault.core.store.ObjectInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes chunks that no snapshot references. The caller holds the exclusive lock. Unreferenced chunks younger
 * than the grace period stay (a backup without a lock, or one whose lock went stale, may be about to reference
 * them). The order keeps the repository valid at every step: first one new index naming every chunk that
 * stays, then the old index deltas go, then the chunks.
 */
public final class Pruner {

    private final Repository repository;

    public Pruner(Repository repository) {
        this.repository = repository;
    }

    /**
     * Removes the snapshots {@code policy} does not keep (unless {@code dryRun}); the caller holds an exclusive
     * lock. @return every snapshot's decision, oldest first
     */
    public List<RetentionPolicy.Decision> forget(RetentionPolicy policy, boolean dryRun) throws IOException {
        Map<String, Repository.Hold> holds = repository.holds();
        List<RetentionPolicy.Decision> decisions = policy.apply(repository.listSnapshots()).stream()
                .map(d -> d.keep() || !holds.containsKey(d.snapshot().id()) ? d
                        : new RetentionPolicy.Decision(d.snapshot(), true, List.of("held")))
                .toList();
        if (dryRun) {
            return decisions;
        }
        List<RetentionPolicy.Decision> done = new java.util.ArrayList<>(decisions.size());
        for (RetentionPolicy.Decision d : decisions) {
            if (!d.keep()) {
                try {
                    repository.deleteSnapshot(d.snapshot().id());
                } catch (ObjectLockedException locked) {
                    // Object Lock: it stays, whole, until its retention ends; a later forget removes it.
                    d = new RetentionPolicy.Decision(d.snapshot(), true, List.of(locked.until() == null
                            ? "locked (legal hold)" : "locked until " + locked.until()));
                }
            }
            done.add(d);
        }
        return done;
    }

    public PruneResult prune(Duration grace, boolean dryRun) throws IOException {
        Set<String> referenced = new HashSet<>();
        List<SnapshotRef> snapshots = repository.listSnapshots();
        for (DamagedObject d : repository.damagedSnapshots()) {
            if (d.key().startsWith("snapshots/") && Repository.isObjectId(d.key().substring("snapshots/".length()))) {
                // Its chunks cannot be known: pruning now could delete what a repaired copy of it would need.
                throw new VaultException(d.describe() + ": prune cannot tell which chunks it needs; remove it with"
                        + " 'photovault repair snapshots' first (its files cannot be restored anyway)");
            }
        }
        for (var ref : snapshots) {
            for (Entry e : repository.loadSnapshot(ref.id()).entries()) {
                referenced.addAll(e.chunks());
            }
        }
        Instant now = Instant.now();
        Instant cutoff = now.minus(grace);
        boolean locking = repository.store().lockPeriod() != null;
        ChunkIndex index = locking ? repository.loadIndex() : null;
        Map<String, Integer> keep = new LinkedHashMap<>();
        Map<String, Long> locks = new java.util.HashMap<>();
        Map<String, Long> delete = new LinkedHashMap<>();
        long inGrace = 0;
        long locked = 0;
        long lastLock = 0;
        for (ObjectInfo info : repository.store().list("chunks/")) {
            String id = info.key().substring(info.key().lastIndexOf('/') + 1);
            long until = index == null ? 0 : index.lockedUntil(id);
            if (until > 0) {
                locks.put(id, until);
            }
            if (referenced.contains(id) || info.lastModified().isAfter(cutoff)) {
                keep.put(id, (int) (info.size() - Aead.OVERHEAD));
                if (!referenced.contains(id)) {
                    inGrace++;
                }
            } else if (until > now.getEpochSecond()) {
                // Still locked: S3 would refuse the delete. It stays, out of the rebuilt index (which is locked
                // too and would pin it longer); the older deltas that name it expire with it, and a prune after
                // that deletes it.
                locked++;
                lastLock = Math.max(lastLock, until);
            } else {
                delete.put(id, info.size());
            }
        }
        for (String id : referenced) {
            if (!keep.containsKey(id)) {
                throw new VaultException("chunk " + id + " is referenced but missing: run 'photovault repair index',"
                        + " then back up again (the next backup of the same files writes it again), then prune");
            }
        }
        List<String> oldIndexes = repository.indexKeys();
        long freed = delete.values().stream().mapToLong(Long::longValue).sum();
        if (dryRun) {
            return new PruneResult(referenced.size(), delete.size(), freed, inGrace, oldIndexes.size(), locked,
                    lastLock == 0 ? null : Instant.ofEpochSecond(lastLock));
        }
        repository.verifyLocks(); // a prune that lost its exclusive lock may have a backup beside it: delete nothing
        java.util.concurrent.atomic.AtomicLong lockedByDelta = new java.util.concurrent.atomic.AtomicLong();
        String rebuilt = repository.writeIndex(keep, locks);
        repository.store().flush();
        for (String key : oldIndexes) {
            if (!key.equals(rebuilt)) {
                try {
                    repository.store().delete(key);
                } catch (ObjectLockedException stillLocked) {
                    // A locked delta stays; the chunks it names must then stay too (below), or it would name
                    // chunks that are gone and a backup would trust it.
                    repository.readIndex(key, (id, size) -> {
                        if (delete.remove(id) != null) {
                            lockedByDelta.incrementAndGet();
                        }
                    });
                }
            }
        }
        long deleted = 0;
        freed = 0;
        locked += lockedByDelta.get();
        for (Map.Entry<String, Long> chunk : delete.entrySet()) {
            try {
                repository.store().delete(Repository.chunkKey(chunk.getKey()));
                deleted++;
                freed += chunk.getValue();
            } catch (ObjectLockedException refused) {
                // The server refused (a lock the index did not know): the chunk stays, unindexed and harmless.
                locked++;
                if (refused.until() != null) {
                    lastLock = Math.max(lastLock, refused.until().getEpochSecond());
                }
            }
        }
        if (repository.store() instanceof LocalObjectStore local) {
            local.cleanTemporaryFiles(Duration.ofDays(1).toMillis());
        }
        return new PruneResult(referenced.size(), deleted, freed, inGrace, oldIndexes.size(), locked,
                lastLock == 0 ? null : Instant.ofEpochSecond(lastLock));
    }
}
