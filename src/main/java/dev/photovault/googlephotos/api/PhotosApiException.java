package dev.photovault.googlephotos.api;

/**
 * Google answered with an error that retrying will not fix. The message is Google's, prefixed with what was
 * being done; it never contains a token.
 */
public class PhotosApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String status;

    public PhotosApiException(String message, int httpStatus, String status) {
        super(message);
        this.httpStatus = httpStatus;
        this.status = status;
    }

    /** The HTTP status, e.g. 400. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Google's canonical status, e.g. {@code INVALID_ARGUMENT}, or null. */
    public String status() {
        return status;
    }
}
