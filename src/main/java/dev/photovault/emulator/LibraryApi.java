package dev.photovault.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Library API v1: albums and media items as Google serves them since March 2025 — an app sees only what it
 * created; int64 fields are strings; errors in Google's envelope.
 */
final class LibraryApi {

    static final int MAX_ALBUM_ITEMS = 20_000;
    static final int MAX_BATCH = 50;

    private static final Set<String> READ = Set.of(Scopes.READONLY_APP_CREATED, Scopes.EDIT_APP_CREATED);
    private static final Set<String> APPEND = Set.of(Scopes.APPENDONLY);
    private static final Set<String> EDIT = Set.of(Scopes.EDIT_APP_CREATED);

    private final EmulatorState state;
    private final OAuthServer oauth;
    private final Traffic traffic;
    private final EmulatorClock clock;
    private final Duration baseUrlLifetime;
    private final Runnable changed;

    LibraryApi(EmulatorState state, OAuthServer oauth, Traffic traffic, EmulatorClock clock, Duration baseUrlLifetime,
            Runnable changed) {
        this.state = state;
        this.oauth = oauth;
        this.traffic = traffic;
        this.clock = clock;
        this.baseUrlLifetime = baseUrlLifetime;
        this.changed = changed;
    }

    /** Dispatches {@code /v1/albums…} and {@code /v1/mediaItems…}. */
    void handle(Exchange ex, String rest) throws IOException {
        String m = ex.method;
        if (rest.equals("albums") && m.equals("GET")) {
            listAlbums(ex);
        } else if (rest.equals("albums") && m.equals("POST")) {
            createAlbum(ex);
        } else if (rest.startsWith("albums/") && rest.endsWith(":batchAddMediaItems") && m.equals("POST")) {
            batchAdd(ex, rest.substring(7, rest.length() - ":batchAddMediaItems".length()));
        } else if (rest.startsWith("albums/") && rest.endsWith(":batchRemoveMediaItems") && m.equals("POST")) {
            batchRemove(ex, rest.substring(7, rest.length() - ":batchRemoveMediaItems".length()));
        } else if (rest.startsWith("albums/") && m.equals("GET")) {
            getAlbum(ex, rest.substring(7));
        } else if (rest.startsWith("albums/") && m.equals("PATCH")) {
            patchAlbum(ex, rest.substring(7));
        } else if (rest.equals("mediaItems") && m.equals("GET")) {
            traffic.api("mediaItems.list", false);
            String client = oauth.authorize(ex, READ);
            page(ex, client, ownItems(client, i -> true), 25, 100, "mediaItems", "list");
        } else if (rest.equals("mediaItems:search") && m.equals("POST")) {
            search(ex);
        } else if (rest.equals("mediaItems:batchGet") && m.equals("GET")) {
            batchGet(ex);
        } else if (rest.equals("mediaItems:batchCreate") && m.equals("POST")) {
            batchCreate(ex);
        } else if (rest.startsWith("mediaItems/") && m.equals("GET")) {
            getItem(ex, rest.substring(11));
        } else if (rest.startsWith("mediaItems/") && m.equals("PATCH")) {
            patchItem(ex, rest.substring(11));
        } else {
            throw ApiError.notFound("Method not found.");
        }
    }

    // ---- albums ---------------------------------------------------------------------------------------------

    private void listAlbums(Exchange ex) throws IOException {
        traffic.api("albums.list", false);
        String client = oauth.authorize(ex, READ);
        List<EmulatorState.Album> own;
        synchronized (state) {
            own = state.albums.values().stream().filter(a -> client.equals(a.owner)).toList();
        }
        int[] window = window(ex.param("pageSize"), ex.param("pageToken"), 20, 50, "albums.list", own.size());
        ArrayNode albums = EmulatorState.JSON.createArrayNode();
        synchronized (state) {
            for (int i = window[0]; i < window[1]; i++) {
                albums.add(album(ex, own.get(i), client));
            }
        }
        ObjectNode out = EmulatorState.JSON.createObjectNode();
        if (!albums.isEmpty()) {
            out.set("albums", albums);
        }
        if (window[1] < own.size()) {
            out.put("nextPageToken", pageToken("albums.list", window[1]));
        }
        ex.sendJson(200, out);
    }

