package dev.photovault.vault.core.archiver;

import java.io.IOException;

/** Reading the item being backed up failed; the item is skipped, the backup goes on. */
public final class SourceReadException extends IOException {

    private static final long serialVersionUID = 1L;

    public SourceReadException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
