package dev.photovault.googlephotos.api;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A REST client for Google Photos on google-http-client: typed Library and Picker calls, lazy paging iterators,
 * streamed downloads and uploads, retries per {@link RetryPolicy}, one access-token refresh on 401, a spent daily
 * quota recognised and not retried, and every request counted. Thread-safe. The work is split by concern:
 * {@link PhotosHttp} (HTTP, retries, quotas, counters), {@link LibraryCalls}, {@link PickerCalls},
 * {@link MediaTransfers} (downloads and uploads) and {@link PhotosJson} (Google's JSON as records); this class is
 * the one door to them.
 */
public final class GooglePhotosClient {

    private final PhotosEndpoints endpoints;
    private final PhotosHttp http;
    private final LibraryCalls library;
    private final PickerCalls picker;
    private final MediaTransfers media;

    public GooglePhotosClient(PhotosEndpoints endpoints, String clientId, String clientSecret, String refreshToken,
            RetryPolicy retry) {
        this(endpoints, clientId, clientSecret, refreshToken, retry, TransferSettings.DEFAULT);
    }

    public GooglePhotosClient(PhotosEndpoints endpoints, String clientId, String clientSecret, String refreshToken,
            RetryPolicy retry, TransferSettings transfers) {
        HttpTransport transport = new NetHttpTransport();
        this.endpoints = endpoints;
        this.http = new PhotosHttp(new PhotosAuth(clientId, clientSecret, refreshToken, endpoints.tokenUrl(), transport),
                retry, transport.createRequestFactory(request -> {
                    // Every socket has a timeout: a stalled answer fails the attempt, which is retried.
                    request.setConnectTimeout((int) transfers.connectTimeout().toMillis());
                    request.setReadTimeout((int) transfers.readTimeout().toMillis());
                }));
        this.library = new LibraryCalls(endpoints, http);
        this.picker = new PickerCalls(endpoints, http);
        this.media = new MediaTransfers(endpoints, http, transfers, library, picker);
    }

    /** Where this client sends its requests. */
    public PhotosEndpoints endpoints() {
        return endpoints;
    }

    /** A live access token (refreshed if near expiry): what a health check asks for. */
    public void checkToken() {
        http.checkToken();
    }

    /** When the last request succeeded, or null. */
    public Instant lastSuccess() {
        return http.lastSuccess();
    }

    /**
     * What stops every further request until a person acts (a spent daily quota, a refused refresh token), or null;
     * cleared by the next request that succeeds.
     */
    public PhotosApiException blockingProblem() {
        return http.blockingProblem();
    }

    /** What the last failed request met, or null once one succeeded after it. */
    public String lastFailure() {
        return http.lastFailure();
    }

    /** API requests made so far (retries included). */
    public long apiRequests() {
        return http.apiRequests();
    }

    /** Media-byte (base URL) requests made so far. */
    public long mediaRequests() {
        return http.mediaRequests();
    }

    /**
     * Forgets which daily quotas were found spent, so that the next request asks again (once) instead of failing
     * at once; the producer calls it when a new listing (a new backup run) starts.
     */
    public void recheckQuotas() {
        http.recheckQuotas();
    }

    // ---- Library API ------------------------------------------------------------------------------------------

    /** Every album this app created, fetched page by page as the iterator advances. */
    public Iterator<Album> listAlbums() {
        return library.listAlbums();
    }

    public Album createAlbum(String title) {
        return library.createAlbum(title);
    }

    public Album getAlbum(String albumId) {
        return library.getAlbum(albumId);
    }

    /** The first app-created album with this title, or null. */
    public Album findAlbum(String title) {
        return library.findAlbum(title);
    }

    /** Renames an app-created album. */
    public Album renameAlbum(String albumId, String title) {
        return library.renameAlbum(albumId, title);
    }

    /** Adds app-created items to an app-created album, 50 per request (Google's limit). */
    public void addToAlbum(String albumId, List<String> itemIds) {
        library.addToAlbum(albumId, itemIds);
    }

    /** Removes items from an app-created album, 50 per request. The items themselves stay in the library. */
    public void removeFromAlbum(String albumId, List<String> itemIds) {
        library.removeFromAlbum(albumId, itemIds);
    }

    /** Every item this app created, newest first, page by page. */
    public Iterator<MediaItem> listMediaItems() {
        return library.listMediaItems();
    }

    /** The items of one album, in album order, page by page. */
    public Iterator<MediaItem> listAlbumItems(String albumId) {
        return library.listAlbumItems(albumId);
    }

    /**
     * Items matching search filters as Google writes them (dateFilter, mediaTypeFilter, featureFilter, …),
     * page by page.
     */
    public Iterator<MediaItem> searchMediaItems(Map<String, Object> filters) {
        return library.searchMediaItems(filters);
    }

    /** Sets an item's caption. */
    public MediaItem setDescription(String itemId, String description) {
        return library.setDescription(itemId, description);
    }

    public MediaItem getMediaItem(String id) {
        return library.getMediaItem(id);
    }

    /** Up to 50 items at once, with fresh base URLs; ids Google does not know are left out. */
    public List<MediaItem> batchGet(List<String> ids) {
        return library.batchGet(ids);
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
        return library.createMediaItems(albumId, items);
    }

    // ---- Picker API -------------------------------------------------------------------------------------------

    /** Starts a Picker session; the user opens its {@link PickerSession#pickerUri()} to pick up to maxItems. */
    public PickerSession createPickerSession(long maxItems) {
        return picker.createPickerSession(maxItems);
    }

    public PickerSession getPickerSession(String sessionId) {
        return picker.getPickerSession(sessionId);
    }

    /** Ends a session (its items can no longer be listed or downloaded). */
    public void deletePickerSession(String sessionId) {
        picker.deletePickerSession(sessionId);
    }

    /**
     * The items the user picked in a finished session, page by page. Before the user finished, Google answers
     * FAILED_PRECONDITION, which comes back as a {@link PhotosApiException} with that status.
     */
    public Iterator<MediaItem> listPickedItems(String sessionId) {
        return picker.listPickedItems(sessionId);
    }

    // ---- media bytes ------------------------------------------------------------------------------------------

    /**
     * Opens an item's bytes as a stream (never buffered whole). The item is fetched first for a fresh base URL;
     * a dropped connection resumes where it broke off.
     */
    public InputStream download(String itemId) {
        return media.download(itemId);
    }

    /**
     * Opens an item's bytes as a stream. Its base URL is used while younger than
     * {@link TransferSettings#maxBaseUrlAge()}, else the item is fetched again first; an expired URL met on the
     * way is replaced once; a dropped connection resumes where it broke off.
     */
    public InputStream download(MediaItem item) {
        return media.download(item);
    }

    /**
     * Uploads bytes and returns the upload token for {@link #createMediaItems}: one raw request up to
     * {@link TransferSettings#resumableThreshold()}, the resumable protocol above it or when the length is unknown
     * (-1), resuming after dropped connections.
     */
    public String upload(InputStream content, long length, String mimeType, String fileName) {
        return media.upload(content, length, mimeType, fileName);
    }

    @Override
    public String toString() {
        return "GooglePhotosClient[" + endpoints.apiUrl() + ", tokens redacted]";
    }
}
