package dev.photovault.testing;

import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store that counts the reads of each key, to show what a caller reads how often. */
public final class CountingStore implements ObjectStore {

    private final ObjectStore store;
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

    public CountingStore(ObjectStore store) {
        this.store = store;
    }

    /** How often {@code key} was read. */
    public int reads(String key) {
        AtomicInteger n = reads.get(key);
        return n == null ? 0 : n.get();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws IOException {
        return store.putIfAbsent(key, data);
    }

    @Override
    public byte[] get(String key) throws IOException {
        reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return store.get(key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return store.exists(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        return store.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        store.delete(key);
    }

    @Override
    public void flush() throws IOException {
        store.flush();
    }

    @Override
    public String location() {
        return store.location();
    }
}
