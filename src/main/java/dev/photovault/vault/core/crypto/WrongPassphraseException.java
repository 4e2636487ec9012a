package dev.photovault.vault.core.crypto;

import dev.photovault.vault.core.VaultException;

/** No key of the repository opens with the passphrase given. */
public final class WrongPassphraseException extends VaultException {

    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String repository) {
        super("wrong passphrase for repository " + repository);
    }
}
