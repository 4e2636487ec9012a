package dev.photovault.googlephotos.api;

import java.time.Instant;

/**
 * A media item as the Library API (or the Picker API) describes it. The base URL lives about an hour:
 * {@link GooglePhotosClient#download(MediaItem)} uses it only while it is young and fetches the item again
 * otherwise.
 *
 * @param id              the item id
 * @param filename        its file name
 * @param mimeType        its media type
 * @param description     the caption, or null
 * @param productUrl      where a person sees it (null for picked items)
 * @param baseUrl         the short-lived download address (append {@code =d} or {@code =dv})
 * @param creationTime    when it was taken or created
 * @param width           pixels
 * @param height          pixels
 * @param cameraMake      camera maker, or null
 * @param cameraModel     camera model, or null
 * @param video           a video rather than a photo
 * @param fetchedAt       when the base URL was handed out
 * @param pickerSessionId the Picker session the item was picked in, or null for a Library API item
 */
public record MediaItem(String id, String filename, String mimeType, String description, String productUrl,
        String baseUrl, Instant creationTime, long width, long height, String cameraMake, String cameraModel,
        boolean video, Instant fetchedAt, String pickerSessionId) {

    /** The download address of the original bytes as far as Google gives them ({@code =dv} for videos). */
    public String downloadUrl() {
        return baseUrl + (video ? "=dv" : "=d");
    }

    /** Whether this item came from a Picker session (its bytes need the access token). */
    public boolean picked() {
        return pickerSessionId != null;
    }
}