    private void createAlbum(Exchange ex) throws IOException {
        traffic.api("albums.create", true);
        String client = oauth.authorize(ex, APPEND);
        JsonNode body = ex.json();
        String title = body.path("album").path("title").asText("");
        if (title.length() > 500) {
            throw ApiError.invalidArgument("Album title must be at most 500 characters.");
        }
        ObjectNode out;
        synchronized (state) {
            EmulatorState.Album album = new EmulatorState.Album();
            album.id = Ids.longId("A");
            album.title = title;
            album.owner = client;
            album.created = clock.instant();
            state.albums.put(album.id, album);
            out = album(ex, album, client);
        }
        changed.run();
        ex.sendJson(200, out);
    }

    private void getAlbum(Exchange ex, String id) throws IOException {
        traffic.api("albums.get", false);
        String client = oauth.authorize(ex, READ);
        ObjectNode out;
        synchronized (state) {
            out = album(ex, ownAlbum(client, id), client);
        }
        ex.sendJson(200, out);
    }

    private void patchAlbum(Exchange ex, String id) throws IOException {
        traffic.api("albums.patch", true);
        String client = oauth.authorize(ex, EDIT);
        String mask = Objects.requireNonNullElse(ex.param("updateMask"), "");
        JsonNode body = ex.json();
        ObjectNode out;
        synchronized (state) {
            EmulatorState.Album album = ownAlbum(client, id);
            if (mask.isEmpty()) {
                throw ApiError.invalidArgument("updateMask is required.");
            }
            for (String field : mask.split(",")) {
                switch (field.trim()) {
                    case "title" -> {
                        String title = body.path("title").asText("");
                        if (title.length() > 500) {
                            throw ApiError.invalidArgument("Album title must be at most 500 characters.");
                        }
                        album.title = title;
                    }
                    case "coverPhotoMediaItemId" -> {
                        String cover = body.path("coverPhotoMediaItemId").asText();
                        if (!album.items.contains(cover)) {
                            throw ApiError.invalidArgument("The cover photo must be a media item in the album.");
                        }
                        album.coverItemId = cover;
                    }
                    default -> throw ApiError.invalidArgument("Invalid updateMask field: " + field);
                }
            }
            out = album(ex, album, client);
        }
        changed.run();
        ex.sendJson(200, out);
    }

    private void batchAdd(Exchange ex, String albumId) throws IOException {
        traffic.api("albums.batchAddMediaItems", true);
        String client = oauth.authorize(ex, EDIT);
        List<String> ids = idList(ex.json(), "mediaItemIds");
        synchronized (state) {
            EmulatorState.Album album = writableAlbum(client, albumId);
            for (String id : ids) {
                EmulatorState.MediaItem item = state.items.get(id);
                if (item == null || !client.equals(item.owner)) {
                    throw ApiError.invalidArgument("Request contains an invalid media item id.");
                }
            }
            long adding = ids.stream().filter(id -> !album.items.contains(id)).count();
            if (album.items.size() + adding > MAX_ALBUM_ITEMS) {
                throw ApiError.invalidArgument("Request would exceed the limit of " + MAX_ALBUM_ITEMS
                        + " media items in an album.");
            }
            for (String id : ids) {
                if (!album.items.contains(id)) {
                    album.items.add(id);
                }
            }
        }
        changed.run();
        ex.sendJson(200, EmulatorState.JSON.createObjectNode());
    }

    private void batchRemove(Exchange ex, String albumId) throws IOException {
        traffic.api("albums.batchRemoveMediaItems", true);
        String client = oauth.authorize(ex, EDIT);
        List<String> ids = idList(ex.json(), "mediaItemIds");
        synchronized (state) {
            EmulatorState.Album album = writableAlbum(client, albumId);
            for (String id : ids) {
                if (!album.items.contains(id)) {
                    throw ApiError.invalidArgument("Request contains an invalid media item id.");
                }
            }
            album.items.removeAll(ids);
            if (!album.items.contains(album.coverItemId)) {
                album.coverItemId = null;
            }
        }
        changed.run();
        ex.sendJson(200, EmulatorState.JSON.createObjectNode());
    }

    // ---- media items ----------------------------------------------------------------------------------------

