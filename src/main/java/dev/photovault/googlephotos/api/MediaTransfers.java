package dev.photovault.googlephotos.api;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;

/**
 * Media bytes: streamed downloads (resumed by range after a drop, base URLs refreshed when old or refused) and
 * uploads (raw up to a threshold, the resumable protocol above it).
 */
final class MediaTransfers {

    private final PhotosEndpoints endpoints;
    private final PhotosHttp http;
    private final TransferSettings transfers;
    private final LibraryCalls library;
    private final PickerCalls picker;

    MediaTransfers(PhotosEndpoints endpoints, PhotosHttp http, TransferSettings transfers, LibraryCalls library,
            PickerCalls picker) {
        this.endpoints = endpoints;
        this.http = http;
        this.transfers = transfers;
        this.library = library;
        this.picker = picker;
    }

    PhotosEndpoints endpoints() {
        return endpoints;
    }

    PhotosHttp http() {
        return http;
    }

    /**
     * Opens an item's bytes as a stream (never buffered whole). The item is fetched first for a fresh base URL;
     * a dropped connection resumes where it broke off.
     */
    public InputStream download(String itemId) {
        return new ResumingDownload(this, library.getMediaItem(itemId), http.retry().maxAttempts());
    }

    /**
     * Opens an item's bytes as a stream. Its base URL is used while younger than
     * {@link TransferSettings#maxBaseUrlAge()}, else the item is fetched again first; an expired URL met on the
     * way is replaced once; a dropped connection resumes where it broke off.
     */
    public InputStream download(MediaItem item) {
        return new ResumingDownload(this, item, http.retry().maxAttempts());
    }

    /**
     * A body opened at {@code position}, and the item whose base URL opened it.
     *
     * @param body the bytes from {@code position} on
     * @param item the item, with a newer base URL if one was needed
     * @param end  the position just past the last byte the answer announced (Content-Length), or -1 when it said
     *             none: a body that ends before it was cut off, not finished
     */
    record Opened(InputStream body, MediaItem item, long end) {
    }

    Opened openMedia(MediaItem item, long position) {
        MediaItem current = item;
        if (current.baseUrl() == null || current.fetchedAt() == null
                || current.fetchedAt().plus(transfers.maxBaseUrlAge()).isBefore(Instant.now())) {
            current = refetch(current);
        }
        try {
            return openAt(current, position);
        } catch (PhotosApiException e) {
            if (e.httpStatus() != 403 && e.httpStatus() != 404) {
                throw e;
            }
            current = refetch(current);
            return openAt(current, position);
        }
    }

    private MediaItem refetch(MediaItem item) {
        if (!item.picked()) {
            return library.getMediaItem(item.id());
        }
        for (Iterator<MediaItem> it = picker.listPickedItems(item.pickerSessionId()); it.hasNext(); ) {
            MediaItem m = it.next();
            if (m.id().equals(item.id())) {
                return m;
            }
        }
        throw new PhotosApiException("picked item " + item.id() + " is no longer in Picker session "
                + item.pickerSessionId(), 404, "NOT_FOUND");
    }

    private Opened openAt(MediaItem item, long position) {
        HttpResponse response = http.execute(() -> {
            HttpRequest request = http.requests().buildGetRequest(new GenericUrl(item.downloadUrl()));
            if (position > 0) {
                request.getHeaders().setRange("bytes=" + position + "-");
            }
            return request;
        }, "download " + item.filename(), item.picked() ? PhotosHttp.Kind.MEDIA_WITH_TOKEN : PhotosHttp.Kind.MEDIA);
        try {
            InputStream body = response.getContent();
            // 200 is the whole body; 206 starts where its Content-Range says, which a host may put before the
            // byte asked for (skipped) but never after it (those bytes would be missing from the photo).
            long start = response.getStatusCode() == 206 && position > 0 ? rangeStart(response.getHeaders().getContentRange()) : 0;
            if (start < 0 || start > position) {
                response.disconnect();
                throw new IOException("the media host answered a request for bytes " + position + "- with "
                        + (start < 0 ? "no usable Content-Range" : "bytes from " + start) + ", so the download is given up");
            }
            body.skipNBytes(position - start);
            Long length = response.getHeaders().getContentLength();
            long end = length == null || response.getContentEncoding() != null ? -1 : start + length;
            return new Opened(body, item, end);
        } catch (IOException e) {
            throw new UncheckedIOException("download of " + item.filename() + " could not be opened: "
                    + e.getMessage(), e);
        }
    }

    /** The first byte of a {@code Content-Range: bytes FIRST-LAST/TOTAL} header, or -1 when there is none. */
    static long rangeStart(String contentRange) {
        if (contentRange == null || !contentRange.startsWith("bytes ")) {
            return -1;
        }
        int dash = contentRange.indexOf('-', 6);
        try {
            return dash < 0 ? -1 : Long.parseLong(contentRange.substring(6, dash).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Uploads bytes and returns the upload token for {@link GooglePhotosClient#createMediaItems}: one raw request up to
     * {@link TransferSettings#resumableThreshold()}, the resumable protocol above it or when the length is unknown
     * (-1), resuming after dropped connections.
     */
    public String upload(InputStream content, long length, String mimeType, String fileName) {
        if (length >= 0 && length <= transfers.resumableThreshold()) {
            return uploadRaw(content, length, mimeType, fileName);
        }
        return new ResumableUpload(this, transfers.chunkSize(), http.retry().maxAttempts())
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
        HttpResponse response = http.execute(() -> {
            HttpRequest request = http.requests().buildPostRequest(new GenericUrl(endpoints.apiUrl() + "/v1/uploads"),
                    new ByteArrayContent("application/octet-stream", bytes));
            request.getHeaders().set("X-Goog-Upload-Content-Type", mimeType);
            request.getHeaders().set("X-Goog-Upload-Protocol", "raw");
            request.getHeaders().set("X-Goog-Upload-File-Name", fileName);
            return request;
        }, "uploads", PhotosHttp.Kind.API);
        try {
            return response.parseAsString().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
