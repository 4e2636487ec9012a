package dev.photovault.vault.core.store;

import java.time.Instant;

/** An object cannot be deleted (or replaced) before its retention ends: an S3 Object Lock, or a legal hold. */
public final class ObjectLockedException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final transient Instant until;

    /** @param until when the retention ends, or null for a legal hold (no end date) */
    public ObjectLockedException(String key, Instant until, Throwable cause) {
        super(key + " is locked " + (until == null ? "by a legal hold" : "until " + until), cause);
        this.key = key;
        this.until = until;
    }

    public String key() {
        return key;
    }

    /** When the lock ends; null for a legal hold. */
    public Instant until() {
        return until;
    }
}