    private void getItem(Exchange ex, String id) throws IOException {
        traffic.api("mediaItems.get", false);
        String client = oauth.authorize(ex, READ);
        ObjectNode out;
        synchronized (state) {
            EmulatorState.MediaItem item = state.items.get(id);
            if (item == null || !client.equals(item.owner)) {
                throw ApiError.notFound("Requested entity was not found.");
            }
            out = mediaItem(ex, item, client);
        }
        ex.sendJson(200, out);
    }

    private void batchGet(Exchange ex) throws IOException {
        traffic.api("mediaItems.batchGet", false);
        String client = oauth.authorize(ex, READ);
        List<String> ids = ex.params("mediaItemIds");
        checkBatch(ids);
        ArrayNode results = EmulatorState.JSON.createArrayNode();
        synchronized (state) {
            for (String id : ids) {
                EmulatorState.MediaItem item = state.items.get(id);
                ObjectNode r = results.addObject();
                if (item == null || !client.equals(item.owner)) {
                    r.putObject("status").put("code", 3).put("message", "Invalid media item ID.");
                } else {
                    r.set("mediaItem", mediaItem(ex, item, client));
                }
            }
        }
        ObjectNode out = EmulatorState.JSON.createObjectNode();
        out.set("mediaItemResults", results);
        ex.sendJson(200, out);
    }

    private void patchItem(Exchange ex, String id) throws IOException {
        traffic.api("mediaItems.patch", true);
        String client = oauth.authorize(ex, EDIT);
        if (!"description".equals(ex.param("updateMask"))) {
            throw ApiError.invalidArgument("updateMask must be \"description\".");
        }
        String description = ex.json().path("description").asText("");
        if (description.length() >= 1000) {
            throw ApiError.invalidArgument("Description must be shorter than 1000 characters.");
        }
        ObjectNode out;
        synchronized (state) {
            EmulatorState.MediaItem item = state.items.get(id);
            if (item == null || !client.equals(item.owner)) {
                throw ApiError.notFound("Requested entity was not found.");
            }
            item.description = description;
            out = mediaItem(ex, item, client);
        }
        changed.run();
        ex.sendJson(200, out);
    }

    private void search(Exchange ex) throws IOException {
        traffic.api("mediaItems.search", false);
        String client = oauth.authorize(ex, READ);
        JsonNode body = ex.json();
        String albumId = body.path("albumId").asText(null);
        JsonNode filters = body.get("filters");
        String orderBy = body.path("orderBy").asText(null);
        if (albumId != null && filters != null) {
            throw ApiError.invalidArgument("Invalid argument: filters can't be set in conjunction with an albumId.");
        }
        if (orderBy != null && (filters == null || !filters.has("dateFilter"))) {
            throw ApiError.invalidArgument("orderBy is only allowed together with a dateFilter.");
        }
        List<EmulatorState.MediaItem> result;
        synchronized (state) {
            if (albumId != null) {
                EmulatorState.Album album = state.albums.get(albumId);
                if (album == null || !client.equals(album.owner)) {
                    throw ApiError.invalidArgument("Invalid album ID.");
                }
                result = album.items.stream().map(state.items::get).filter(Objects::nonNull).toList();
            } else {
                Predicate<EmulatorState.MediaItem> p = Filters.of(filters);
                result = ownItems(client, p);
                if ("MediaMetadata.creation_time".equals(orderBy)) {
                    result = result.stream().sorted(Comparator.comparing(i -> i.creationTime)).toList();
                } else if (orderBy != null && !"MediaMetadata.creation_time desc".equals(orderBy)) {
                    throw ApiError.invalidArgument("Invalid orderBy: " + orderBy);
                }
            }
        }
        String pageSize = body.has("pageSize") ? body.get("pageSize").asText() : null;
        String pageToken = body.path("pageToken").asText(null);
        pageOf(ex, client, result, pageSize, pageToken, 25, 100, "mediaItems", "search");
    }

    /** The caller's items passing {@code filter}, newest first (Google's default order). */
    private List<EmulatorState.MediaItem> ownItems(String client, Predicate<EmulatorState.MediaItem> filter) {
        synchronized (state) {
            return state.items.values().stream().filter(i -> client.equals(i.owner)).filter(filter)
                    .sorted(Comparator.comparing((EmulatorState.MediaItem i) -> i.creationTime).reversed()
                            .thenComparing(i -> i.id))
                    .toList();
        }
    }

