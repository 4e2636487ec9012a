package dev.photovault.vault.core.repository;

import java.time.Instant;

/**
 * Who holds a lock, as stored (sealed) in {@code locks/<id>}.
 *
 * @param time      when it was taken or last refreshed
 * @param hostname  the holder's machine
 * @param username  the holder's user
 * @param pid       the holder's process id
 * @param exclusive true for prune (nothing else may run), false for backup (others may too)
 * @param purpose   what the holder is doing, e.g. {@code backup}
 */
public record LockInfo(Instant time, String hostname, String username, long pid, boolean exclusive, String purpose) {

    /** One line naming the holder, for messages. */
    public String describe() {
        return (exclusive ? "exclusive" : "shared") + " lock for " + purpose + " by " + username + "@" + hostname
                + " (pid " + pid + ") since " + time;
    }
}
