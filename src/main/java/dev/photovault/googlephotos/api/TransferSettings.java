package dev.photovault.googlephotos.api;

import java.time.Duration;

/**
 * How media bytes move.
 *
 * @param resumableThreshold uploads of known size up to this many bytes go in one raw request; larger or
 *                           unknown sizes use the resumable protocol
 * @param chunkSize          bytes per resumable chunk (rounded down to the server's granularity); one chunk is
 *                           held in memory so that it can be resent after a dropped connection
 * @param maxBaseUrlAge      a base URL older than this is fetched again before a download (Google's live about an
 *                           hour, some reports say 40 minutes)
 * @param connectTimeout     how long a connection may take to open
 * @param readTimeout        how long a request may go without a byte arriving (then it is retried; a download
 *                           resumes)
 */
public record TransferSettings(long resumableThreshold, int chunkSize, Duration maxBaseUrlAge, Duration connectTimeout,
        Duration readTimeout) {

    /** 8 MiB raw limit, 8 MiB chunks, base URLs used for 30 minutes, 20 s to connect, 30 s without a byte. */
    public static final TransferSettings DEFAULT = new TransferSettings(8L << 20, 8 << 20, Duration.ofMinutes(30));

    public TransferSettings {
        if (chunkSize <= 0 || resumableThreshold < 0) {
            throw new IllegalArgumentException("chunk size must be positive and the threshold not negative");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: a request without one could hang forever");
        }
    }

    /** With the default timeouts. */
    public TransferSettings(long resumableThreshold, int chunkSize, Duration maxBaseUrlAge) {
        this(resumableThreshold, chunkSize, maxBaseUrlAge, Duration.ofSeconds(20), Duration.ofSeconds(30));
    }
}
