package dev.photovault.vault.core.repair;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.checker.ChunkVerifier;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.crypto.Aead;
import dev.photovault.vault.core.repository.ChunkIndex;
import dev.photovault.vault.core.repository.DamagedObject;
import dev.photovault.vault.core.repository.PackRef;
import dev.photovault.vault.core.repository.PackedChunk;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heals a repository after damage, under the caller's exclusive lock. {@link #repairIndex} rebuilds the index from
 * the chunks that really exist, so that the next backup writes the missing ones again (chunks are content
 * addressed: rewriting one makes every older snapshot that needs it whole again). {@link #repairSnapshots} removes
 * snapshots that cannot be read, and stray files under {@code snapshots/}. The order keeps the repository valid at
 * every step: the new index is written and flushed before the old deltas go.
 */
public final class Repairer {

    private final Repository repository;
    private final int workers;
    private final Progress progress;

    public Repairer(Repository repository, int workers, Progress progress) {
        this.repository = repository;
        this.workers = workers;
        this.progress = progress;
    }

    /**
     * What {@link #repairIndex} did (or, in a dry run, would do).
     *
     * @param chunksIndexed   chunks the new index names
     * @param missingDropped  chunks the old index named that are not stored
     * @param damagedRemoved  chunk objects removed because they are damaged (with read-data, or truncated)
     * @param deltasReplaced  old index deltas replaced by the new one
     */
    public record IndexRepair(int chunksIndexed, int missingDropped, List<String> damagedRemoved, int deltasReplaced) {
    }

    /**
     * @param readData decrypt every chunk and remove the damaged ones, so that backups write them again
     * @param dryRun   find everything, change nothing
     */
    public IndexRepair repairIndex(boolean readData, boolean dryRun) throws IOException {
        Map<String, Integer> existing = new LinkedHashMap<>();
        List<String> damaged = Collections.synchronizedList(new ArrayList<>());
        for (ObjectInfo info : repository.store().list("chunks/")) {
            String id = info.key().substring(info.key().lastIndexOf('/') + 1);
            if (!Repository.isObjectId(id) || !info.key().equals(Repository.chunkKey(id))) {
                continue; // not a chunk: check names it; it never enters the index
            }
            if (info.size() < Aead.OVERHEAD) {
                damaged.add(id);
            } else {
                existing.put(id, (int) (info.size() - Aead.OVERHEAD));
            }
        }
        ChunkIndex old = repository.loadIndex();
        Map<String, PackRef> packed = packedChunks(old, existing, damaged);
        repository.resetLocations(packed);
        if (readData) {
            verify(existing, damaged);
        }
        int missing = (int) old.ids().stream().filter(id -> !existing.containsKey(id)).count();
        List<String> oldDeltas = repository.indexKeys();
        List<String> removed = List.copyOf(damaged);
        if (!dryRun) {
            for (String id : removed) {
                if (!packed.containsKey(id) && Repository.isObjectId(id)) {
                    repository.store().delete(Repository.chunkKey(id));
                } // a damaged chunk in a pack only leaves the index; prune repacks or removes the pack
            }
            String rebuilt = repository.writeIndex(existing);
            repository.store().flush();
            for (String key : oldDeltas) {
                if (!key.equals(rebuilt)) {
                    repository.store().delete(key);
                }
            }
        }
        return new IndexRepair(existing.size(), missing, removed, oldDeltas.size());
    }

    /**
     * Adds every chunk the packs hold, from each pack's header, to {@code existing}; for a pack whose header is
     * damaged, the chunks the old index placed in it (the index is authenticated too), and the pack's key to
     * {@code damaged} when there are none. @return where each packed chunk is
     */
    private Map<String, PackRef> packedChunks(ChunkIndex old, Map<String, Integer> existing, List<String> damaged)
            throws IOException {
        Map<String, List<PackedChunk>> byOldIndex = new java.util.HashMap<>();
        for (String id : old.ids()) {
            PackRef ref = repository.locate(id);
            if (ref != null) {
                byOldIndex.computeIfAbsent(ref.key(), k -> new ArrayList<>()).add(new PackedChunk(id, ref));
            }
        }
        int overhead = repository.chunkSealer().overhead();
        Map<String, PackRef> packed = new java.util.HashMap<>();
        for (ObjectInfo info : repository.store().list("packs/")) {
            String id = info.key().substring(info.key().lastIndexOf('/') + 1);
            if (!Repository.isObjectId(id) || !info.key().equals(Repository.packKey(id))) {
                continue; // not a pack: check names it
            }
            List<PackedChunk> chunks;
            try {
                chunks = repository.readPackHeader(info.key(), info.size());
            } catch (dev.photovault.vault.core.crypto.IntegrityException e) {
                chunks = byOldIndex.getOrDefault(info.key(), List.of()).stream()
                        .filter(c -> c.ref().offset() + c.ref().length() <= info.size()).toList();
                if (chunks.isEmpty()) {
                    damaged.add(info.key());
                }
            }
            for (PackedChunk c : chunks) {
                if (c.ref().length() >= overhead && !existing.containsKey(c.id())) {
                    existing.put(c.id(), c.ref().length() - overhead);
                    packed.put(c.id(), c.ref());
                }
            }
        }
        return packed;
    }

    private void verify(Map<String, Integer> existing, List<String> damaged) throws IOException {
        Map<String, ChunkVerifier.Failure> failures = new ChunkVerifier(repository, workers, progress)
                .verify(List.copyOf(existing.keySet()));
        for (var f : failures.entrySet()) {
            if (f.getValue().problem() == ChunkVerifier.Problem.UNREADABLE) {
                // A read the store failed says nothing about the chunk: repairing now could drop a good chunk.
                throw new dev.photovault.vault.core.VaultException("chunk " + f.getKey() + " "
                        + f.getValue().reason().replace("run check again", "run repair again")
                        + "; nothing was changed");
            }
        }
        failures.forEach((id, failure) -> {
                    existing.remove(id);
                    if (failure.problem() == ChunkVerifier.Problem.DAMAGED) {
                        damaged.add(id);
                    }
                });
    }

    /**
     * Removes every snapshot object that cannot be read whole (or is not a snapshot at all).
     *
     * @return what was (or would be) removed
     */
    public List<DamagedObject> repairSnapshots(boolean dryRun) throws IOException {
        List<DamagedObject> found = new ArrayList<>();
        for (ObjectInfo info : repository.store().list("snapshots/")) {
            String id = info.key().substring("snapshots/".length());
            if (!Repository.isObjectId(id)) {
                found.add(new DamagedObject(info.key(), "not a snapshot name: a stray file"));
                continue;
            }
            try {
                repository.loadSnapshot(id);
            } catch (ObjectNotFoundException gone) {
                // forgotten meanwhile
            } catch (VaultException | IOException e) {
                found.add(new DamagedObject(info.key(), e.getMessage()));
            }
        }
        if (!dryRun) {
            for (DamagedObject d : found) {
                repository.store().delete(d.key());
            }
        }
        return found;
    }
}
