package dev.photovault.vault.core.store;

/** The store can be read but not written (a read-only mount, read-only credentials, no permission). */
public final class StoreReadOnlyException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreReadOnlyException(String location, String why, Throwable cause) {
        super("the repository at " + location + " cannot be written (" + why + ")", cause);
    }
}
