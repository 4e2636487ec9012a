package dev.photovault.googlephotos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Google's JSON as the client's records: albums, media items, picked items, sessions; and paged listings. */
final class PhotosJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private PhotosJson() {
    }

    static String tokenParam(String token) {
        return token == null ? "" : "&pageToken=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    static Album album(JsonNode a) {
        return new Album(a.path("id").asText(), a.path("title").asText(""), a.path("productUrl").asText(null),
                a.path("mediaItemsCount").asLong(0), a.path("coverPhotoMediaItemId").asText(null));
    }

    static MediaItem mediaItem(JsonNode i) {
        JsonNode meta = i.path("mediaMetadata");
        boolean video = meta.has("video");
        JsonNode kind = video ? meta.path("video") : meta.path("photo");
        String created = meta.path("creationTime").asText(null);
        return new MediaItem(i.path("id").asText(), i.path("filename").asText(""), i.path("mimeType").asText(""),
                i.path("description").asText(null), i.path("productUrl").asText(null), i.path("baseUrl").asText(null),
                created == null ? null : Instant.parse(created), meta.path("width").asLong(0),
                meta.path("height").asLong(0), kind.path("cameraMake").asText(null), kind.path("cameraModel").asText(null),
                video, Instant.now(), null);
    }

    static MediaItem pickedItem(JsonNode p, String sessionId) {
        JsonNode file = p.path("mediaFile");
        JsonNode meta = file.path("mediaFileMetadata");
        String created = p.path("createTime").asText(null);
        return new MediaItem(p.path("id").asText(), file.path("filename").asText(""), file.path("mimeType").asText(""),
                null, null, file.path("baseUrl").asText(null), created == null ? null : Instant.parse(created),
                meta.path("width").asLong(0), meta.path("height").asLong(0), meta.path("cameraMake").asText(null),
                meta.path("cameraModel").asText(null), "VIDEO".equals(p.path("type").asText()), Instant.now(), sessionId);
    }

    static PickerSession pickerSession(JsonNode s) {
        JsonNode polling = s.path("pollingConfig");
        String expire = s.path("expireTime").asText(null);
        return new PickerSession(s.path("id").asText(), s.path("pickerUri").asText(null),
                s.path("mediaItemsSet").asBoolean(false), duration(polling.path("pollInterval").asText(null)),
                duration(polling.path("timeoutIn").asText(null)), expire == null ? null : Instant.parse(expire));
    }

    private static java.time.Duration duration(String protoDuration) {
        if (protoDuration == null || !protoDuration.endsWith("s")) {
            return null;
        }
        double seconds = Double.parseDouble(protoDuration.substring(0, protoDuration.length() - 1));
        return java.time.Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** A lazy iterator over a paged listing: the next page is fetched only when the current one is used up. */
    static final class Pages<T> implements Iterator<T> {
        private final Function<String, JsonNode> fetch;
        private final String field;
        private final Function<JsonNode, T> convert;
        private Iterator<JsonNode> page = java.util.Collections.emptyIterator();
        private String nextToken;
        private boolean started;

        Pages(Function<String, JsonNode> fetch, String field, Function<JsonNode, T> convert) {
            this.fetch = fetch;
            this.field = field;
            this.convert = convert;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && (!started || nextToken != null)) {
                JsonNode answer = fetch.apply(nextToken);
                started = true;
                nextToken = answer.has("nextPageToken") ? answer.get("nextPageToken").asText() : null;
                page = answer.path(field).elements();
            }
            return page.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return convert.apply(page.next());
        }
    }

}
