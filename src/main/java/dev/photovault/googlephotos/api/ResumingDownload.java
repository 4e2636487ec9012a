package dev.photovault.googlephotos.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one media item as a stream that survives dropped connections: when a read fails it asks the media
 * host again for the rest ({@code Range: bytes=N-}; a host that answers with the whole body is skipped forward),
 * with a fresh base URL when the old one expired. A body that ends before the length its answer announced was cut
 * off, and is resumed the same way. Nothing is buffered beyond what the caller reads.
 */
final class ResumingDownload extends InputStream {

    private final MediaTransfers client;
    private final int maxReconnects;
    private MediaItem item;
    private InputStream in;
    private long position;
    private long end;
    private int reconnects;
    private boolean closed;

    ResumingDownload(MediaTransfers client, MediaItem item, int maxReconnects) {
        this.client = client;
        this.maxReconnects = maxReconnects;
        MediaTransfers.Opened opened = client.openMedia(item, 0);
        this.in = opened.body();
        this.item = opened.item();
        this.end = opened.end();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("download closed");
        }
        while (true) {
            try {
                int r = in.read(b, off, len);
                if (r > 0) {
                    position += r;
                } else if (r < 0 && end >= 0 && position < end) {
                    // A connection closed cleanly in mid-body looks like the end of the file to the reader.
                    throw new IOException("the connection closed at byte " + position + " of " + end);
                }
                return r;
            } catch (IOException e) {
                if (++reconnects > maxReconnects) {
                    throw new IOException("download of " + item.filename() + " broke off " + reconnects
                            + " times; giving up at byte " + position + ": " + e.getMessage(), e);
                }
                quietlyClose(in);
                MediaTransfers.Opened opened = client.openMedia(item, position);
                in = opened.body();
                item = opened.item();
                end = opened.end();
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        quietlyClose(in);
    }

    private static void quietlyClose(InputStream s) {
        try {
            s.close();
        } catch (IOException | RuntimeException alreadyBroken) {
            // the connection is gone either way
        }
    }
}
