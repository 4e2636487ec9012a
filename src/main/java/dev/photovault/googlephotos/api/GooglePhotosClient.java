package dev.photovault.googlephotos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.InputStreamContent;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A REST client for the Library API on google-http-client: typed calls, lazy paging iterators, streamed
 * downloads and uploads, retries per {@link RetryPolicy}, one access-token refresh on 401, daily-quota
 * exhaustion recognised and not retried, and every request counted. Thread-safe.
 */
public final class GooglePhotosClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private final PhotosEndpoints endpoints;
    private final PhotosAuth auth;
    private final RetryPolicy retry;
    private final TransferSettings transfers;
    private final HttpRequestFactory http;
    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong mediaRequests = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile String lastFailure;
    private volatile PhotosApiException blocking;

    public GooglePhotosClient(PhotosEndpoints endpoints, String clientId, String clientSecret, String refreshToken,
            RetryPolicy retry) {
        this(endpoints, clientId, clientSecret, refreshToken, retry, TransferSettings.DEFAULT);
    }

    public GooglePhotosClient(PhotosEndpoints endpoints, String clientId, String clientSecret, String refreshToken,
            RetryPolicy retry, TransferSettings transfers) {
        HttpTransport transport = new NetHttpTransport();
        this.endpoints = endpoints;
        this.auth = new PhotosAuth(clientId, clientSecret, refreshToken, endpoints.tokenUrl(), transport);
        this.retry = retry;
        this.transfers = transfers;
        this.http = transport.createRequestFactory();
    }

    /** Where this client sends its requests. */
    public PhotosEndpoints endpoints() {
        return endpoints;
    }

    /** A live access token (refreshed if near expiry): what a health check asks for. */
    public void checkToken() {
        auth.accessToken();
    }

    /** When the last request succeeded, or null. */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    /**
     * What stops every further request until a person acts (a spent daily quota, a refused refresh token), or null;
     * cleared by the next success.
     */
    public PhotosApiException blockingProblem() {
        return blocking;
    }

    /** What the last failed request met, or null once one succeeded after it. */
    public String lastFailure() {
        return lastFailure;
    }

    /** API requests made so far (retries included). */
    public long apiRequests() {
        return apiRequests.get();
    }

    /** Media-byte (base URL) requests made so far. */
    public long mediaRequests() {
        return mediaRequests.get();
    }

    // ---- albums and items -----------------------------------------------------------------------------------

    /** Every album this app created, fetched page by page as the iterator advances. */
    public Iterator<Album> listAlbums() {
        return new Pages<>(token -> get("/v1/albums?pageSize=50" + tokenParam(token), "albums.list"), "albums",
                GooglePhotosClient::album);
    }

    public Album createAlbum(String title) {
        return album(send("POST", endpoints.apiUrl() + "/v1/albums", Map.of("album", Map.of("title", title)),
                "albums.create"));
    }

    public Album getAlbum(String albumId) {
        return album(get("/v1/albums/" + albumId, "albums.get"));
    }

    /** The first app-created album with this title, or null. */
    public Album findAlbum(String title) {
        for (Iterator<Album> it = listAlbums(); it.hasNext(); ) {
            Album a = it.next();
            if (a.title().equals(title)) {
                return a;
            }
        }
        return null;
    }

    /** Renames an app-created album. */
    public Album renameAlbum(String albumId, String title) {
        return album(send("PATCH", endpoints.apiUrl() + "/v1/albums/" + albumId + "?updateMask=title",
                Map.of("title", title), "albums.patch"));
    }

    /** Adds app-created items to an app-created album, 50 per request (Google's limit). */
    public void addToAlbum(String albumId, List<String> itemIds) {
        batches(itemIds, batch -> send("POST", endpoints.apiUrl() + "/v1/albums/" + albumId + ":batchAddMediaItems",
                Map.of("mediaItemIds", batch), "albums.batchAddMediaItems"));
    }

    /** Removes items from an app-created album, 50 per request. The items themselves stay in the library. */
    public void removeFromAlbum(String albumId, List<String> itemIds) {
        batches(itemIds, batch -> send("POST", endpoints.apiUrl() + "/v1/albums/" + albumId
                + ":batchRemoveMediaItems", Map.of("mediaItemIds", batch), "albums.batchRemoveMediaItems"));
    }

    private static void batches(List<String> ids, java.util.function.Consumer<List<String>> call) {
        for (int from = 0; from < ids.size(); from += 50) {
            call.accept(ids.subList(from, Math.min(ids.size(), from + 50)));
        }
    }

    /** Every item this app created, newest first, page by page. */
    public Iterator<MediaItem> listMediaItems() {
        return new Pages<>(token -> get("/v1/mediaItems?pageSize=100" + tokenParam(token), "mediaItems.list"),
                "mediaItems", GooglePhotosClient::mediaItem);
    }

    /** The items of one album, in album order, page by page. */
    public Iterator<MediaItem> listAlbumItems(String albumId) {
        return new Pages<>(token -> {
            ObjectNode body = JSON.createObjectNode().put("albumId", albumId).put("pageSize", 100);
            if (token != null) {
                body.put("pageToken", token);
            }
            return send("POST", endpoints.apiUrl() + "/v1/mediaItems:search", body, "mediaItems.search");
        }, "mediaItems", GooglePhotosClient::mediaItem);
    }

    /**
     * Items matching search filters as Google writes them (dateFilter, mediaTypeFilter, featureFilter, …),
     * page by page.
     */
    public Iterator<MediaItem> searchMediaItems(Map<String, Object> filters) {
        return new Pages<>(token -> {
            ObjectNode body = JSON.createObjectNode().put("pageSize", 100);
            body.set("filters", JSON.valueToTree(filters));
            if (token != null) {
                body.put("pageToken", token);
            }
            return send("POST", endpoints.apiUrl() + "/v1/mediaItems:search", body, "mediaItems.search");
        }, "mediaItems", GooglePhotosClient::mediaItem);
    }

    /** Sets an item's caption. */
    public MediaItem setDescription(String itemId, String description) {
        return mediaItem(send("PATCH", endpoints.apiUrl() + "/v1/mediaItems/" + itemId + "?updateMask=description",
                Map.of("description", description), "mediaItems.patch"));
    }

    public MediaItem getMediaItem(String id) {
        return mediaItem(get("/v1/mediaItems/" + id, "mediaItems.get"));
    }

    /** Up to 50 items at once, with fresh base URLs; ids Google does not know are left out. */
    public List<MediaItem> batchGet(List<String> ids) {
        StringBuilder query = new StringBuilder();
        for (String id : ids) {
            query.append(query.length() == 0 ? "?" : "&").append("mediaItemIds=").append(id);
        }
        List<MediaItem> out = new ArrayList<>();
        for (JsonNode r : get("/v1/mediaItems:batchGet" + query, "mediaItems.batchGet").path("mediaItemResults")) {
            if (r.has("mediaItem")) {
                out.add(mediaItem(r.get("mediaItem")));
            }
        }
        return out;
    }

    // ---- Picker API -----------------------------------------------------------------------------------------

    /** Starts a Picker session; the user opens its {@link PickerSession#pickerUri()} to pick up to maxItems. */
    public PickerSession createPickerSession(long maxItems) {
        Map<String, Object> body = Map.of("pickingConfig", Map.of("maxItemCount", String.valueOf(maxItems)));
        return pickerSession(send("POST", endpoints.pickerUrl() + "/v1/sessions?requestId="
                + java.util.UUID.randomUUID(), body, "picker.sessions.create"));
    }

    public PickerSession getPickerSession(String sessionId) {
        return pickerSession(send("GET", endpoints.pickerUrl() + "/v1/sessions/" + sessionId, null,
                "picker.sessions.get"));
    }

    /** Ends a session (its items can no longer be listed or downloaded). */
    public void deletePickerSession(String sessionId) {
        send("DELETE", endpoints.pickerUrl() + "/v1/sessions/" + sessionId, null, "picker.sessions.delete");
    }

    /**
     * The items the user picked in a finished session, page by page. Before the user finished, Google answers
     * FAILED_PRECONDITION, which comes back as a {@link PhotosApiException} with that status.
     */
    public Iterator<MediaItem> listPickedItems(String sessionId) {
        return new Pages<>(token -> send("GET", endpoints.pickerUrl() + "/v1/mediaItems?sessionId=" + sessionId
                + "&pageSize=100" + tokenParam(token), null, "picker.mediaItems.list"), "mediaItems",
                p -> pickedItem(p, sessionId));
    }

    // ---- media bytes ----------------------------------------------------------------------------------------

    /**
     * Opens an item's bytes as a stream (never buffered whole). The item is fetched first for a fresh base URL;
     * a dropped connection resumes where it broke off.
     */
    public InputStream download(String itemId) {
        return new ResumingDownload(this, getMediaItem(itemId), retry.maxAttempts());
    }

    /**
     * Opens an item's bytes as a stream. Its base URL is used while younger than
     * {@link TransferSettings#maxBaseUrlAge()}, else the item is fetched again first; an expired URL met on the
     * way is replaced once; a dropped connection resumes where it broke off.
     */
    public InputStream download(MediaItem item) {
        return new ResumingDownload(this, item, retry.maxAttempts());
    }

    /**
     * A body opened at {@code position}, and the item whose base URL opened it.
     *
     * @param body the bytes from {@code position} on
     * @param item the item, with a newer base URL if one was needed
     */
    record Opened(InputStream body, MediaItem item) {
    }

    Opened openMedia(MediaItem item, long position) {
        MediaItem current = item;
        if (current.baseUrl() == null || current.fetchedAt() == null
                || current.fetchedAt().plus(transfers.maxBaseUrlAge()).isBefore(Instant.now())) {
            current = refetch(current);
        }
        try {
            return new Opened(openAt(current, position), current);
        } catch (PhotosApiException e) {
            if (e.httpStatus() != 403 && e.httpStatus() != 404) {
                throw e;
            }
            current = refetch(current);
            return new Opened(openAt(current, position), current);
        }
    }

    private MediaItem refetch(MediaItem item) {
        if (!item.picked()) {
            return getMediaItem(item.id());
        }
        for (Iterator<MediaItem> it = listPickedItems(item.pickerSessionId()); it.hasNext(); ) {
            MediaItem m = it.next();
            if (m.id().equals(item.id())) {
                return m;
            }
        }
        throw new PhotosApiException("picked item " + item.id() + " is no longer in Picker session "
                + item.pickerSessionId(), 404, "NOT_FOUND");
    }

    private InputStream openAt(MediaItem item, long position) {
        HttpResponse response = execute(() -> {
            HttpRequest request = http.buildGetRequest(new GenericUrl(item.downloadUrl()));
            if (position > 0) {
                request.getHeaders().setRange("bytes=" + position + "-");
            }
            return request;
        }, "download " + item.filename(), item.picked() ? Kind.MEDIA_WITH_TOKEN : Kind.MEDIA);
        try {
            InputStream body = response.getContent();
            if (position > 0 && response.getStatusCode() == 200) {
                body.skipNBytes(position);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("download of " + item.filename() + " could not be opened: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Uploads bytes and returns the upload token for {@link #createMediaItems}: one raw request up to
     * {@link TransferSettings#resumableThreshold()}, the resumable protocol above it or when the length is unknown
     * (-1), resuming after dropped connections.
     */
    public String upload(InputStream content, long length, String mimeType, String fileName) {
        if (length >= 0 && length <= transfers.resumableThreshold()) {
            return uploadRaw(content, length, mimeType, fileName);
        }
        return new ResumableUpload(this, transfers.chunkSize(), retry.maxAttempts())
                .upload(content, length, mimeType, fileName);
    }

    private String uploadRaw(InputStream content, long length, String mimeType, String fileName) {
        // Small enough to hold, so that a 5xx can be answered by sending the same bytes again.
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) length);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + fileName + " for upload: " + e.getMessage(), e);
        }
        HttpResponse response = execute(() -> {
            HttpRequest request = http.buildPostRequest(new GenericUrl(endpoints.apiUrl() + "/v1/uploads"),
                    new ByteArrayContent("application/octet-stream", bytes));
            request.getHeaders().set("X-Goog-Upload-Content-Type", mimeType);
            request.getHeaders().set("X-Goog-Upload-Protocol", "raw");
            request.getHeaders().set("X-Goog-Upload-File-Name", fileName);
            return request;
        }, "uploads", Kind.API);
        try {
            return response.parseAsString().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new item to create from an upload token.
     *
     * @param uploadToken the token {@link #upload} returned
     * @param fileName    the item's file name
     * @param description its caption (may be empty)
     */
    public record NewItem(String uploadToken, String fileName, String description) {
    }

    /**
     * The outcome of creating one item.
     *
     * @param item    the created item, or null
     * @param code    0 on success, else Google's per-item status code
     * @param message Google's status message
     */
    public record Created(MediaItem item, int code, String message) {
    }

    /** batchCreate in groups of 50, optionally into an album; per-item results in input order. */
    public List<Created> createMediaItems(String albumId, List<NewItem> items) {
        List<Created> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += 50) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (NewItem n : items.subList(from, Math.min(items.size(), from + 50))) {
                batch.add(Map.of("description", n.description() == null ? "" : n.description(),
                        "simpleMediaItem", Map.of("uploadToken", n.uploadToken(), "fileName", n.fileName())));
            }
            Map<String, Object> body = albumId == null ? Map.of("newMediaItems", batch)
                    : Map.of("albumId", albumId, "newMediaItems", batch);
            for (JsonNode r : send("POST", endpoints.apiUrl() + "/v1/mediaItems:batchCreate", body,
                    "mediaItems.batchCreate").path("newMediaItemResults")) {
                int code = r.path("status").path("code").asInt(0);
                out.add(new Created(r.has("mediaItem") ? mediaItem(r.get("mediaItem")) : null, code,
                        r.path("status").path("message").asText("")));
            }
        }
        return out;
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    /** What a request is, for counting and for whether it carries the access token. */
    enum Kind {
        /** A Library or Picker API call: counted as an API request, sent with the token. */
        API,
        /** A Library base URL: counted as a media request, sent without the token (it needs none). */
        MEDIA,
        /** A Picker base URL: counted as a media request, sent with the token (Google requires it). */
        MEDIA_WITH_TOKEN
    }

    private JsonNode get(String path, String what) {
        return send("GET", endpoints.apiUrl() + path, null, what);
    }

    private JsonNode send(String method, String url, Object body, String what) {
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
            throw new UncheckedIOException("could not read the answer to " + what, e);
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
    public void recheckQuotas() {
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

    private static String tokenParam(String token) {
        return token == null ? "" : "&pageToken=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    static Album album(JsonNode a) {
        return new Album(a.path("id").asText(), a.path("title").asText(""), a.path("productUrl").asText(null),
                a.path("mediaItemsCount").asLong(0), a.path("coverPhotoMediaItemId").asText(null));
    }

    static MediaItem mediaItem(JsonNode i) {
        JsonNode meta = i.path("mediaMetadata");
        boolean video = meta.has("video");
        JsonNode kind = video ? meta.path("video") : meta.path("photo");
        String created = meta.path("creationTime").asText(null);
        return new MediaItem(i.path("id").asText(), i.path("filename").asText(""), i.path("mimeType").asText(""),
                i.path("description").asText(null), i.path("productUrl").asText(null), i.path("baseUrl").asText(null),
                created == null ? null : Instant.parse(created), meta.path("width").asLong(0),
                meta.path("height").asLong(0), kind.path("cameraMake").asText(null), kind.path("cameraModel").asText(null),
                video, Instant.now(), null);
    }

    static MediaItem pickedItem(JsonNode p, String sessionId) {
        JsonNode file = p.path("mediaFile");
        JsonNode meta = file.path("mediaFileMetadata");
        String created = p.path("createTime").asText(null);
        return new MediaItem(p.path("id").asText(), file.path("filename").asText(""), file.path("mimeType").asText(""),
                null, null, file.path("baseUrl").asText(null), created == null ? null : Instant.parse(created),
                meta.path("width").asLong(0), meta.path("height").asLong(0), meta.path("cameraMake").asText(null),
                meta.path("cameraModel").asText(null), "VIDEO".equals(p.path("type").asText()), Instant.now(), sessionId);
    }

    static PickerSession pickerSession(JsonNode s) {
        JsonNode polling = s.path("pollingConfig");
        String expire = s.path("expireTime").asText(null);
        return new PickerSession(s.path("id").asText(), s.path("pickerUri").asText(null),
                s.path("mediaItemsSet").asBoolean(false), duration(polling.path("pollInterval").asText(null)),
                duration(polling.path("timeoutIn").asText(null)), expire == null ? null : Instant.parse(expire));
    }

    private static java.time.Duration duration(String protoDuration) {
        if (protoDuration == null || !protoDuration.endsWith("s")) {
            return null;
        }
        double seconds = Double.parseDouble(protoDuration.substring(0, protoDuration.length() - 1));
        return java.time.Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** A lazy iterator over a paged listing: the next page is fetched only when the current one is used up. */
    private static final class Pages<T> implements Iterator<T> {
        private final Function<String, JsonNode> fetch;
        private final String field;
        private final Function<JsonNode, T> convert;
        private Iterator<JsonNode> page = java.util.Collections.emptyIterator();
        private String nextToken;
        private boolean started;

        Pages(Function<String, JsonNode> fetch, String field, Function<JsonNode, T> convert) {
            this.fetch = fetch;
            this.field = field;
            this.convert = convert;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && (!started || nextToken != null)) {
                JsonNode answer = fetch.apply(nextToken);
                started = true;
                nextToken = answer.has("nextPageToken") ? answer.get("nextPageToken").asText() : null;
                page = answer.path(field).elements();
            }
            return page.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return convert.apply(page.next());
        }
    }

    @Override
    public String toString() {
        return "GooglePhotosClient[" + endpoints.apiUrl() + ", tokens redacted]";
    }
}
