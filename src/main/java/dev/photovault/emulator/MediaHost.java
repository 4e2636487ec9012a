package dev.photovault.emulator;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The media host behind base URLs ({@code lh3.googleusercontent.com} at Google): {@code =d} downloads (JPEGs lose
 * their GPS tags, as at Google; the originals stay in the emulator), {@code =dv} video downloads,
 * {@code =wW-hH} resized images, {@code HEAD} for sizes. Base URLs expire; Picker base URLs need the Bearer
 * header. Every request counts against the media-byte quota.
 */
final class MediaHost {

    private static final Pattern SIZE = Pattern.compile("(?:^|-)([wh])(\\d+)");
    private static final Set<String> PICKER = Set.of(Scopes.PICKER);

    private final EmulatorState state;
    private final OAuthServer oauth;
    private final Traffic traffic;
    private final EmulatorClock clock;

    MediaHost(EmulatorState state, OAuthServer oauth, Traffic traffic, EmulatorClock clock) {
        this.state = state;
        this.oauth = oauth;
        this.traffic = traffic;
        this.clock = clock;
    }

    void handle(Exchange ex, String rest) throws IOException {
        if (!ex.method.equals("GET") && !ex.method.equals("HEAD")) {
            throw ApiError.notFound("Method not found.");
        }
        traffic.media("media." + ex.method.toLowerCase(java.util.Locale.ROOT));
        int eq = rest.indexOf('=');
        String opaque = eq < 0 ? rest : rest.substring(0, eq);
        String options = eq < 0 ? "" : rest.substring(eq + 1);
        EmulatorState.BaseUrl url;
        EmulatorState.MediaItem item;
        synchronized (state) {
            url = state.baseUrls.get(opaque);
            item = url == null ? null : state.items.get(url.itemId);
        }
        if (url == null || item == null) {
            // Google's media host answers unknown addresses with 404 and an image content type.
            ex.sendBytes(404, "image/png", new byte[0]);
            return;
        }
        if (!url.expires.isAfter(clock.instant())) {
            ex.sendBytes(403, "text/html; charset=UTF-8", "<html><body>403. That's an error.</body></html>".getBytes());
            return;
        }
        if (url.picker && !url.clientId.equals(oauth.authorize(ex, PICKER))) {
            throw ApiError.permissionDenied("The caller does not have permission.");
        }
        if (options.equals("dv")) {
            sendFile(ex, item);
        } else if (options.equals("d")) {
            if (item.video) {
                sendBytes(ex, "image/jpeg", poster(item));
            } else if (item.mimeType.equals("image/jpeg")) {
                sendBytes(ex, item.mimeType, JpegExif.withoutGps(state.mediaFiles.read(item.contentKey)));
            } else {
                sendFile(ex, item);
            }
        } else {
            sendBytes(ex, "image/jpeg", resized(item, options));
        }
    }

    private void sendFile(Exchange ex, EmulatorState.MediaItem item) throws IOException {
        long size = state.mediaFiles.size(item.contentKey);
        ex.header("Content-Type", item.mimeType);
        if (ex.method.equals("HEAD")) {
            ex.header("Content-Length", String.valueOf(size));
            ex.http.sendResponseHeaders(200, -1);
            ex.http.close();
            return;
        }
        try (InputStream in = state.mediaFiles.open(item.contentKey)) {
            stream(ex, in, size);
        }
    }

    private void sendBytes(Exchange ex, String type, byte[] bytes) throws IOException {
        ex.header("Content-Type", type);
        if (ex.method.equals("HEAD")) {
            ex.header("Content-Length", String.valueOf(bytes.length));
            ex.http.sendResponseHeaders(200, -1);
            ex.http.close();
            return;
        }
        stream(ex, new ByteArrayInputStream(bytes), bytes.length);
    }

    /**
     * Streams a body, from the start of a {@code Range: bytes=N-} request if there is one (206); with the drop
     * fault it stops halfway and the connection is cut.
     */
    private void stream(Exchange ex, InputStream in, long size) throws IOException {
        long from = rangeStart(ex.header("Range"), size);
        long length = size - from;
        boolean drop = length > 1 && traffic.dropTransfer();
        long limit = drop ? length / 2 : length;
        ex.header("Accept-Ranges", "bytes");
        if (from > 0) {
            in.skipNBytes(from);
            ex.header("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
        }
        ex.http.sendResponseHeaders(from > 0 ? 206 : 200, length == 0 ? -1 : length);
        OutputStream out = ex.http.getResponseBody();
        byte[] buf = new byte[64 * 1024];
        long sent = 0;
        while (sent < limit) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, limit - sent));
            if (r < 0) {
                break;
            }
            out.write(buf, 0, r);
            sent += r;
        }
        traffic.served(sent);
        if (drop) {
            out.flush();
            // An exception escaping the handler is how the JDK server is made to close the connection.
            throw new DroppedConnection();
        }
        out.close();
        ex.http.close();
    }

    /** Where a {@code bytes=N-} or {@code bytes=N-M} range starts; 0 without one (M is not honoured: whole tail). */
    private static long rangeStart(String range, long size) {
        if (range == null || !range.startsWith("bytes=")) {
            return 0;
        }
        try {
            long start = Long.parseLong(range.substring(6, range.indexOf('-')).trim());
            return start >= 0 && start < size ? start : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Thrown out of the HTTP handler to cut the connection mid-body (the drop fault). */
    static final class DroppedConnection extends IOException {
        private static final long serialVersionUID = 1L;

        DroppedConnection() {
            super("transfer dropped by fault injection");
        }
    }

    private byte[] poster(EmulatorState.MediaItem item) throws IOException {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** {@code =wW-hH}, {@code =wW}, {@code =hH}, or nothing (at most 512 px): scaled within the box, ratio kept. */
    private byte[] resized(EmulatorState.MediaItem item, String options) throws IOException {
        BufferedImage source;
        if (item.video) {
            return poster(item);
        }
        try (InputStream in = state.mediaFiles.open(item.contentKey)) {
            source = ImageIO.read(in);
        }
        if (source == null) {
            return state.mediaFiles.read(item.contentKey);
        }
        int maxW = 512;
        int maxH = 512;
        Matcher m = SIZE.matcher(options);
        boolean any = false;
        int w = Integer.MAX_VALUE;
        int h = Integer.MAX_VALUE;
        while (m.find()) {
            any = true;
            if (m.group(1).equals("w")) {
                w = Integer.parseInt(m.group(2));
            } else {
                h = Integer.parseInt(m.group(2));
            }
        }
        if (any) {
            maxW = w;
            maxH = h;
        }
        double scale = Math.min(1.0, Math.min((double) maxW / source.getWidth(), (double) maxH / source.getHeight()));
        int tw = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int th = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage target = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        target.getGraphics().drawImage(source.getScaledInstance(tw, th, Image.SCALE_FAST), 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(target, "jpg", out);
        return out.toByteArray();
    }
}
