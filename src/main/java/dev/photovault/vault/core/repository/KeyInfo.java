package dev.photovault.vault.core.repository;

import java.time.Instant;

/**
 * A key as {@code key list} shows it.
 *
 * @param id       the key's id
 * @param current  whether this key opened the repository in this session
 * @param created  when it was added
 * @param hostname where it was added
 * @param username by whom
 */
public record KeyInfo(String id, boolean current, Instant created, String hostname, String username) {
}
