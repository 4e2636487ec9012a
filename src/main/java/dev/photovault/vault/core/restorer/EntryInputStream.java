package dev.photovault.vault.core.restorer;

import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * The content of one snapshot entry, decrypted one chunk at a time (so at most one chunk, ≤ 8 MiB, is in memory).
 * Every chunk is authenticated and checked against its id as it is read; a damaged chunk fails the read.
 */
public final class EntryInputStream extends InputStream {

    private final Repository repository;
    private final Iterator<String> chunks;
    private byte[] current = new byte[0];
    private int position;

    public EntryInputStream(Repository repository, Entry entry) {
        this.repository = repository;
        this.chunks = entry.chunks().iterator();
    }

    private boolean fill() throws IOException {
        while (position >= current.length) {
            if (!chunks.hasNext()) {
                return false;
            }
            current = repository.readChunk(chunks.next());
            position = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - position;
    }
}
