package dev.photovault.vault.core.repository;

import dev.photovault.vault.core.VaultException;

/** There is no repository where the user pointed. */
public final class RepositoryNotFoundException extends VaultException {

    private static final long serialVersionUID = 1L;

    public RepositoryNotFoundException(String location) {
        super("no repository at " + location + ": check --repo, or create one with 'photovault init'");
    }

    public RepositoryNotFoundException(String location, String advice) {
        super("no repository at " + location + ": " + advice);
    }
}