    private void page(Exchange ex, String client, List<EmulatorState.MediaItem> all, int def, int max, String field,
            String kind) throws IOException {
        pageOf(ex, client, all, ex.param("pageSize"), ex.param("pageToken"), def, max, field, kind);
    }

    private void pageOf(Exchange ex, String client, List<EmulatorState.MediaItem> all, String pageSize,
            String pageToken, int def, int max, String field, String kind) throws IOException {
        int[] window = window(pageSize, pageToken, def, max, kind, all.size());
        ArrayNode items = EmulatorState.JSON.createArrayNode();
        synchronized (state) {
            for (int i = window[0]; i < window[1]; i++) {
                items.add(mediaItem(ex, all.get(i), client));
            }
        }
        ObjectNode out = EmulatorState.JSON.createObjectNode();
        if (!items.isEmpty()) {
            out.set(field, items);
        }
        if (window[1] < all.size()) {
            out.put("nextPageToken", pageToken(kind, window[1]));
        }
        ex.sendJson(200, out);
    }

    /** {@code [from, to)} of the page asked for. Page sizes above the maximum are cut to it, as Google does. */
    static int[] window(String pageSize, String pageToken, int def, int max, String kind, int total) {
        int size = def;
        if (pageSize != null && !pageSize.isEmpty()) {
            try {
                size = Integer.parseInt(pageSize);
            } catch (NumberFormatException e) {
                throw ApiError.invalidArgument("Invalid value at 'page_size' (TYPE_INT32), \"" + pageSize + "\"");
            }
            if (size < 0) {
                throw ApiError.invalidArgument("Page size must not be negative.");
            }
            size = size == 0 ? def : Math.min(size, max);
        }
        int from = 0;
        if (pageToken != null && !pageToken.isEmpty()) {
            from = offsetOf(kind, pageToken);
        }
        return new int[] {Math.min(from, total), Math.min(total, from + size)};
    }

