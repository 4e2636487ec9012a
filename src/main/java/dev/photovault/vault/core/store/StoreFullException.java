package dev.photovault.vault.core.store;

/** The store has no space left for a write. Nothing half-written is visible; the next run resumes. */
public final class StoreFullException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreFullException(String location, Throwable cause) {
        super("no space left on device at " + location + ": free some space there (or prune) and run again;"
                + " the repository is intact and the next run reuses what was written", cause);
    }
}
