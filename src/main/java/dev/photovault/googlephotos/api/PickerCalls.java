package dev.photovault.googlephotos.api;

import java.util.Iterator;
import java.util.Map;

/** Picker API calls: sessions and the items picked in them. */
final class PickerCalls {

    private final PhotosEndpoints endpoints;
    private final PhotosHttp http;

    PickerCalls(PhotosEndpoints endpoints, PhotosHttp http) {
        this.endpoints = endpoints;
        this.http = http;
    }

    /** Starts a Picker session; the user opens its {@link PickerSession#pickerUri()} to pick up to maxItems. */
    public PickerSession createPickerSession(long maxItems) {
        Map<String, Object> body = Map.of("pickingConfig", Map.of("maxItemCount", String.valueOf(maxItems)));
        return PhotosJson.pickerSession(http.send("POST", endpoints.pickerUrl() + "/v1/sessions?requestId="
                + java.util.UUID.randomUUID(), body, "picker.sessions.create"));
    }

    public PickerSession getPickerSession(String sessionId) {
        return PhotosJson.pickerSession(http.send("GET", endpoints.pickerUrl() + "/v1/sessions/" + sessionId, null,
                "picker.sessions.get"));
    }

    /** Ends a session (its items can no longer be listed or downloaded). */
    public void deletePickerSession(String sessionId) {
        http.send("DELETE", endpoints.pickerUrl() + "/v1/sessions/" + sessionId, null, "picker.sessions.delete");
    }

    /**
     * The items the user picked in a finished session, page by page. Before the user finished, Google answers
     * FAILED_PRECONDITION, which comes back as a {@link PhotosApiException} with that status.
     */
    public Iterator<MediaItem> listPickedItems(String sessionId) {
        return new PhotosJson.Pages<>(token -> http.send("GET", endpoints.pickerUrl() + "/v1/mediaItems?sessionId=" + sessionId
                + "&pageSize=100" + PhotosJson.tokenParam(token), null, "picker.mediaItems.list"), "mediaItems",
                p -> PhotosJson.pickedItem(p, sessionId));
    }

}
