package dev.photovault.vault.core.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where a repository's objects live: a local folder, or (through Camel) an S3 bucket. Keys are
 * {@code /}-separated paths such as {@code chunks/ab/ab12…}. Objects are write-once: nothing is ever
 * overwritten, only created or deleted.
 */
public interface ObjectStore extends Closeable {

    /**
     * Stores {@code data} under {@code key} unless an object already has that key. An object becomes visible
     * under its key only once it is complete.
     *
     * @return true if this call created the object, false if one already existed
     * @throws StoreFullException     when there is no space left
     * @throws StoreReadOnlyException when the store cannot be written at all
     */
    boolean putIfAbsent(String key, byte[] data) throws IOException;

    /** The whole object. @throws ObjectNotFoundException if there is none */
    byte[] get(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Every object whose key starts with {@code prefix} (a folder such as {@code "snapshots/"}), in key order. */
    List<ObjectInfo> list(String prefix) throws IOException;

    /** Removes the object if it exists. */
    void delete(String key) throws IOException;

    /**
     * Makes everything written so far durable before the caller writes an object that refers to it (the
     * write order chunks → index → snapshot relies on this).
     */
    void flush() throws IOException;

    /** A human-readable location for messages, such as the folder path or bucket URI (never credentials). */
    String location();

    /**
     * Where an object's bytes are, when that means more than its key (a portable archive: a byte range of the
     * file), for messages about damage; null otherwise.
     */
    default String position(String key) {
        return null;
    }

    /** Releases what the store holds (connections, producers); a local folder holds nothing. */
    @Override
    default void close() throws IOException {
    }
}
