package dev.photovault.vault.core.pruner;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.crypto.Aead;
import dev.photovault.vault.core.repository.DamagedObject;
import dev.photovault.vault.core.repository.ChunkIndex;
import dev.photovault.vault.core.repository.PackRef;
import dev.photovault.vault.core.repository.PackedChunk;
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
 * them). A pack goes when none of its chunks is referenced; one that is partly unreferenced is repacked: its
 * referenced chunks are copied, still sealed, into new packs. The order keeps the repository valid at every step:
 * first the new packs, then one new index naming every chunk that stays, then the old index deltas go, then the
 * chunks and packs.
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
        ChunkIndex index = locking || repository.packsChunks() ? repository.loadIndex() : null;
        Map<String, Integer> keep = new LinkedHashMap<>();
        Map<String, Long> locks = new java.util.HashMap<>();
        Map<String, Long> delete = new LinkedHashMap<>();
        long inGrace = 0;
        long locked = 0;
        long lastLock = 0;
        for (ObjectInfo info : repository.store().list("chunks/")) {
            String id = info.key().substring(info.key().lastIndexOf('/') + 1);
            long until = index == null || !locking ? 0 : index.lockedUntil(id);
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
        Packs packs = index == null ? new Packs() : planPacks(index, referenced, cutoff, now, locking);
        keep.putAll(packs.keep);
        locks.putAll(packs.locks);
        inGrace += packs.inGrace;
        locked += packs.locked;
        lastLock = Math.max(lastLock, packs.lastLock);
        for (String id : referenced) {
            if (!keep.containsKey(id)) {
                throw new VaultException("chunk " + id + " is referenced but missing: run 'photovault repair index',"
                        + " then back up again (the next backup of the same files writes it again), then prune");
            }
        }
        List<String> oldIndexes = repository.indexKeys();
        long freed = delete.values().stream().mapToLong(Long::longValue).sum() + packs.bytesFreed();
        if (dryRun) {
            return new PruneResult(referenced.size(), delete.size() + packs.chunksDropped, freed, inGrace,
                    oldIndexes.size(), locked, lastLock == 0 ? null : Instant.ofEpochSecond(lastLock));
        }
        repository.verifyLocks(); // a prune that lost its exclusive lock may have a backup beside it: delete nothing
        long repacked = repack(packs);
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
                    repository.readIndex(key, (id, size, where) -> {
                        if (delete.remove(id) != null) {
                            lockedByDelta.incrementAndGet();
                        }
                        if (where != null && packs.delete.remove(where.key()) != null) {
                            // The pack stays too, repacked or not: the delta may be read as where the chunk is.
                            lockedByDelta.addAndGet(packs.chunksIn.getOrDefault(where.key(), 0));
                        }
                    });
                }
            }
        }
        long deleted = 0;
        freed = 0;
        locked += lockedByDelta.get();
        for (Map.Entry<String, Long> pack : packs.delete.entrySet()) {
            try {
                repository.store().delete(pack.getKey());
                freed += pack.getValue();
            } catch (ObjectLockedException refused) {
                locked += packs.chunksIn.getOrDefault(pack.getKey(), 0);
                if (refused.until() != null) {
                    lastLock = Math.max(lastLock, refused.until().getEpochSecond());
                }
            }
        }
        deleted += packs.chunksDropped;
        freed -= repacked;
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

    /** What prune does with the packs. */
    private static final class Packs {
        /** Packed chunks that stay, with their plaintext sizes, and their known locks. */
        final Map<String, Integer> keep = new LinkedHashMap<>();
        final Map<String, Long> locks = new java.util.HashMap<>();
        /** Packs to delete (key → stored bytes), after the new index; those being repacked among them. */
        final Map<String, Long> delete = new LinkedHashMap<>();
        /** Chunks each pack holds, by key, for counting. */
        final Map<String, Integer> chunksIn = new java.util.HashMap<>();
        /** Packs to repack: their referenced chunks, to copy before the new index. */
        final Map<String, List<PackedChunk>> repack = new LinkedHashMap<>();
        long chunksDropped;
        /** Bytes the repacking copies. */
        long rewrite;
        long inGrace;
        long locked;
        long lastLock;

        long bytesFreed() {
            return delete.values().stream().mapToLong(Long::longValue).sum() - rewrite;
        }
    }

    private Packs planPacks(ChunkIndex index, Set<String> referenced, Instant cutoff, Instant now, boolean locking)
            throws IOException {
        Packs plan = new Packs();
        Map<String, List<PackedChunk>> byPack = new java.util.HashMap<>();
        for (String id : index.ids()) {
            PackRef ref = repository.locate(id);
            if (ref != null) {
                byPack.computeIfAbsent(ref.key(), k -> new java.util.ArrayList<>()).add(new PackedChunk(id, ref));
            }
        }
        for (ObjectInfo info : repository.store().list("packs/")) {
            List<PackedChunk> chunks = byPack.get(info.key());
            boolean young = info.lastModified().isAfter(cutoff);
            if (chunks == null) {
                // No index names it: a backup that crashed before its index delta, or one running beside us.
                if (!young) {
                    plan.delete.put(info.key(), info.size());
                    plan.chunksIn.put(info.key(), 0);
                    continue;
                }
                try {
                    chunks = repository.readPackHeader(info.key(), info.size());
                    repository.knowPacked(chunks); // so that the new index names them where they are
                } catch (dev.photovault.vault.core.crypto.IntegrityException damaged) {
                    continue; // its chunks cannot be found; it goes when it is out of the grace period
                }
            }
            plan.chunksIn.put(info.key(), chunks.size());
            long until = 0;
            long live = 0;
            List<PackedChunk> kept = new java.util.ArrayList<>();
            for (PackedChunk c : chunks) {
                long chunkUntil = locking ? index.lockedUntil(c.id()) : 0;
                until = Math.max(until, chunkUntil);
                if (referenced.contains(c.id()) || young) {
                    kept.add(c);
                    if (referenced.contains(c.id())) {
                        live += c.ref().length();
                    } else {
                        plan.inGrace++;
                    }
                }
            }
            if (kept.isEmpty() && until > now.getEpochSecond()) {
                plan.locked += chunks.size();
                plan.lastLock = Math.max(plan.lastLock, until);
                continue;
            }
            if (kept.isEmpty()) {
                plan.delete.put(info.key(), info.size());
                plan.chunksDropped += chunks.size();
                continue;
            }
            // A pack holding any unreferenced chunk is rewritten without it: packs are small (4 MiB), and a forgotten
            // photo's space must come back, not wait for its pack's neighbours to be forgotten too.
            boolean partlyDead = kept.size() < chunks.size();
            boolean repack = partlyDead && until <= now.getEpochSecond();
            if (partlyDead && !repack) {
                // Locked: it cannot be replaced yet; its unreferenced chunks stay until a prune after the lock.
                plan.locked += chunks.size() - kept.size();
                plan.lastLock = Math.max(plan.lastLock, until);
            }
            for (PackedChunk c : kept) {
                plan.keep.put(c.id(), c.ref().length() - repository.chunkSealer().overhead());
                long chunkUntil = locking ? index.lockedUntil(c.id()) : 0;
                if (chunkUntil > 0 && !repack) {
                    plan.locks.put(c.id(), chunkUntil);
                }
            }
            if (repack) {
                plan.repack.put(info.key(), kept);
                plan.rewrite += live;
                plan.delete.put(info.key(), info.size());
                plan.chunksDropped += chunks.size() - kept.size();
            }
        }
        return plan;
    }

    /**
     * Copies the referenced chunks of the packs to repack into new packs (sealed as they are, each authenticated
     * first); a pack with a chunk that fails is left as it is. @return the bytes written
     */
    private long repack(Packs plan) throws IOException {
        long written = 0;
        for (var pack : List.copyOf(plan.repack.entrySet())) {
            List<byte[]> sealed = new java.util.ArrayList<>();
            try {
                for (PackedChunk c : pack.getValue()) {
                    byte[] bytes = repository.store().getRange(c.ref().key(), c.ref().offset(), c.ref().length());
                    repository.chunkSealer().open(c.id(), bytes);
                    sealed.add(bytes);
                }
            } catch (dev.photovault.vault.core.crypto.IntegrityException | IOException e) {
                // Damaged or unreadable: the pack stays as it is ('photovault check --read-data' tells more).
                plan.delete.remove(pack.getKey());
                plan.repack.remove(pack.getKey());
                plan.chunksDropped -= plan.chunksIn.get(pack.getKey()) - pack.getValue().size();
                continue;
            }
            for (int i = 0; i < sealed.size(); i++) {
                repository.repackChunk(pack.getValue().get(i).id(), sealed.get(i));
                written += sealed.get(i).length;
            }
        }
        repository.flushPacks();
        repository.store().flush();
        return written;
    }
}
