package dev.photovault.vault.repository;

import dev.photovault.vault.chunker.ChunkerParams;
import java.time.Instant;

/**
 * The plaintext {@code config} object: enough to know what a repository is before any key opens it.
 *
 * @param version   the repository format version (1)
 * @param id        a random 32-hex-digit repository id
 * @param created   when {@code init} ran
 * @param chunker   the FastCDC parameters every backup into this repository uses
 */
public record RepositoryConfig(int version, String id, Instant created, ChunkerParams chunker) {
}
