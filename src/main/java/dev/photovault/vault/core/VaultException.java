package dev.photovault.vault.core;

/**
 * A problem the user can understand and act on. Its message is one line that says what happened and what to
 * do; it never carries a secret. Callers show the message, not a stack trace.
 */
public class VaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VaultException(String message) {
        super(message);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
