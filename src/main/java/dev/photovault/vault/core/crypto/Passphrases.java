package dev.photovault.vault.core.crypto;

import dev.photovault.vault.core.VaultException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a passphrase can come from without a terminal: the first line of a file, or an environment variable. */
public final class Passphrases {

    private Passphrases() {
    }

    /** The first line of {@code file} (without its line ending). */
    public static char[] fromFile(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return nonEmpty(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, "the file " + file);
    }

    /** The variable's value, or null when it is not set. */
    public static char[] fromEnv(String variable) {
        String value = System.getenv(variable);
        return value == null ? null : nonEmpty(value, "$" + variable);
    }

    private static char[] nonEmpty(String value, String where) {
        if (value.isEmpty()) {
            throw new VaultException("the passphrase in " + where + " is empty");
        }
        return value.toCharArray();
    }
}
