package dev.photovault.googlephotos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP side of the client: requests on google-http-client, retries per {@link RetryPolicy}, one access-token
 * refresh on 401, a spent daily quota recognised from Google's structured details and not asked again until it
 * resets, and every request counted. Thread-safe.
 */
final class PhotosHttp {

    private static final ObjectMapper JSON = PhotosJson.JSON;
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private final PhotosAuth auth;
    private final RetryPolicy retry;
    private final HttpRequestFactory http;
    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong mediaRequests = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile String lastFailure;
    private volatile PhotosApiException blocking;

    PhotosHttp(PhotosAuth auth, RetryPolicy retry, HttpRequestFactory http) {
        this.auth = auth;
        this.retry = retry;
        this.http = http;
    }

    RetryPolicy retry() {
        return retry;
    }

    void checkToken() {
        auth.accessToken();
    }

    Instant lastSuccess() {
        return lastSuccess;
    }

    PhotosApiException blockingProblem() {
        return blocking;
    }

    String lastFailure() {
        return lastFailure;
    }

    long apiRequests() {
        return apiRequests.get();
    }

    long mediaRequests() {
        return mediaRequests.get();
    }

    /** What a request is, for counting and for whether it carries the access token. */
    enum Kind {
        /** A Library or Picker API call: counted as an API request, sent with the token. */
        API,
        /** A Library base URL: counted as a media request, sent without the token (it needs none). */
        MEDIA,
        /** A Picker base URL: counted as a media request, sent with the token (Google requires it). */
        MEDIA_WITH_TOKEN
    }

