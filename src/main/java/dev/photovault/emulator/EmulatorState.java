package dev.photovault.emulator;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the emulator knows: OAuth clients and tokens, albums, media items, uploads, base URLs and Picker
 * sessions. Guarded by its own monitor ({@code synchronized (state)}); kept in memory and, with a state folder,
 * saved to {@code state.json} after every change (media bytes live in {@link MediaFiles}).
 */
final class EmulatorState {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** An OAuth client (an app). */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Client {
        String id;
        String secret;
    }

    /** A refresh token: what a user granted one client. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Grant {
        String refreshToken;
        String clientId;
        Set<String> scopes = new LinkedHashSet<>();
        boolean revoked;
    }

    /** An access token handed out by the token endpoint. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class AccessToken {
        String token;
        String clientId;
        Set<String> scopes = new LinkedHashSet<>();
        Instant expires;
    }

    /** An album; {@code owner} is the client that created it, null for the user's own (seeded) albums. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Album {
        String id;
        String title;
        String owner;
        List<String> items = new ArrayList<>();
        String coverItemId;
        Instant created;
    }

    /** A media item; {@code owner} as for albums. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class MediaItem {
        String id;
        String owner;
        String filename;
        String mimeType;
        String description;
        Instant creationTime;
        long width;
        long height;
        String cameraMake;
        String cameraModel;
        boolean video;
        boolean favorite;
        boolean archived;
        List<String> categories = new ArrayList<>();
        String contentKey;
        long size;
        String sha256;
    }

    /** Bytes uploaded and waiting for batchCreate. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Upload {
        String token;
        String clientId;
        String contentKey;
        long size;
        String mimeType;
        String filename;
        Instant expires;
    }

    /** A resumable upload in progress. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class ResumableUpload {
        String id;
        String clientId;
        long rawSize;
        String mimeType;
        String filename;
        String contentKey;
        long received;
        String status = "active";
        String uploadToken;
    }

    /** A short-lived download address of one item. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class BaseUrl {
        String opaque;
        String itemId;
        Instant expires;
        boolean picker;
        String clientId;
    }

    /** A Picker session. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class PickerSession {
        String id;
        String clientId;
        Instant created;
        Instant expires;
        long maxItems;
        List<String> picked = new ArrayList<>();
        boolean mediaItemsSet;
    }

    final MediaFiles mediaFiles;
    final Map<String, Client> clients = new LinkedHashMap<>();
    final Map<String, Grant> grants = new LinkedHashMap<>();
    final Map<String, AccessToken> accessTokens = new LinkedHashMap<>();
    final Map<String, Album> albums = new LinkedHashMap<>();
    final Map<String, MediaItem> items = new LinkedHashMap<>();
    final Map<String, Upload> uploads = new LinkedHashMap<>();
    final Map<String, ResumableUpload> resumable = new LinkedHashMap<>();
    final Map<String, BaseUrl> baseUrls = new LinkedHashMap<>();
    final Map<String, PickerSession> sessions = new LinkedHashMap<>();

    /** The serialized form, for {@code --state DIR}. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Document {
        List<Client> clients = new ArrayList<>();
        List<Grant> grants = new ArrayList<>();
        List<Album> albums = new ArrayList<>();
        List<MediaItem> items = new ArrayList<>();
        List<Upload> uploads = new ArrayList<>();
        List<ResumableUpload> resumable = new ArrayList<>();
        List<PickerSession> sessions = new ArrayList<>();
    }

    EmulatorState(MediaFiles mediaFiles) {
        this.mediaFiles = mediaFiles;
    }

    void clear() {
        clients.clear();
        grants.clear();
        accessTokens.clear();
        albums.clear();
        items.clear();
        uploads.clear();
        resumable.clear();
        baseUrls.clear();
        sessions.clear();
    }

    /** Writes the state (not access tokens or base URLs, which are short-lived anyway) to {@code file}. */
    void save(Path file) throws IOException {
        Document d = new Document();
        d.clients.addAll(clients.values());
        d.grants.addAll(grants.values());
        d.albums.addAll(albums.values());
        d.items.addAll(items.values());
        d.uploads.addAll(uploads.values());
        d.resumable.addAll(resumable.values());
        d.sessions.addAll(sessions.values());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), d);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void load(Path file) throws IOException {
        Document d = JSON.readValue(file.toFile(), Document.class);
        clear();
        d.clients.forEach(c -> clients.put(c.id, c));
        d.grants.forEach(g -> grants.put(g.refreshToken, g));
        d.albums.forEach(a -> albums.put(a.id, a));
        d.items.forEach(i -> items.put(i.id, i));
        d.uploads.forEach(u -> uploads.put(u.token, u));
        d.resumable.forEach(r -> resumable.put(r.id, r));
        d.sessions.forEach(s -> sessions.put(s.id, s));
    }
}
