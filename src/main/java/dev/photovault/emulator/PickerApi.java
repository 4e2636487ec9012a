package dev.photovault.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The Picker API ({@code photospicker.googleapis.com}, served under {@code /picker/v1/}): sessions, and the items
 * a user picked. Nobody can tap "Done" in a test, so {@code POST /emulator/sessions/{id}:pick} picks for them.
 * Picked items come from the whole library, including the user's own items no app created.
 */
final class PickerApi {

    static final int MAX_OPEN_SESSIONS = 100;
    private static final Duration SESSION_LIFETIME = Duration.ofHours(1);
    private static final Set<String> PICKER = Set.of(Scopes.PICKER);

    private final EmulatorState state;
    private final OAuthServer oauth;
    private final Traffic traffic;
    private final EmulatorClock clock;
    private final LibraryApi library;
    private final Runnable changed;

    PickerApi(EmulatorState state, OAuthServer oauth, Traffic traffic, EmulatorClock clock, LibraryApi library,
            Runnable changed) {
        this.state = state;
        this.oauth = oauth;
        this.traffic = traffic;
        this.clock = clock;
        this.library = library;
        this.changed = changed;
    }

    void handle(Exchange ex, String rest) throws IOException {
        traffic.other("picker." + rest.replaceAll("/.*", "") + "." + ex.method.toLowerCase(java.util.Locale.ROOT));
        String client = oauth.authorize(ex, PICKER);
        if (rest.equals("sessions") && ex.method.equals("POST")) {
            create(ex, client);
        } else if (rest.startsWith("sessions/") && ex.method.equals("GET")) {
            ObjectNode out;
            synchronized (state) {
                out = session(ex, find(client, rest.substring(9)));
            }
            ex.sendJson(200, out);
        } else if (rest.startsWith("sessions/") && ex.method.equals("DELETE")) {
            synchronized (state) {
                state.sessions.remove(find(client, rest.substring(9)).id);
            }
            changed.run();
            ex.sendJson(200, EmulatorState.JSON.createObjectNode());
        } else if (rest.equals("mediaItems") && ex.method.equals("GET")) {
            items(ex, client);
        } else {
            throw ApiError.notFound("Method not found.");
        }
    }

    private void create(Exchange ex, String client) throws IOException {
        JsonNode body = ex.json();
        String requestId = ex.param("requestId");
        long max = body.path("pickingConfig").path("maxItemCount").asLong(2000);
        ObjectNode out;
        synchronized (state) {
            if (requestId != null && state.sessions.containsKey(requestId)) {
                out = session(ex, find(client, requestId));
            } else {
                long open = state.sessions.values().stream()
                        .filter(s -> s.clientId.equals(client) && s.expires.isAfter(clock.instant())).count();
                if (open >= MAX_OPEN_SESSIONS) {
                    throw ApiError.resourceExhausted("Too many open picking sessions.");
                }
                EmulatorState.PickerSession s = new EmulatorState.PickerSession();
                s.id = requestId != null ? requestId : UUID.randomUUID().toString();
                s.clientId = client;
                s.created = clock.instant();
                s.expires = s.created.plus(SESSION_LIFETIME);
                s.maxItems = max <= 0 ? 2000 : max;
                state.sessions.put(s.id, s);
                out = session(ex, s);
            }
        }
        changed.run();
        ex.sendJson(200, out);
    }

    private void items(Exchange ex, String client) throws IOException {
        String sessionId = ex.param("sessionId");
        if (sessionId == null) {
            throw ApiError.invalidArgument("sessionId is required.");
        }
        String pageSize = ex.param("pageSize");
        if (pageSize != null && !pageSize.isEmpty() && pageSize.startsWith("-")) {
            throw ApiError.invalidArgument("pageSize must not be negative.");
        }
        ObjectNode out = EmulatorState.JSON.createObjectNode();
        synchronized (state) {
            EmulatorState.PickerSession s = find(client, sessionId);
            if (!s.mediaItemsSet) {
                throw ApiError.failedPrecondition("The user has not finished picking media items yet.");
            }
            List<String> picked = s.picked;
            int[] window = LibraryApi.window(pageSize, ex.param("pageToken"), 50, 100, "picker:" + s.id, picked.size());
            ArrayNode items = out.putArray("mediaItems");
            for (int i = window[0]; i < window[1]; i++) {
                EmulatorState.MediaItem item = state.items.get(picked.get(i));
                if (item != null) {
                    items.add(picked(ex, item, client));
                }
            }
            if (window[1] < picked.size()) {
                out.put("nextPageToken", LibraryApi.pageToken("picker:" + s.id, window[1]));
            }
        }
        ex.sendJson(200, out);
    }

