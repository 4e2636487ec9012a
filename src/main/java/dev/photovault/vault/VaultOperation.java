package dev.photovault.vault;

import java.util.Locale;

/** What a {@code vault:} endpoint does. */
public enum VaultOperation {
    OPEN, STORE, COMMIT, LIST, READ, RESTORE, COPY, CHECK, FORGET;

    static VaultOperation parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown vault operation '" + name
                    + "': use open, store, commit, list, read, restore, copy, check or forget", e);
        }
    }

    String uriName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
