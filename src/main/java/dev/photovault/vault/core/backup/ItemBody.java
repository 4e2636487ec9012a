package dev.photovault.vault.core.backup;

import java.io.InputStream;

/** Opens an item's content when (and only when) it must be read: a known unchanged item is never opened. */
@FunctionalInterface
public interface ItemBody {
    InputStream open() throws Exception;
}