    static String pageToken(String kind, int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offsetOf(String kind, String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + ":")) {
                return Integer.parseInt(decoded.substring(kind.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiError.invalidArgument("Invalid page token.");
    }

    // ---- batchCreate ----------------------------------------------------------------------------------------

    private void batchCreate(Exchange ex) throws IOException {
        traffic.api("mediaItems.batchCreate", true);
        String client = oauth.authorize(ex, APPEND);
        JsonNode body = ex.json();
        JsonNode news = body.path("newMediaItems");
        if (!news.isArray() || news.isEmpty()) {
            throw ApiError.invalidArgument("Request must contain at least one newMediaItem.");
        }
        if (news.size() > MAX_BATCH) {
            throw ApiError.invalidArgument("Request must have less than 50 items.");
        }
        String albumId = body.path("albumId").asText(null);
        ArrayNode results = EmulatorState.JSON.createArrayNode();
        synchronized (state) {
            EmulatorState.Album album = null;
            if (albumId != null) {
                album = writableAlbum(client, albumId);
                if (album.items.size() + news.size() > MAX_ALBUM_ITEMS) {
                    throw ApiError.invalidArgument("Request would exceed the limit of " + MAX_ALBUM_ITEMS
                            + " media items in an album.");
                }
            }
            for (JsonNode n : news) {
                String description = n.path("description").asText("");
                String token = n.path("simpleMediaItem").path("uploadToken").asText("");
                String fileName = n.path("simpleMediaItem").path("fileName").asText(null);
                ObjectNode r = results.addObject();
                r.put("uploadToken", token);
                EmulatorState.Upload upload = state.uploads.get(token);
                if (description.length() >= 1000 || (fileName != null && fileName.length() > 255)) {
                    r.putObject("status").put("code", 3).put("message",
                            "INVALID_ARGUMENT: description must be shorter than 1000 characters and fileName at most 255.");
                    continue;
                }
                if (upload == null || !upload.clientId.equals(client) || upload.expires.isBefore(clock.instant())) {
                    r.putObject("status").put("code", 3).put("message", "NOT_FOUND: upload token is invalid or expired.");
                    continue;
                }
                MediaKind kind = sniff(upload);
                if (kind == MediaKind.NOT_MEDIA) {
                    r.putObject("status").put("code", 3)
                            .put("message", "BAD_IMAGE: There was an error while trying to create this media item.");
                    continue;
                }
                EmulatorState.MediaItem item = existingWithSameBytes(client, upload);
                if (item == null) {
                    item = Seeds.itemFromUpload(upload, kind, fileName, description, client, clock.instant(),
                            state.mediaFiles);
                    state.items.put(item.id, item);
                }
                state.uploads.remove(token);
                if (album != null && !album.items.contains(item.id)) {
                    album.items.add(item.id);
                }
                r.putObject("status").put("message", "Success");
                r.set("mediaItem", mediaItem(ex, item, client));
            }
        }
        changed.run();
        ObjectNode out = EmulatorState.JSON.createObjectNode();
        out.set("newMediaItemResults", results);
        ex.sendJson(200, out);
    }

    private MediaKind sniff(EmulatorState.Upload upload) {
        try (var in = state.mediaFiles.open(upload.contentKey)) {
            byte[] head = in.readNBytes(16);
            return MediaKind.sniff(head, head.length);
        } catch (IOException e) {
            return MediaKind.NOT_MEDIA;
        }
    }

    /** Google deduplicates identical bytes per user: the first item (and its file name) stays. */
    private EmulatorState.MediaItem existingWithSameBytes(String client, EmulatorState.Upload upload) {
        String sha = Seeds.sha256(state.mediaFiles, upload.contentKey);
        for (EmulatorState.MediaItem item : state.items.values()) {
            if (client.equals(item.owner) && item.size == upload.size && sha.equals(item.sha256)) {
                return item;
            }
        }
        return null;
    }

    // ---- shapes ---------------------------------------------------------------------------------------------

    private ObjectNode album(Exchange ex, EmulatorState.Album a, String client) {
        ObjectNode o = EmulatorState.JSON.createObjectNode();
        o.put("id", a.id);
        o.put("title", a.title);
        o.put("productUrl", "https://photos.google.com/lr/album/" + a.id);
        o.put("isWriteable", client.equals(a.owner));
        if (!a.items.isEmpty()) {
            o.put("mediaItemsCount", String.valueOf(a.items.size()));
            String cover = a.coverItemId != null ? a.coverItemId : a.items.get(0);
            o.put("coverPhotoBaseUrl", baseUrl(ex, cover, false, client));
            o.put("coverPhotoMediaItemId", cover);
        }
        return o;
    }

    private ObjectNode mediaItem(Exchange ex, EmulatorState.MediaItem i, String client) {
        ObjectNode o = EmulatorState.JSON.createObjectNode();
        o.put("id", i.id);
        if (i.description != null && !i.description.isEmpty()) {
            o.put("description", i.description);
        }
        o.put("productUrl", "https://photos.google.com/lr/photo/" + i.id);
        o.put("baseUrl", baseUrl(ex, i.id, false, client));
        o.put("mimeType", i.mimeType);
        o.put("filename", i.filename);
        ObjectNode meta = o.putObject("mediaMetadata");
        meta.put("creationTime", i.creationTime.toString());
        meta.put("width", String.valueOf(i.width));
        meta.put("height", String.valueOf(i.height));
        ObjectNode kind = meta.putObject(i.video ? "video" : "photo");
        if (i.cameraMake != null) {
            kind.put("cameraMake", i.cameraMake);
        }
        if (i.cameraModel != null) {
            kind.put("cameraModel", i.cameraModel);
        }
        if (i.video) {
            kind.put("fps", 30.0);
            kind.put("status", "READY");
        }
        return o;
    }

    /** A fresh base URL for an item, valid for the configured lifetime. Caller holds the state lock. */
    String baseUrl(Exchange ex, String itemId, boolean picker, String client) {
        EmulatorState.BaseUrl url = new EmulatorState.BaseUrl();
        url.opaque = Ids.token(48);
        url.itemId = itemId;
        url.expires = clock.instant().plus(baseUrlLifetime);
        url.picker = picker;
        url.clientId = client;
        state.baseUrls.put(url.opaque, url);
        return ex.origin() + "/lr/" + url.opaque;
    }

    private static List<String> idList(JsonNode body, String field) {
        List<String> ids = new ArrayList<>();
        body.path(field).forEach(n -> ids.add(n.asText()));
        checkBatch(ids);
        return ids;
    }

    private static void checkBatch(List<String> ids) {
        if (ids.isEmpty()) {
            throw ApiError.invalidArgument("Request must contain at least one media item id.");
        }
        if (ids.size() > MAX_BATCH) {
            throw ApiError.invalidArgument("Request must have less than 50 items.");
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw ApiError.invalidArgument("Request contains repeated media item ids.");
        }
    }

    /** Search filters, ANDed, as documented. */
    static final class Filters {
        private Filters() {
        }

        static Predicate<EmulatorState.MediaItem> of(JsonNode f) {
            Predicate<EmulatorState.MediaItem> p = i -> true;
            if (f == null) {
                return i -> !i.archived;
            }
            if (!f.path("includeArchivedMedia").asBoolean(false)) {
                p = p.and(i -> !i.archived);
            }
            JsonNode date = f.get("dateFilter");
            if (date != null) {
                List<Predicate<LocalDate>> any = new ArrayList<>();
                date.path("dates").forEach(d -> any.add(x -> matches(d, x)));
                date.path("ranges").forEach(r -> any.add(x -> !before(x, r.path("startDate")) && !after(x, r.path("endDate"))));
                p = p.and(i -> any.stream().anyMatch(t -> t.test(i.creationTime.atZone(ZoneOffset.UTC).toLocalDate())));
            }
            JsonNode types = f.path("mediaTypeFilter").path("mediaTypes");
            if (types.isArray() && !types.isEmpty()) {
                String t = types.get(0).asText("ALL_MEDIA");
                if (t.equals("PHOTO")) {
                    p = p.and(i -> !i.video);
                } else if (t.equals("VIDEO")) {
                    p = p.and(i -> i.video);
                }
            }
            JsonNode features = f.path("featureFilter").path("includedFeatures");
            for (JsonNode feature : features) {
                if (feature.asText().equals("FAVORITES")) {
                    p = p.and(i -> i.favorite);
                }
            }
            JsonNode content = f.get("contentFilter");
            if (content != null) {
                Set<String> include = new HashSet<>();
                Set<String> exclude = new HashSet<>();
                content.path("includedContentCategories").forEach(c -> include.add(c.asText()));
                content.path("excludedContentCategories").forEach(c -> exclude.add(c.asText()));
                p = p.and(i -> (include.isEmpty() || i.categories.stream().anyMatch(include::contains))
                        && i.categories.stream().noneMatch(exclude::contains));
            }
            return p;
        }

        private static boolean matches(JsonNode d, LocalDate x) {
            int y = d.path("year").asInt(0);
            int m = d.path("month").asInt(0);
            int day = d.path("day").asInt(0);
            return (y == 0 || y == x.getYear()) && (m == 0 || m == x.getMonthValue()) && (day == 0 || day == x.getDayOfMonth());
        }

        private static boolean before(LocalDate x, JsonNode start) {
            return start.isMissingNode() ? false : x.isBefore(lower(start));
        }

        private static boolean after(LocalDate x, JsonNode end) {
            return end.isMissingNode() ? false : x.isAfter(upper(end));
        }

        private static LocalDate lower(JsonNode d) {
            int y = d.path("year").asInt(1);
            int m = d.path("month").asInt(0);
            int day = d.path("day").asInt(0);
            return LocalDate.of(y, m == 0 ? 1 : m, day == 0 ? 1 : day);
        }

        private static LocalDate upper(JsonNode d) {
            int y = d.path("year").asInt(9999);
            int m = d.path("month").asInt(0);
            LocalDate month = LocalDate.of(y, m == 0 ? 12 : m, 1);
            int day = d.path("day").asInt(0);
            return day == 0 ? month.withDayOfMonth(month.lengthOfMonth()) : month.withDayOfMonth(day);
        }
    }

    /** An album the caller may add to or remove from; anything else is INVALID_ARGUMENT. Caller holds the lock. */
    private EmulatorState.Album writableAlbum(String client, String id) {
        EmulatorState.Album album = state.albums.get(id);
        if (album == null || !client.equals(album.owner)) {
            throw ApiError.invalidArgument("Invalid album ID: the album must exist and be created by this app.");
        }
        return album;
    }

    private EmulatorState.Album ownAlbum(String client, String id) {
        EmulatorState.Album album = state.albums.get(id);
        if (album == null || !client.equals(album.owner)) {
            throw ApiError.notFound("Requested entity was not found.");
        }
        return album;
    }
}
