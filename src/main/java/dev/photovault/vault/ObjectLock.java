package dev.photovault.vault;

import dev.photovault.vault.core.VaultException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/**
 * The store options {@code objectLock=GOVERNANCE|COMPLIANCE} and {@code objectLockDays=N} of an {@code aws2-s3:}
 * store URI (or the vault.object-lock-* settings): every object photovault writes, but its locks, gets an S3 Object
 * Lock retention of that mode, at least that long.
 *
 * @param mode   the S3 retention mode
 * @param period the shortest retention of a snapshot; chunks get more, so that every snapshot stays whole
 */
record ObjectLock(ObjectLockMode mode, Duration period) {

    static final String MODE_OPTION = "objectLock";
    static final String DAYS_OPTION = "objectLockDays";

    /** Takes the two options out of {@code query} (they are photovault's, not the aws2-s3 component's). */
    static ObjectLock take(Map<String, Object> query) {
        Object mode = query.remove(MODE_OPTION);
        Object days = query.remove(DAYS_OPTION);
        return of(mode == null ? null : mode.toString(), days == null ? null : days.toString());
    }

    /** @return null when {@code mode} is empty (no lock) */
    static ObjectLock of(String mode, String days) {
        if (mode == null || mode.isBlank()) {
            if (days != null && !days.isBlank()) {
                throw new VaultException(DAYS_OPTION + " needs " + MODE_OPTION + "=GOVERNANCE or COMPLIANCE");
            }
            return null;
        }
        ObjectLockMode m = ObjectLockMode.fromValue(mode.trim().toUpperCase(Locale.ROOT));
        if (m == ObjectLockMode.UNKNOWN_TO_SDK_VERSION) {
            throw new VaultException(MODE_OPTION + "=" + mode + " is not a lock mode: use GOVERNANCE or COMPLIANCE");
        }
        double d;
        try {
            d = Double.parseDouble(days == null ? "" : days.trim());
        } catch (NumberFormatException e) {
            d = -1;
        }
        if (!(d > 0) || d > 36_500) {
            throw new VaultException(MODE_OPTION + " needs " + DAYS_OPTION + "=N, a number of days between 0 and 36500"
                    + " (" + (days == null ? "none given" : days) + ")");
        }
        return new ObjectLock(m, Duration.ofMillis(Math.round(d * 86_400_000)));
    }

    /** Chunks and the other objects get half a period more, so that a run's snapshot never outlives them. */
    Duration slack() {
        return period.dividedBy(2);
    }
}
