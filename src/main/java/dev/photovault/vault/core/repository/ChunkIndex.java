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

    public int size() {
        return sizes.size();
    }

    public Set<String> ids() {
        return Set.copyOf(sizes.keySet());
    }
}
