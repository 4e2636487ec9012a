package dev.photovault.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /v1/uploads}: raw uploads (body in, upload token out as plain text) and the resumable protocol
 * (start, upload, upload+finalize, query, cancel) with a chunk granularity and offsets. Bytes go straight to
 * disk. A resumable chunk cut off by a dropped connection keeps what arrived, rounded down to the granularity,
 * so that {@code query} tells the client where to resume.
 */
final class Uploads {

    static final long GRANULARITY = 256 * 1024;
    static final long PHOTO_LIMIT = 200L * 1024 * 1024;
    static final long VIDEO_LIMIT = 20L * 1024 * 1024 * 1024;
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(1);
    private static final Set<String> APPEND = Set.of(Scopes.APPENDONLY);

    private final EmulatorState state;
    private final OAuthServer oauth;
    private final Traffic traffic;
    private final EmulatorClock clock;
    private final Runnable changed;

    Uploads(EmulatorState state, OAuthServer oauth, Traffic traffic, EmulatorClock clock, Runnable changed) {
        this.state = state;
        this.oauth = oauth;
        this.traffic = traffic;
        this.clock = clock;
        this.changed = changed;
    }

    void handle(Exchange ex) throws IOException {
        if (!ex.method.equals("POST")) {
            throw ApiError.notFound("Method not found.");
        }
        String uploadId = ex.param("upload_id");
        if (uploadId != null) {
            resumableCommand(ex, uploadId);
            return;
        }
        traffic.api("uploads", true);
        String client;
        try {
            client = oauth.authorize(ex, APPEND);
        } catch (ApiError e) {
            // Google answers uploads without the appendonly scope with this non-standard body.
            throw ApiError.raw(401, "{\"code\":16,\"message\":\"Authentication session is not defined.\"}");
        }
        String protocol = String.valueOf(ex.header("X-Goog-Upload-Protocol")).toLowerCase(Locale.ROOT);
        String mime = ex.header("X-Goog-Upload-Content-Type");
        String fileName = ex.header("X-Goog-Upload-File-Name");
        if (protocol.equals("resumable")) {
            start(ex, client, mime, fileName);
        } else {
            raw(ex, client, mime, fileName);
        }
    }

    private static long limitFor(String mime) {
        return mime != null && mime.startsWith("video/") ? VIDEO_LIMIT : PHOTO_LIMIT;
    }

    private void raw(Exchange ex, String client, String mime, String fileName) throws IOException {
        MediaFiles.Stored stored;
        try (InputStream in = ex.body()) {
            stored = state.mediaFiles.write(in, limitFor(mime));
        } catch (MediaFiles.SizeLimitException e) {
            throw ApiError.invalidArgument("The upload exceeds the maximum size for this media type.");
        }
        traffic.uploaded(stored.size());
        ex.sendText(200, newToken(client, stored.key(), stored.size(), mime, fileName));
    }

    private String newToken(String client, String key, long size, String mime, String fileName) {
        EmulatorState.Upload upload = new EmulatorState.Upload();
        upload.token = "CAIS" + Ids.token(60);
        upload.clientId = client;
        upload.contentKey = key;
        upload.size = size;
        upload.mimeType = mime;
        upload.filename = fileName;
        upload.expires = clock.instant().plus(TOKEN_LIFETIME);
        synchronized (state) {
            state.uploads.put(upload.token, upload);
        }
        changed.run();
        return upload.token;
    }

    private void start(Exchange ex, String client, String mime, String fileName) throws IOException {
        ex.body().readAllBytes();
        if (!"start".equalsIgnoreCase(String.valueOf(ex.header("X-Goog-Upload-Command")).trim())) {
            throw ApiError.invalidArgument("A resumable upload must begin with X-Goog-Upload-Command: start.");
        }
        long rawSize = -1;
        String raw = ex.header("X-Goog-Upload-Raw-Size");
        if (raw != null) {
            try {
                rawSize = Long.parseLong(raw.trim());
            } catch (NumberFormatException e) {
                throw ApiError.invalidArgument("Invalid X-Goog-Upload-Raw-Size.");
            }
            if (rawSize > limitFor(mime)) {
                throw ApiError.invalidArgument("The upload exceeds the maximum size for this media type.");
            }
        }
        EmulatorState.ResumableUpload upload = new EmulatorState.ResumableUpload();
        upload.id = Ids.token(32);
        upload.clientId = client;
        upload.rawSize = rawSize;
        upload.mimeType = mime;
        upload.filename = fileName;
        upload.contentKey = state.mediaFiles.create();
        synchronized (state) {
            state.resumable.put(upload.id, upload);
        }
        changed.run();
        ex.header("X-Goog-Upload-URL", ex.origin() + "/v1/uploads?upload_id=" + upload.id + "&upload_protocol=resumable");
        ex.header("X-Goog-Upload-Chunk-Granularity", String.valueOf(GRANULARITY));
        ex.header("X-Goog-Upload-Status", "active");
        ex.sendBytes(200, "text/plain", new byte[0]);
    }

