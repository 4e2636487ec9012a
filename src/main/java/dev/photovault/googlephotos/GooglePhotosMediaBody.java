package dev.photovault.googlephotos;

import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import java.io.InputStream;

/**
 * The body of a media item message: nothing is downloaded until it is converted to an {@code InputStream} (or
 * bytes), so a route that decides from headers alone spends no media quota. Each conversion opens a new download.
 */
public final class GooglePhotosMediaBody {

    private final GooglePhotosClient client;
    private final MediaItem item;

    GooglePhotosMediaBody(GooglePhotosClient client, MediaItem item) {
        this.client = client;
        this.item = item;
    }

    /** The item as listed. */
    public MediaItem item() {
        return item;
    }

    /** Opens the download (a fresh base URL if the listed one is old; resumed after dropped connections). */
    public InputStream open() {
        return client.download(item);
    }

    @Override
    public String toString() {
        return "GooglePhotosMediaBody[" + item.id() + ", " + item.filename() + ", not downloaded]";
    }
}
