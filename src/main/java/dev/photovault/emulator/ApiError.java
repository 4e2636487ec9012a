package dev.photovault.emulator;

/**
 * An error answer in Google's envelope: {@code {"error":{"code":<http>,"message":"…","status":"<CANONICAL>"}}}, with
 * Google's {@code details} for quota errors: a {@code google.rpc.ErrorInfo} whose reason is
 * {@code RATE_LIMIT_EXCEEDED} and whose metadata names the quota metric and limit, and a {@code google.rpc.Help}
 * link. {@link #raw} errors carry a body of their own (Google answers some calls with non-standard bodies).
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int http;
    final String status;
    final String rawBody;
    /** For quota errors: the quota's metric, limit name and value, as Google's ErrorInfo metadata gives them. */
    final String quotaMetric;
    final String quotaLimit;
    final long quotaLimitValue;

    ApiError(int http, String status, String message) {
        this(http, status, message, null, null, 0);
    }

    private ApiError(int http, String status, String message, String quotaMetric, String quotaLimit, long value) {
        super(message);
        this.http = http;
        this.status = status;
        this.rawBody = null;
        this.quotaMetric = quotaMetric;
        this.quotaLimit = quotaLimit;
        this.quotaLimitValue = value;
    }

    private ApiError(int http, String rawBody) {
        super(rawBody);
        this.http = http;
        this.status = null;
        this.rawBody = rawBody;
        this.quotaMetric = null;
        this.quotaLimit = null;
        this.quotaLimitValue = 0;
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

    /**
     * A spent quota, as Google says it.
     *
     * @param metric e.g. {@code photoslibrary.googleapis.com/all_requests}
     * @param limit  e.g. {@code AllRequestsPerDayPerProject}
     */
    static ApiError quotaExceeded(String message, String metric, String limit, long value) {
        return new ApiError(429, "RESOURCE_EXHAUSTED", message, metric, limit, value);
    }
}
