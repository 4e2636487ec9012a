package dev.photovault.vault.core.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.photovault.vault.core.chunker.ChunkerParams;
import java.time.Instant;

/**
 * The plaintext {@code config} object: enough to know what a repository is before any key opens it.
 *
 * @param version   the repository format version (1)
 * @param id        a random 32-hex-digit repository id
 * @param created   when {@code init} ran
 * @param chunker   the FastCDC parameters every backup into this repository uses
 * @param mac       hex HMAC-SHA256 of {@link #canonical()} under the MAC key; absent in repositories made before it
 *                  and in plaintext archives
 * @param encryption absent for an encrypted repository; {@code "none"} only in a plaintext portable archive
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryConfig(int version, String id, Instant created, ChunkerParams chunker, String mac,
        String encryption) {

    /** The {@link #encryption} of a plaintext portable archive. */
    public static final String PLAINTEXT = "none";

    public boolean plaintext() {
        return encryption != null;
    }

    /** The text the MAC covers: one field a line, in this order, each line ending in {@code \n}. */
    public String canonical() {
        return "photovault config v1\n" + version + "\n" + id + "\n" + created + "\n" + chunker.min() + "\n"
                + chunker.avg() + "\n" + chunker.max() + "\n" + chunker.normalization() + "\n";
    }

    RepositoryConfig withMac(String newMac) {
        return new RepositoryConfig(version, id, created, chunker, newMac, encryption);
    }
}
