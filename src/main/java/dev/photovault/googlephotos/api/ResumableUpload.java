package dev.photovault.googlephotos.api;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;

/**
 * One upload by Google's resumable protocol: {@code start}, then chunks of a multiple of the server's granularity,
 * the last one with {@code finalize}. Exactly one chunk is held in memory. When a chunk's connection drops (or the
 * server answers 5xx) the server is asked how much it received ({@code query}) and the chunk is resent from there.
 */
final class ResumableUpload {

    private final MediaTransfers client;
    private final int chunkSize;
    private final int maxAttempts;

    ResumableUpload(MediaTransfers client, int chunkSize, int maxAttempts) {
        this.client = client;
        this.chunkSize = chunkSize;
        this.maxAttempts = maxAttempts;
    }

    /** Uploads the whole stream; returns the upload token. {@code length} may be -1 when unknown. */
    String upload(InputStream content, long length, String mimeType, String fileName) {
        HttpResponse started = client.http().execute(() -> {
            HttpRequest request = client.http().requests().buildPostRequest(new GenericUrl(client.endpoints().apiUrl()
                    + "/v1/uploads"), new ByteArrayContent(null, new byte[0]));
            request.getHeaders().set("X-Goog-Upload-Command", "start");
            request.getHeaders().set("X-Goog-Upload-Protocol", "resumable");
            request.getHeaders().set("X-Goog-Upload-Content-Type", mimeType);
            request.getHeaders().set("X-Goog-Upload-File-Name", fileName);
            if (length >= 0) {
                request.getHeaders().set("X-Goog-Upload-Raw-Size", String.valueOf(length));
            }
            return request;
        }, "uploads.start", PhotosHttp.Kind.API);
        String url = started.getHeaders().getFirstHeaderStringValue("X-Goog-Upload-URL");
        long granularity = parse(started.getHeaders().getFirstHeaderStringValue("X-Goog-Upload-Chunk-Granularity"),
                262_144);
        PhotosHttp.discard(started);
        if (url == null) {
            throw new PhotosApiException("uploads.start: the server gave no upload URL", 500, null);
        }
        int size = (int) Math.max(granularity, chunkSize / granularity * granularity);
        byte[] chunk = new byte[size];
        PushbackInputStream in = new PushbackInputStream(content, 1);
        long offset = 0;
        try {
            while (true) {
                int n = in.readNBytes(chunk, 0, size);
                boolean last = n < size || peekEnd(in);
                String token = sendChunk(url, chunk, n, offset, last, fileName);
                offset += n;
                if (last) {
                    return token;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + fileName + " for upload: " + e.getMessage(), e);
        }
    }

    private static boolean peekEnd(PushbackInputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            return true;
        }
        in.unread(b);
        return false;
    }

    private String sendChunk(String url, byte[] chunk, int n, long chunkStart, boolean last, String fileName) {
        int from = 0;
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                int start = from;
                HttpResponse response = client.http().once(() -> {
                    HttpRequest request = client.http().requests().buildPostRequest(new GenericUrl(url),
                            new ByteArrayContent("application/octet-stream", chunk, start, n - start));
                    request.getHeaders().set("X-Goog-Upload-Command", last ? "upload, finalize" : "upload");
                    request.getHeaders().set("X-Goog-Upload-Offset", String.valueOf(chunkStart + start));
                    return request;
                }, "uploads.chunk", PhotosHttp.Kind.API);
                int status = response.getStatusCode();
                String body = response.parseAsString();
                if (status == 200) {
                    return last ? body.trim() : null;
                }
                if (!RetryPolicy.retryable(status)) {
                    throw new PhotosApiException("upload of " + fileName + " refused: " + status + " "
                            + PhotosHttp.errorMessage(body), status, null);
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                failure = e.getMessage();
            }
            if (attempt >= maxAttempts) {
                throw new PhotosApiException("upload of " + fileName + " failed after " + attempt + " tries ("
                        + failure + "); run it again to start over", 503, "UNAVAILABLE");
            }
            client.http().backoff(attempt + 1, 503);
            from = resumePoint(url, chunkStart, n, fileName);
        }
    }

    /** Asks the server how much of the upload it kept; returns where to resume within the current chunk. */
    private int resumePoint(String url, long chunkStart, int n, String fileName) {
        HttpResponse answer = client.http().execute(() -> {
            HttpRequest request = client.http().requests().buildPostRequest(new GenericUrl(url),
                    new ByteArrayContent(null, new byte[0]));
            request.getHeaders().set("X-Goog-Upload-Command", "query");
            return request;
        }, "uploads.query", PhotosHttp.Kind.API);
        String status = answer.getHeaders().getFirstHeaderStringValue("X-Goog-Upload-Status");
        long received = parse(answer.getHeaders().getFirstHeaderStringValue("X-Goog-Upload-Size-Received"), -1);
        PhotosHttp.discard(answer);
        if ("final".equals(status)) {
            return n;
        }
        if (!"active".equals(status) || received < chunkStart || received > chunkStart + n) {
            throw new PhotosApiException("upload of " + fileName + " cannot be resumed (server status " + status
                    + ", " + received + " bytes received); run it again to start over", 400, "FAILED_PRECONDITION");
        }
        return (int) (received - chunkStart);
    }

    private static long parse(String value, long otherwise) {
        try {
            return value == null ? otherwise : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
