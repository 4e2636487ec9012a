package dev.photovault.googlephotos;

import dev.photovault.googlephotos.api.PhotosEndpoints;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** The options of {@code google-photos:} endpoints; set on the component, they are every endpoint's defaults. */
@UriParams
public class GooglePhotosConfiguration implements Cloneable {

    @UriParam(label = "security", secret = true)
    @Metadata(required = true)
    private String clientId;
    @UriParam(label = "security", secret = true)
    @Metadata(required = true)
    private String clientSecret;
    @UriParam(label = "security", secret = true)
    @Metadata(required = true)
    private String refreshToken;
    @UriParam(label = "advanced", defaultValue = "https://photoslibrary.googleapis.com")
    private String apiUrl = PhotosEndpoints.GOOGLE.apiUrl();
    @UriParam(label = "advanced", defaultValue = "https://photospicker.googleapis.com")
    private String pickerUrl = PhotosEndpoints.GOOGLE.pickerUrl();
    @UriParam(label = "advanced", defaultValue = "https://oauth2.googleapis.com/token")
    private String tokenUrl = PhotosEndpoints.GOOGLE.tokenUrl();
    @UriParam(label = "producer")
    private GooglePhotosOperations operation;
    @UriParam
    private String albumId;
    @UriParam
    private String albumTitle;
    @UriParam
    private String sessionId;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean includeItemsOutsideAlbums = true;
    @UriParam(label = "advanced", defaultValue = "5")
    private int maxAttempts = 5;
    @UriParam(label = "advanced", defaultValue = "1000")
    private long initialRetryDelay = 1000;
    @UriParam(label = "advanced", defaultValue = "30000")
    private long minRateLimitDelay = 30_000;
    @UriParam(label = "advanced", defaultValue = "64000")
    private long maxRetryDelay = 64_000;
    @UriParam(label = "advanced", defaultValue = "8388608")
    private long resumableThreshold = 8L << 20;
    @UriParam(label = "advanced", defaultValue = "8388608")
    private int chunkSize = 8 << 20;
    @UriParam(label = "advanced", defaultValue = "1800000")
    private long maxBaseUrlAge = 30 * 60_000;
    @UriParam(label = "security")
    private String account;
    @UriParam(label = "advanced", defaultValue = "20000")
    private long connectTimeout = 20_000;
    @UriParam(label = "advanced", defaultValue = "30000")
    private long readTimeout = 30_000;

    public String getClientId() {
        return clientId;
    }

    /** The OAuth client id (a Desktop-app client of your Google Cloud project). */
    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /** The OAuth client secret. */
    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    /** The refresh token that {@code photovault auth} obtained. */
    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getApiUrl() {
        return apiUrl;
    }

    /** The Library API base address (the emulator's, in tests and demos). */
    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    public String getPickerUrl() {
        return pickerUrl;
    }

    /** The Picker API base address. */
    public void setPickerUrl(String pickerUrl) {
        this.pickerUrl = pickerUrl;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    /** The OAuth token endpoint. */
    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public GooglePhotosOperations getOperation() {
        return operation;
    }

    /** What the producer does (the CamelGooglePhotosOperation header overrides it). */
    public void setOperation(GooglePhotosOperations operation) {
        this.operation = operation;
    }

    public String getAlbumId() {
        return albumId;
    }

    /** The album to read (consumer, listMediaItems) or to write to (upload, addToAlbum, removeFromAlbum). */
    public void setAlbumId(String albumId) {
        this.albumId = albumId;
    }

    public String getAlbumTitle() {
        return albumTitle;
    }

    /**
     * The album by title, when its id is not known: the first app-created album with that title (upload creates it
     * if there is none).
     */
    public void setAlbumTitle(String albumTitle) {
        this.albumTitle = albumTitle;
    }

    public String getSessionId() {
        return sessionId;
    }

    /** The Picker session whose picked items the {@code picker} consumer (or listPickedItems) reads. */
    public void setSessionId(String sessionId) {
        this.sessionId = sessionId;
    }

    public boolean isIncludeItemsOutsideAlbums() {
        return includeItemsOutsideAlbums;
    }

    /**
     * Without an album option, the consumer reads every app-created album and then, if this is true, the
     * app-created items that are in no album.
     */
    public void setIncludeItemsOutsideAlbums(boolean includeItemsOutsideAlbums) {
        this.includeItemsOutsideAlbums = includeItemsOutsideAlbums;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Tries per request (the first included) for 429, 5xx and broken connections. */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public long getInitialRetryDelay() {
        return initialRetryDelay;
    }

    /** First backoff in milliseconds after a 5xx; doubles per try, with jitter. */
    public void setInitialRetryDelay(long initialRetryDelay) {
        this.initialRetryDelay = initialRetryDelay;
    }

    public long getMinRateLimitDelay() {
        return minRateLimitDelay;
    }

    /** Least wait in milliseconds after a 429 (Google asks for 30 s; lower it only for tests). */
    public void setMinRateLimitDelay(long minRateLimitDelay) {
        this.minRateLimitDelay = minRateLimitDelay;
    }

    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    /** Longest single backoff in milliseconds. */
    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public long getResumableThreshold() {
        return resumableThreshold;
    }

    /** Uploads of known size up to this many bytes go in one request; larger ones use the resumable protocol. */
    public void setResumableThreshold(long resumableThreshold) {
        this.resumableThreshold = resumableThreshold;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    /** Bytes per resumable upload chunk (one chunk is held in memory so that it can be resent). */
    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public long getMaxBaseUrlAge() {
        return maxBaseUrlAge;
    }

    /** A listed item's base URL older than this many milliseconds is fetched again before its download. */
    public void setMaxBaseUrlAge(long maxBaseUrlAge) {
        this.maxBaseUrlAge = maxBaseUrlAge;
    }

    public String getAccount() {
        return account;
    }

    /**
     * The name of one of several Google accounts the component was given credentials for (photovault's
     * {@code accounts=} setting, {@code photovault auth --account NAME}); empty: the component's own credentials.
     */
    public void setAccount(String account) {
        this.account = account;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** Milliseconds to wait for a connection to Google (or the emulator) before the attempt counts as failed. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    /**
     * Milliseconds a request may go without receiving a byte: a stalled answer or download is abandoned and retried
     * (a download resumes where it stopped).
     */
    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** A copy for one endpoint, so that endpoint options do not leak into the component's defaults. */
    public GooglePhotosConfiguration copy() {
        try {
            return (GooglePhotosConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        return "GooglePhotosConfiguration[" + apiUrl + ", credentials redacted]";
    }
}
