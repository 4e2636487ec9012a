package dev.photovault.vault.core.store;

import java.io.IOException;

/**
 * A store refused an operation for a reason the user can act on (full, read-only). Its message is one line that
 * says what happened and what to do.
 */
public class StoreException extends IOException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