    /** A JSON API call; an empty answer is an empty object. */
    JsonNode send(String method, String url, Object body, String what) {
        // An answer cut off or stalled half-way is asked for again when asking again changes nothing (reads and
        // searches); a write whose answer was lost is reported instead, since it may have been done.
        boolean idempotent = method.equals("GET") || url.endsWith(":search");
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, url, body, what);
            } catch (AnswerCutOff e) {
                if (!idempotent || attempt >= retry.maxAttempts()) {
                    throw e;
                }
                lastFailure = e.getMessage();
                backoff(attempt + 1, 503);
            }
        }
    }

    private JsonNode sendOnce(String method, String url, Object body, String what) {
        HttpResponse response = execute(() -> {
            HttpContent content = body == null ? null
                    : new ByteArrayContent("application/json", JSON.writeValueAsBytes(body));
            if (method.equals("PATCH")) {
                // HttpURLConnection cannot send PATCH; Google's APIs take the override header instead.
                HttpRequest request = http.buildRequest("POST", new GenericUrl(url), content);
                request.getHeaders().set("X-HTTP-Method-Override", "PATCH");
                return request;
            }
            return http.buildRequest(method, new GenericUrl(url), content);
        }, what, Kind.API);
        try (InputStream in = response.getContent()) {
            byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AnswerCutOff("could not read the answer to " + what + ": " + e.getMessage(), e);
        }
    }

    /** The answer's status came, its body did not (a reset, a stall past the read timeout). */
    static final class AnswerCutOff extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        AnswerCutOff(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** Builds a request. */
    @FunctionalInterface
    interface RequestMaker {
        HttpRequest make() throws IOException;
    }

    /**
     * Forgets which daily quotas were found spent, so that the next request asks again (once) instead of failing
     * at once; the producer calls it when a new listing (a new backup run) starts.
     */
    void recheckQuotas() {
        exhausted.clear();
    }

    /**
     * Whether a 429 says a daily quota is spent, from Google's structured details (never the message text, which
     * Google words as it likes): an ErrorInfo with reason {@code RATE_LIMIT_EXCEEDED} whose {@code quota_limit}
     * is a per-day limit ({@code AllRequestsPerDayPerProject}, {@code MediaBytesRequestsPerDayPerProject}). A
     * per-minute limit is retried instead.
     */
    static boolean isDailyQuota(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.ErrorInfo")
                    && "RATE_LIMIT_EXCEEDED".equals(detail.path("reason").asText())
                    && detail.path("metadata").path("quota_limit").asText("").toLowerCase(java.util.Locale.ROOT)
                            .contains("perday")) {
                return true;
            }
        }
        return false;
    }

    /** Daily quotas found spent, by kind of request, until they reset. */
    private final java.util.Map<Kind, QuotaExhaustedException> exhausted = new java.util.concurrent.ConcurrentHashMap<>();

    HttpRequestFactory requests() {
        return http;
    }

    /**
     * Sends a request until it succeeds: 5xx and rate-limit 429s are retried with backoff, I/O errors too, a 401
     * refreshes the access token once, a daily quota ends it with {@link QuotaExhaustedException}, anything else
     * is a {@link PhotosApiException}.
     */
    HttpResponse execute(RequestMaker maker, String what, Kind kind) {
        // A spent daily quota stays spent until it resets: asking again would only spend more requests.
        QuotaExhaustedException spent = exhausted.get(kind);
        if (spent != null && Instant.now().isBefore(spent.resetsAt())) {
            throw spent;
        }
        try {
            HttpResponse response = attempt(maker, what, kind);
            blocking = null;
            return response;
        } catch (QuotaExhaustedException e) {
            exhausted.put(kind, e);
            blocking = e;
            lastFailure = e.getMessage();
            throw e;
        } catch (ReauthorizationRequiredException e) {
            blocking = e;
            lastFailure = e.getMessage();
            throw e;
        }
    }

    private HttpResponse attempt(RequestMaker maker, String what, Kind kind) {
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            HttpResponse response;
            try {
                response = once(maker, what, kind);
            } catch (IOException e) {
                lastFailure = what + ": " + e.getMessage();
                if (attempt >= retry.maxAttempts()) {
                    throw new UncheckedIOException(what + " failed after " + attempt + " tries: " + e.getMessage(), e);
                }
                backoff(attempt + 1, 503);
                continue;
            }
            int status = response.getStatusCode();
            if (status < 300) {
                lastSuccess = Instant.now();
                lastFailure = null;
                return response;
            }
            String body = bodyOf(response);
            lastFailure = what + ": HTTP " + status;
            if (status == 401 && !refreshed && kind != Kind.MEDIA) {
                auth.refreshAfterRejection(String.valueOf(response.getRequest().getHeaders().getAuthorization()));
                refreshed = true;
                attempt--;
                continue;
            }
            JsonNode error = parseError(body);
            String message = error.path("message").asText(body == null ? "" : body);
            if (status == 429 && isDailyQuota(error)) {
                throw new QuotaExhaustedException(message, nextPacificMidnight());
            }
            if (RetryPolicy.retryable(status) && attempt < retry.maxAttempts()) {
                backoff(attempt + 1, status);
                continue;
            }
            throw new PhotosApiException(what + ": " + status + " " + error.path("status").asText("") + " " + message,
                    status, error.path("status").asText(null));
        }
    }

    /** Sends a request once, counted, with the access token where it belongs; any status comes back. */
    HttpResponse once(RequestMaker maker, String what, Kind kind) throws IOException {
        HttpRequest request = maker.make();
        request.setThrowExceptionOnExecuteError(false);
        request.setNumberOfRetries(0);
        request.setFollowRedirects(true);
        if (kind != Kind.MEDIA) {
            request.getHeaders().setAuthorization("Bearer " + auth.accessToken());
        }
        (kind == Kind.API ? apiRequests : mediaRequests).incrementAndGet();
        return request.execute();
    }

    void backoff(int attempt, int status) {
        sleep(retry.backoff(attempt, status).toMillis());
    }

    static void discard(HttpResponse response) {
        try {
            response.disconnect();
        } catch (IOException ignored) {
            // nothing more to read from it
        }
    }

    private static String bodyOf(HttpResponse response) {
        try {
            return response.parseAsString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Google's error message from an error body, or the body's start. */
    static String errorMessage(String body) {
        return parseError(body).path("message").asText(body);
    }

    private static JsonNode parseError(String body) {
        try {
            JsonNode node = body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
            return node.has("error") && node.get("error").isObject() ? node.get("error") : node;
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    private static Instant nextPacificMidnight() {
        return LocalDate.now(PACIFIC).plusDays(1).atStartOfDay(PACIFIC).toInstant();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

}
