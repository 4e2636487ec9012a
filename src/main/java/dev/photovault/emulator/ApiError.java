package dev.photovault.emulator;

/**
 * An error answer in Google's envelope: {@code {"error":{"code":<http>,"message":"…","status":"<CANONICAL>"}}}.
 * {@link #raw} errors carry a body of their own (Google answers some calls with non-standard bodies).
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int http;
    final String status;
    final String rawBody;

    ApiError(int http, String status, String message) {
        super(message);
        this.http = http;
        this.status = status;
        this.rawBody = null;
    }

    private ApiError(int http, String rawBody) {
        super(rawBody);
        this.http = http;
        this.status = null;
        this.rawBody = rawBody;
    }

    static ApiError raw(int http, String body) {
        return new ApiError(http, body);
    }

    static ApiError invalidArgument(String message) {
        return new ApiError(400, "INVALID_ARGUMENT", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "NOT_FOUND", message);
    }

    static ApiError failedPrecondition(String message) {
        return new ApiError(400, "FAILED_PRECONDITION", message);
    }

    static ApiError unauthenticated() {
        return new ApiError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2"
                + " access token, login cookie or other valid authentication credential.");
    }

    static ApiError insufficientScopes() {
        return new ApiError(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.");
    }

    static ApiError permissionDenied(String message) {
        return new ApiError(403, "PERMISSION_DENIED", message);
    }

    static ApiError resourceExhausted(String message) {
        return new ApiError(429, "RESOURCE_EXHAUSTED", message);
    }
}
