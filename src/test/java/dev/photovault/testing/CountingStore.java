package dev.photovault.testing;

import dev.photovault.vault.core.store.ObjectStore;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store that counts the reads of each key, to show what a caller reads how often. */
public final class CountingStore extends ForwardingStore {

    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

    public CountingStore(ObjectStore store) {
        super(store);
    }

    /** How often {@code key} was read. */
    public int reads(String key) {
        AtomicInteger n = reads.get(key);
        return n == null ? 0 : n.get();
    }

    @Override
    public byte[] get(String key) throws IOException {
        reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return super.get(key);
    }
}
