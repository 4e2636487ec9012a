package dev.photovault.takeout;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that shows every byte read through it to {@link #tap}, and its end to {@link #end}. */
abstract class TapInputStream extends FilterInputStream {

    TapInputStream(InputStream in) {
        super(in);
    }

    /** Sees {@code n} bytes just read into {@code b} at {@code off}. */
    protected abstract void tap(byte[] b, int off, int n) throws IOException;

    /** Sees the end of the stream. */
    protected void end() throws IOException {
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            tap(b, off, n);
        } else if (n < 0) {
            end();
        }
        return n;
    }

    /** Skipped bytes are read too, so that every one is seen. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int r = buf.length == 0 ? 0 : read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
