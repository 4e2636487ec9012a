package dev.photovault.testing;

import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectStore;
import java.io.IOException;
import java.util.List;

/** A real store seen through a test's eyes: override what the test watches or breaks, the rest goes through. */
public class ForwardingStore implements ObjectStore {

    private final ObjectStore store;

    public ForwardingStore(ObjectStore store) {
        this.store = store;
    }

    /** The real store. Ranged reads go through {@link #get} unless a subclass forwards them here. */
    protected ObjectStore delegate() {
        return store;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws IOException {
        return store.putIfAbsent(key, data);
    }

    @Override
    public byte[] get(String key) throws IOException {
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