    /** Marks a session as picked with the given items (or, with null, the whole library). */
    void pick(String sessionId, List<String> itemIds) {
        synchronized (state) {
            EmulatorState.PickerSession s = state.sessions.get(sessionId);
            if (s == null) {
                throw ApiError.notFound("No picking session " + sessionId + ".");
            }
            List<String> ids = itemIds != null ? itemIds : List.copyOf(state.items.keySet());
            for (String id : ids) {
                if (!state.items.containsKey(id)) {
                    throw ApiError.invalidArgument("No media item " + id + ".");
                }
            }
            s.picked.clear();
            s.picked.addAll(ids.subList(0, (int) Math.min(ids.size(), s.maxItems)));
            s.mediaItemsSet = true;
        }
        changed.run();
    }

    private EmulatorState.PickerSession find(String client, String id) {
        EmulatorState.PickerSession s = state.sessions.get(id);
        if (s == null || !s.clientId.equals(client)) {
            throw ApiError.notFound("Requested entity was not found.");
        }
        if (!s.expires.isAfter(clock.instant())) {
            throw ApiError.permissionDenied("The picking session has expired.");
        }
        return s;
    }

    private ObjectNode session(Exchange ex, EmulatorState.PickerSession s) {
        ObjectNode o = EmulatorState.JSON.createObjectNode();
        o.put("id", s.id);
        o.put("pickerUri", ex.origin() + "/picker/ui/" + s.id);
        if (!s.mediaItemsSet) {
            o.putObject("pollingConfig").put("pollInterval", "5s").put("timeoutIn",
                    Math.max(0, Duration.between(clock.instant(), s.expires).toSeconds()) + "s");
        }
        o.put("expireTime", s.expires.toString());
        o.putObject("pickingConfig").put("maxItemCount", String.valueOf(s.maxItems));
        o.put("mediaItemsSet", s.mediaItemsSet);
        return o;
    }

    private ObjectNode picked(Exchange ex, EmulatorState.MediaItem item, String client) {
        ObjectNode o = EmulatorState.JSON.createObjectNode();
        o.put("id", item.id);
        o.put("createTime", item.creationTime.toString());
        o.put("type", item.video ? "VIDEO" : "PHOTO");
        ObjectNode file = o.putObject("mediaFile");
        file.put("baseUrl", library.baseUrl(ex, item.id, true, client));
        file.put("mimeType", item.mimeType);
        file.put("filename", item.filename);
        ObjectNode meta = file.putObject("mediaFileMetadata");
        meta.put("width", item.width);
        meta.put("height", item.height);
        if (item.cameraMake != null) {
            meta.put("cameraMake", item.cameraMake);
            meta.put("cameraModel", item.cameraModel);
        }
        meta.putObject(item.video ? "videoMetadata" : "photoMetadata");
        return o;
    }

    /** A minimal stand-in for Google's picking page, saying how to pick in the emulator. */
    void page(Exchange ex, String sessionId) throws IOException {
        String html = "<!doctype html><title>photovault emulator: picker</title><h1>Picking session " + escape(sessionId)
                + "</h1><p>This is the Google Photos emulator. Pick items with <code>POST /emulator/sessions/"
                + escape(sessionId) + ":pick</code> and a body <code>{\"mediaItemIds\":[…]}</code> or"
                + " <code>{\"all\":true}</code>.</p>";
        ex.sendBytes(200, "text/html; charset=UTF-8", html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
