package dev.photovault.googlephotos.api;

import java.time.Instant;

/** A daily quota is spent: retrying before {@link #resetsAt()} only spends more requests. */
public final class QuotaExhaustedException extends PhotosApiException {

    private static final long serialVersionUID = 1L;

    private final Instant resetsAt;

    public QuotaExhaustedException(String googleMessage, Instant resetsAt) {
        super("Google Photos daily quota exhausted (" + googleMessage + "); it resets at " + resetsAt
                + " (midnight Pacific time): the next run will continue from there", 429, "RESOURCE_EXHAUSTED");
        this.resetsAt = resetsAt;
    }

    public Instant resetsAt() {
        return resetsAt;
    }
}
