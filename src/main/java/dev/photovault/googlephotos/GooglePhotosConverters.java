package dev.photovault.googlephotos;

import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Converter;

/** Opens lazy media bodies when a route reads them. */
@Converter(generateLoader = true)
public final class GooglePhotosConverters {

    private GooglePhotosConverters() {
    }

    /** Opens the download. */
    @Converter
    public static InputStream toInputStream(GooglePhotosMediaBody body) {
        return body.open();
    }

    /** Downloads the whole item into memory (fine for photos; stream videos instead). */
    @Converter
    public static byte[] toByteArray(GooglePhotosMediaBody body) throws IOException {
        try (InputStream in = body.open()) {
            return in.readAllBytes();
        }
    }
}
