package dev.photovault.googlephotos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Library API calls: albums, the app's media items, search, batchGet, batchCreate. */
final class LibraryCalls {

    private final PhotosEndpoints endpoints;
    private final PhotosHttp http;

    LibraryCalls(PhotosEndpoints endpoints, PhotosHttp http) {
        this.endpoints = endpoints;
        this.http = http;
    }

    private JsonNode get(String path, String what) {
        return http.send("GET", endpoints.apiUrl() + path, null, what);
    }

    /** Every album this app created, fetched page by page as the iterator advances. */
    public Iterator<Album> listAlbums() {
        return new PhotosJson.Pages<>(token -> get("/v1/albums?pageSize=50" + PhotosJson.tokenParam(token), "albums.list"), "albums",
                PhotosJson::album);
    }

    public Album createAlbum(String title) {
        return PhotosJson.album(http.send("POST", endpoints.apiUrl() + "/v1/albums", Map.of("album", Map.of("title", title)),
                "albums.create"));
    }

    public Album getAlbum(String albumId) {
        return PhotosJson.album(get("/v1/albums/" + albumId, "albums.get"));
    }

    /** The first app-created album with this title, or null. */
    public Album findAlbum(String title) {
        for (Iterator<Album> it = listAlbums(); it.hasNext(); ) {
            Album a = it.next();
            if (a.title().equals(title)) {
                return a;
            }
        }
        return null;
    }

    /** Renames an app-created album. */
    public Album renameAlbum(String albumId, String title) {
        return PhotosJson.album(http.send("PATCH", endpoints.apiUrl() + "/v1/albums/" + albumId + "?updateMask=title",
                Map.of("title", title), "albums.patch"));
    }

    /** Adds app-created items to an app-created album, 50 per request (Google's limit). */
    public void addToAlbum(String albumId, List<String> itemIds) {
        batches(itemIds, batch -> http.send("POST", endpoints.apiUrl() + "/v1/albums/" + albumId + ":batchAddMediaItems",
                Map.of("mediaItemIds", batch), "albums.batchAddMediaItems"));
    }

    /** Removes items from an app-created album, 50 per request. The items themselves stay in the library. */
    public void removeFromAlbum(String albumId, List<String> itemIds) {
        batches(itemIds, batch -> http.send("POST", endpoints.apiUrl() + "/v1/albums/" + albumId
                + ":batchRemoveMediaItems", Map.of("mediaItemIds", batch), "albums.batchRemoveMediaItems"));
    }

    private static void batches(List<String> ids, java.util.function.Consumer<List<String>> call) {
        for (int from = 0; from < ids.size(); from += 50) {
            call.accept(ids.subList(from, Math.min(ids.size(), from + 50)));
        }
    }

    /** Every item this app created, newest first, page by page. */
    public Iterator<MediaItem> listMediaItems() {
        return new PhotosJson.Pages<>(token -> get("/v1/mediaItems?pageSize=100" + PhotosJson.tokenParam(token), "mediaItems.list"),
                "mediaItems", PhotosJson::mediaItem);
    }

    /** The items of one album, in album order, page by page. */
    public Iterator<MediaItem> listAlbumItems(String albumId) {
        return new PhotosJson.Pages<>(token -> {
            ObjectNode body = PhotosJson.JSON.createObjectNode().put("albumId", albumId).put("pageSize", 100);
            if (token != null) {
                body.put("pageToken", token);
            }
            return http.send("POST", endpoints.apiUrl() + "/v1/mediaItems:search", body, "mediaItems.search");
        }, "mediaItems", PhotosJson::mediaItem);
    }

    /**
     * Items matching search filters as Google writes them (dateFilter, mediaTypeFilter, featureFilter, …),
     * page by page.
     */
    public Iterator<MediaItem> searchMediaItems(Map<String, Object> filters) {
        return new PhotosJson.Pages<>(token -> {
            ObjectNode body = PhotosJson.JSON.createObjectNode().put("pageSize", 100);
            body.set("filters", PhotosJson.JSON.valueToTree(filters));
            if (token != null) {
                body.put("pageToken", token);
            }
            return http.send("POST", endpoints.apiUrl() + "/v1/mediaItems:search", body, "mediaItems.search");
        }, "mediaItems", PhotosJson::mediaItem);
    }

    /** Sets an item's caption. */
    public MediaItem setDescription(String itemId, String description) {
        return PhotosJson.mediaItem(http.send("PATCH", endpoints.apiUrl() + "/v1/mediaItems/" + itemId + "?updateMask=description",
                Map.of("description", description), "mediaItems.patch"));
    }

    public MediaItem getMediaItem(String id) {
        return PhotosJson.mediaItem(get("/v1/mediaItems/" + id, "mediaItems.get"));
    }

    /** Up to 50 items at once, with fresh base URLs; ids Google does not know are left out. */
    public List<MediaItem> batchGet(List<String> ids) {
        StringBuilder query = new StringBuilder();
        for (String id : ids) {
            query.append(query.length() == 0 ? "?" : "&").append("mediaItemIds=").append(id);
        }
        List<MediaItem> out = new ArrayList<>();
        for (JsonNode r : get("/v1/mediaItems:batchGet" + query, "mediaItems.batchGet").path("mediaItemResults")) {
            if (r.has("mediaItem")) {
                out.add(PhotosJson.mediaItem(r.get("mediaItem")));
            }
        }
        return out;
    }

    /** batchCreate in groups of 50, optionally into an album; per-item results in input order. */
    public List<GooglePhotosClient.Created> createMediaItems(String albumId, List<GooglePhotosClient.NewItem> items) {
        List<GooglePhotosClient.Created> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += 50) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (GooglePhotosClient.NewItem n : items.subList(from, Math.min(items.size(), from + 50))) {
                batch.add(Map.of("description", n.description() == null ? "" : n.description(),
                        "simpleMediaItem", Map.of("uploadToken", n.uploadToken(), "fileName", n.fileName())));
            }
            Map<String, Object> body = albumId == null ? Map.of("newMediaItems", batch)
                    : Map.of("albumId", albumId, "newMediaItems", batch);
            for (JsonNode r : http.send("POST", endpoints.apiUrl() + "/v1/mediaItems:batchCreate", body,
                    "mediaItems.batchCreate").path("newMediaItemResults")) {
                int code = r.path("status").path("code").asInt(0);
                out.add(new GooglePhotosClient.Created(r.has("mediaItem") ? PhotosJson.mediaItem(r.get("mediaItem")) : null, code,
                        r.path("status").path("message").asText("")));
            }
        }
        return out;
    }

}
