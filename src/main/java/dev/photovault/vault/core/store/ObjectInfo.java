package dev.photovault.vault.core.store;

import java.time.Instant;

/**
 * One stored object as a listing shows it.
 *
 * @param key          its key
 * @param size         its stored length in bytes
 * @param lastModified when it was written
 */
public record ObjectInfo(String key, long size, Instant lastModified) {
}
