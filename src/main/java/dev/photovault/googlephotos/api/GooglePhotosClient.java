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
    private final HttpRequestFactory http;
    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong mediaRequests = new AtomicLong();

    public GooglePhotosClient(PhotosEndpoints endpoints, String clientId, String clientSecret, String refreshToken,
            RetryPolicy retry) {
        HttpTransport transport = new NetHttpTransport();
        this.endpoints = endpoints;
        this.auth = new PhotosAuth(clientId, clientSecret, refreshToken, endpoints.tokenUrl(), transport);
        this.retry = retry;
        this.http = transport.createRequestFactory();
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

    // ---- media bytes ----------------------------------------------------------------------------------------

    /**
     * Opens the item's bytes as a stream (never buffered whole). The base URL is fetched fresh first; if the
     * download still meets an expired URL, the item is fetched once more.
     */
    public InputStream download(String itemId) {
        MediaItem item = getMediaItem(itemId);
        try {
            return openMedia(item.downloadUrl());
        } catch (PhotosApiException e) {
            if (e.httpStatus() != 403 && e.httpStatus() != 404) {
                throw e;
            }
            return openMedia(getMediaItem(itemId).downloadUrl());
        }
    }

    private InputStream openMedia(String url) {
        try {
            return execute(() -> http.buildGetRequest(new GenericUrl(url)), "download", true).getContent();
        } catch (IOException e) {
            throw new UncheckedIOException("download could not be opened: " + e.getMessage(), e);
        }
    }

    /** A raw upload; returns the upload token for {@link #createMediaItems}. */
    public String upload(InputStream content, long length, String mimeType, String fileName) {
        HttpResponse response = execute(() -> {
            InputStreamContent body = new InputStreamContent("application/octet-stream", content).setLength(length);
            HttpRequest request = http.buildPostRequest(new GenericUrl(endpoints.apiUrl() + "/v1/uploads"), body);
            request.getHeaders().set("X-Goog-Upload-Content-Type", mimeType);
            request.getHeaders().set("X-Goog-Upload-Protocol", "raw");
            request.getHeaders().set("X-Goog-Upload-File-Name", fileName);
            return request;
        }, "uploads", false);
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

    private JsonNode get(String path, String what) {
        return send("GET", endpoints.apiUrl() + path, null, what);
    }

    private JsonNode send(String method, String url, Object body, String what) {
        HttpResponse response = execute(() -> {
            HttpContent content = body == null ? null
                    : new ByteArrayContent("application/json", JSON.writeValueAsBytes(body));
            return http.buildRequest(method, new GenericUrl(url), content);
        }, what, false);
        try (InputStream in = response.getContent()) {
            byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the answer to " + what, e);
        }
    }

    /** Builds a request. */
    @FunctionalInterface
    private interface RequestMaker {
        HttpRequest make() throws IOException;
    }

    private HttpResponse execute(RequestMaker maker, String what, boolean media) {
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            HttpResponse response;
            int status;
            String body = null;
            try {
                HttpRequest request = maker.make();
                request.setThrowExceptionOnExecuteError(false);
                request.setNumberOfRetries(0);
                if (!media) {
                    // Library base URLs need no token; it is not sent to the media host.
                    request.getHeaders().setAuthorization("Bearer " + auth.accessToken());
                }
                (media ? mediaRequests : apiRequests).incrementAndGet();
                response = request.execute();
                status = response.getStatusCode();
                if (status < 300) {
                    return response;
                }
                body = response.parseAsString();
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new UncheckedIOException(what + " failed after " + attempt + " tries: " + e.getMessage(), e);
                }
                sleep(retry.backoff(attempt + 1, 503).toMillis());
                continue;
            }
            if (status == 401 && !refreshed) {
                auth.refresh();
                refreshed = true;
                attempt--;
                continue;
            }
            JsonNode error = parseError(body);
            String message = error.path("message").asText(body == null ? "" : body);
            if (status == 429 && message.contains("per day")) {
                throw new QuotaExhaustedException(message, nextPacificMidnight());
            }
            if (RetryPolicy.retryable(status) && attempt < retry.maxAttempts()) {
                sleep(retry.backoff(attempt + 1, status).toMillis());
                continue;
            }
            throw new PhotosApiException(what + ": " + status + " " + error.path("status").asText("") + " " + message,
                    status, error.path("status").asText(null));
        }
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
                video);
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
