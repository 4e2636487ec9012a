package dev.photovault.vault.core.repository;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chunks a repository is known to hold, with their plaintext sizes, as read from the index deltas. Lets a
 * backup skip chunks it already has without listing {@code chunks/}. Thread-safe.
 */
public final class ChunkIndex {

    private final Map<String, Integer> sizes = new ConcurrentHashMap<>();
    /** Epoch seconds each chunk is known to be locked until (S3 Object Lock), the latest seen; absent: unknown. */
    private final Map<String, Long> locked = new ConcurrentHashMap<>();

    public boolean contains(String id) {
        return sizes.containsKey(id);
    }

    /** The plaintext size of a chunk, or -1 if the index does not know it. */
    public int sizeOf(String id) {
        return sizes.getOrDefault(id, -1);
    }

    /** @return true if the chunk was not known before */
    public boolean add(String id, int size) {
        return sizes.putIfAbsent(id, size) == null;
    }

    /** Records that a chunk is locked until {@code epochSecond} (keeps the latest). */
    public void lockedUntil(String id, long epochSecond) {
        locked.merge(id, epochSecond, Math::max);
    }

    /** Until when a chunk is known to be locked (epoch seconds), or 0 when nobody recorded a lock. */
    public long lockedUntil(String id) {
        return locked.getOrDefault(id, 0L);
    }

    public int size() {
        return sizes.size();
    }

    public Set<String> ids() {
        return Set.copyOf(sizes.keySet());
    }
}
