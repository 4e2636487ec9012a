package dev.photovault.vault.core.store;

import java.io.IOException;

/** The store has no object under the key asked for. */
public final class ObjectNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(String key) {
        super("object " + key + " does not exist");
    }
}
