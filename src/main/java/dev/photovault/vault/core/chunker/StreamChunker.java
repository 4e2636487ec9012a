package dev.photovault.vault.core.chunker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts an {@link InputStream} into FastCDC chunks through one reusable buffer, never holding more than two
 * maximum-size chunks of a stream in memory however large it is. Not thread-safe: one per worker.
 */
public final class StreamChunker {

    /** Receives each chunk; the bytes are only valid during the call. */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(byte[] buffer, int offset, int length, long hash) throws IOException;
    }

    private final FastCdc cdc;
    // Twice max so that sliding the unread tail to the front happens at most once per max bytes consumed.
    private final byte[] buffer;

    public StreamChunker(FastCdc cdc) {
        this.cdc = cdc;
        this.buffer = new byte[2 * cdc.params().max()];
    }

    /** Reads {@code in} to its end and hands every chunk, in order, to {@code sink}. Returns the byte count. */
    public long chunk(InputStream in, ChunkSink sink) throws IOException {
        int max = cdc.params().max();
        int start = 0;
        int end = 0;
        boolean eof = false;
        long total = 0;
        while (true) {
            if (!eof && end - start < max) {
                if (start > buffer.length - max) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                while (end - start < max) {
                    int read = in.read(buffer, end, buffer.length - end);
                    if (read < 0) {
                        eof = true;
                        break;
                    }
                    end += read;
                    total += read;
                }
            }
            int available = end - start;
            if (available == 0) {
                return total;
            }
            Cut cut = cdc.cut(buffer, start, available);
            sink.accept(buffer, start, cut.length(), cut.hash());
            start += cut.length();
        }
    }
}
