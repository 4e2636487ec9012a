package dev.photovault.vault.core.archive;

import java.util.List;

/**
 * One non-chunk object in a portable archive's object table.
 *
 * @param key    its repository key ({@code config}, {@code keys/…}, {@code index/…}, {@code snapshots/…})
 * @param offset where its bytes start in the file
 * @param length how many bytes it has
 * @param sha256 hex SHA-256 of those bytes
 */
record PvaObject(String key, long offset, int length, String sha256) {

    /** The object table as stored: {@code {"objects":[…]}}, sorted by key. */
    record Table(List<PvaObject> objects) {
    }
}
