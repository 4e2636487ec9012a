package dev.photovault.googlephotos.api;

/**
 * Where the APIs live, so the same client talks to Google or to the emulator.
 *
 * @param apiUrl    the Library API base (without {@code /v1})
 * @param pickerUrl the Picker API base (without {@code /v1})
 * @param tokenUrl  the OAuth token endpoint
 */
public record PhotosEndpoints(String apiUrl, String pickerUrl, String tokenUrl) {

    /** Google's own endpoints. */
    public static final PhotosEndpoints GOOGLE = new PhotosEndpoints("https://photoslibrary.googleapis.com",
            "https://photospicker.googleapis.com", "https://oauth2.googleapis.com/token");

    public PhotosEndpoints {
        apiUrl = trim(apiUrl);
        pickerUrl = trim(pickerUrl);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