    private void resumableCommand(Exchange ex, String id) throws IOException {
        EmulatorState.ResumableUpload upload;
        synchronized (state) {
            upload = state.resumable.get(id);
        }
        if (upload == null) {
            ex.body().readAllBytes();
            throw ApiError.notFound("No such upload session.");
        }
        String command = String.valueOf(ex.header("X-Goog-Upload-Command")).toLowerCase(Locale.ROOT).replace(" ", "");
        if (command.contains("upload") || command.contains("finalize")) {
            // The bytes are read before the session is locked: a client whose connection stalls mid-chunk must not
            // block the query with which it (or its retry) asks where to resume.
            ex.bufferBody();
        }
        synchronized (upload) {
            switch (command) {
                case "query" -> {
                    ex.body().readAllBytes();
                    status(ex, upload);
                    ex.sendBytes(200, "text/plain", new byte[0]);
                }
                case "cancel" -> {
                    ex.body().readAllBytes();
                    upload.status = "cancelled";
                    state.mediaFiles.delete(upload.contentKey);
                    changed.run();
                    status(ex, upload);
                    ex.sendBytes(200, "text/plain", new byte[0]);
                }
                case "upload", "upload,finalize", "finalize" -> chunk(ex, upload, command.contains("finalize"));
                default -> {
                    ex.body().readAllBytes();
                    throw ApiError.invalidArgument("Unknown X-Goog-Upload-Command: " + command);
                }
            }
        }
    }

    private void chunk(Exchange ex, EmulatorState.ResumableUpload upload, boolean finalize) throws IOException {
        if (!upload.status.equals("active")) {
            ex.body().readAllBytes();
            status(ex, upload);
            if (upload.status.equals("final")) {
                ex.sendText(200, upload.uploadToken);
            } else {
                ex.sendBytes(400, "text/plain", new byte[0]);
            }
            return;
        }
        long offset;
        try {
            offset = Long.parseLong(String.valueOf(ex.header("X-Goog-Upload-Offset")).trim());
        } catch (NumberFormatException e) {
            ex.body().readAllBytes();
            throw ApiError.invalidArgument("X-Goog-Upload-Offset is required.");
        }
        if (offset != upload.received) {
            ex.body().readAllBytes();
            status(ex, upload);
            throw ApiError.invalidArgument("X-Goog-Upload-Offset " + offset + " does not match the "
                    + upload.received + " bytes received.");
        }
        long got = 0;
        boolean cut = false;
        long declared = declaredLength(ex);
        boolean drop = declared > 1 && traffic.dropTransfer();
        try (InputStream in = ex.body();
                OutputStream out = Files.newOutputStream(state.mediaFiles.path(upload.contentKey),
                        StandardOpenOption.APPEND)) {
            InputStream source = drop ? new BoundedInputStream(in, declared / 2) : in;
            got = copyCounting(source, out, limitFor(upload.mimeType) - upload.received);
            cut = drop;
        } catch (PartialRead e) {
            got = e.bytes;
            cut = true;
        } catch (IOException e) {
            cut = true;
        }
        if (cut) {
            // The connection dropped: keep what arrived up to the granularity; the client queries and resumes.
            long keep = (upload.received + got) / GRANULARITY * GRANULARITY;
            try (RandomAccessFile f = new RandomAccessFile(state.mediaFiles.path(upload.contentKey).toFile(), "rw")) {
                f.setLength(keep);
            }
            upload.received = keep;
            changed.run();
            if (drop) {
                throw new MediaHost.DroppedConnection();
            }
            return;
        }
        if (!finalize && got % GRANULARITY != 0) {
            truncate(upload, upload.received);
            status(ex, upload);
            throw ApiError.invalidArgument("Chunks other than the last must be a multiple of "
                    + GRANULARITY + " bytes.");
        }
        upload.received += got;
        traffic.api("uploads.resumable", true);
        if (finalize) {
            if (upload.rawSize >= 0 && upload.received != upload.rawSize) {
                status(ex, upload);
                throw ApiError.invalidArgument("Finalized with " + upload.received + " bytes but X-Goog-Upload-Raw-Size"
                        + " was " + upload.rawSize + ".");
            }
            upload.status = "final";
            upload.uploadToken = newToken(upload.clientId, upload.contentKey, upload.received, upload.mimeType,
                    upload.filename);
            traffic.uploaded(upload.received);
            changed.run();
            status(ex, upload);
            ex.sendText(200, upload.uploadToken);
        } else {
            changed.run();
            status(ex, upload);
            ex.sendBytes(200, "text/plain", new byte[0]);
        }
    }

    private static long declaredLength(Exchange ex) {
        try {
            return Long.parseLong(String.valueOf(ex.header("Content-Length")).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads at most {@code limit} bytes of a body: where the drop fault cuts an upload chunk. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int r = super.read(b, off, (int) Math.min(len, left));
            if (r > 0) {
                left -= r;
            }
            return r;
        }
    }

    private static long copyCounting(InputStream in, OutputStream out, long limit)
            throws IOException {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        try {
            for (int r; (r = in.read(buf)) >= 0; ) {
                n += r;
                if (n > limit) {
                    throw ApiError.invalidArgument("The upload exceeds the maximum size for this media type.");
                }
                out.write(buf, 0, r);
            }
            return n;
        } catch (IOException e) {
            out.flush();
            throw new PartialRead(n, e);
        }
    }

    private void truncate(EmulatorState.ResumableUpload upload, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(state.mediaFiles.path(upload.contentKey).toFile(), "rw")) {
            f.setLength(length);
        }
    }

    private static void status(Exchange ex, EmulatorState.ResumableUpload upload) {
        ex.header("X-Goog-Upload-Status", upload.status);
        ex.header("X-Goog-Upload-Size-Received", String.valueOf(upload.received));
    }

    /** A body that ended early, with how much of it arrived. */
    private static final class PartialRead extends IOException {
        private static final long serialVersionUID = 1L;
        final long bytes;

        PartialRead(long bytes, IOException cause) {
            super(cause);
            this.bytes = bytes;
        }
    }
}
