package dev.photovault.googlephotos.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How failed requests are retried: 5xx with exponential backoff from {@code initial}, 429 (rate, not daily quota)
 * waiting at least {@code min429}, both with full jitter, at most {@code maxAttempts} tries in all.
 *
 * @param maxAttempts tries per request, the first included
 * @param initial     first backoff for server errors
 * @param min429      least wait after a 429 (Google asks for 30 s)
 * @param max         longest single wait
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration min429, Duration max) {

    /** What Google documents: 5xx from 1 s, 429 from 30 s, up to 5 tries. */
    public static final RetryPolicy GOOGLE = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(64));

    /** Whether an HTTP status is worth another try (rclone's list: 429, 500, 502, 503, 504, 509). */
    public static boolean retryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504 || status == 509;
    }

    /** How long to wait before try number {@code attempt} (2 for the first retry). */
    public Duration backoff(int attempt, int status) {
        long base = Math.min(max.toMillis(), initial.toMillis() << Math.min(20, attempt - 2));
        long jittered = ThreadLocalRandom.current().nextLong(base / 2, base + 1);
        if (status == 429) {
            jittered = Math.max(jittered, min429.toMillis());
        }
        return Duration.ofMillis(Math.min(max.toMillis(), jittered));
    }
}
