package dev.photovault.vault.core.repository;

import dev.photovault.vault.core.VaultException;

/** A lock this process held is no longer in force, so it must not commit what it did under it. */
public final class RepositoryLockLostException extends VaultException {

    private static final long serialVersionUID = 1L;

    RepositoryLockLostException(String purpose, String why) {
        super("the repository lock of this " + purpose + " was lost: " + why + "; nothing was committed, run it again"
                + " (what it stored is reused)");
    }
}
