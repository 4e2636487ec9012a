package dev.photovault.vault.core.crypto;

import dev.photovault.vault.core.VaultException;

/** Stored bytes failed authentication: they were corrupted, truncated or tampered with. */
public final class IntegrityException extends VaultException {

    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }
}
