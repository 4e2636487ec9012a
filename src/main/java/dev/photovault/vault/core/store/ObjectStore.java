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

    /**
     * {@code length} bytes of an object from {@code offset} (a chunk in a pack). Fewer bytes than asked for mean
     * the object is shorter: the caller treats that as damage.
     *
     * @throws ObjectNotFoundException if there is none
     */
    default byte[] getRange(String key, long offset, int length) throws IOException {
        byte[] all = get(key);
        if (offset >= all.length) {
            return new byte[0];
        }
        return java.util.Arrays.copyOfRange(all, (int) offset, (int) Math.min(all.length, offset + length));
    }

    boolean exists(String key) throws IOException;

    /** Every object whose key starts with {@code prefix} (a folder such as {@code "snapshots/"}), in key order. */
    List<ObjectInfo> list(String prefix) throws IOException;

    /**
     * Removes the object if it exists.
     *
     * @throws ObjectLockedException when its lock has not ended (the object stays)
     */
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

    /**
     * How long objects written here are kept locked (S3 Object Lock): every object but a lock gets a retention
     * at least this long; null when the store locks nothing.
     */
    default java.time.Duration lockPeriod() {
        return null;
    }

    /**
     * Stores {@code data} under {@code key} unless it exists, locked until {@code lockUntil} in a store that locks
     * (see {@link #lockPeriod()}); elsewhere the same as {@link #putIfAbsent(String, byte[])}.
     */
    default boolean putIfAbsent(String key, byte[] data, java.time.Instant lockUntil) throws IOException {
        return putIfAbsent(key, data);
    }

    /**
     * Puts an S3 legal hold on an object, or takes it off, in a store that locks (see {@link #lockPeriod()});
     * elsewhere nothing (the repository's own hold record is what keeps a snapshot there).
     */
    default void legalHold(String key, boolean on) throws IOException {
    }

    /** Makes an object's lock last at least until {@code until} (never shortens it). */
    default void extendLock(String key, java.time.Instant until) throws IOException {
    }

    /** Releases what the store holds (connections, producers); a local folder holds nothing. */
    @Override
    default void close() throws IOException {
    }
}
