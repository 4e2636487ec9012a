package dev.photovault.vault.core.repository;

import dev.photovault.vault.core.VaultException;

/** Another process holds a lock that conflicts with ours. */
public final class RepositoryLockedException extends VaultException {

    private static final long serialVersionUID = 1L;

    public RepositoryLockedException(LockInfo holder) {
        super("repository is locked: " + holder.describe()
                + "; wait for it to finish, or if that process is gone, run 'photovault unlock'");
    }
}
