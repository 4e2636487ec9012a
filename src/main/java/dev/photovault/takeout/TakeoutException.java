package dev.photovault.takeout;

import dev.photovault.vault.core.VaultException;

/** A Takeout export that cannot be imported as given; the message says what to do. */
public final class TakeoutException extends VaultException {

    public TakeoutException(String message) {
        super(message);
    }
}
