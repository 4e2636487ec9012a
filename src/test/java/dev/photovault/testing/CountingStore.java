package dev.photovault.testing;

import dev.photovault.vault.core.store.ObjectStore;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store that counts the reads of each key and the listings of each prefix, to show what a caller reads how often. */
public final class CountingStore extends ForwardingStore {

    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lists = new ConcurrentHashMap<>();

    public CountingStore(ObjectStore store) {
        super(store);
    }

    /** How often {@code key} was read. */
    public int reads(String key) {
        AtomicInteger n = reads.get(key);
        return n == null ? 0 : n.get();
    }

    /** How often the keys under {@code prefix} were listed. */
    public int lists(String prefix) {
        AtomicInteger n = lists.get(prefix);
        return n == null ? 0 : n.get();
    }

    @Override
    public java.util.List<dev.photovault.vault.core.store.ObjectInfo> list(String prefix) throws IOException {
        lists.computeIfAbsent(prefix, k -> new AtomicInteger()).incrementAndGet();
        return super.list(prefix);
    }

    /** How often a chunk's bytes were read: its own object, or its range of a pack. */
    public int chunkReads(dev.photovault.vault.core.repository.Repository repository, String id) throws IOException {
        var ref = repository.locate(id);
        return ref == null ? reads(dev.photovault.vault.core.repository.Repository.chunkKey(id))
                : reads(ref.key() + "#" + ref.offset());
    }

    /** Counted as {@code key#offset}. */
    @Override
    public byte[] getRange(String key, long offset, int length) throws IOException {
        reads.computeIfAbsent(key + "#" + offset, k -> new AtomicInteger()).incrementAndGet();
        return delegate().getRange(key, offset, length);
    }

    @Override
    public byte[] get(String key) throws IOException {
        reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return super.get(key);
    }
}
