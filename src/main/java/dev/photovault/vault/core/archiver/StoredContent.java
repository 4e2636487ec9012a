package dev.photovault.vault.core.archiver;

import java.util.List;

/**
 * What storing one stream produced.
 *
 * @param chunks its chunk ids in order
 * @param sha256 hex SHA-256 of the whole stream
 * @param size   its length in bytes
 */
public record StoredContent(List<String> chunks, String sha256, long size) {
}
