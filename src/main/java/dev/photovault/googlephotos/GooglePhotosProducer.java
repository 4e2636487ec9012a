package dev.photovault.googlephotos;

import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.googlephotos.api.PhotosApiException;
import dev.photovault.googlephotos.api.PickerSession;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/** Runs one {@link GooglePhotosOperations operation} per exchange. */
public class GooglePhotosProducer extends DefaultProducer {

    /** Album ids by title, so that uploads into an album by title look it up (or create it) once. */
    private final Map<String, String> albumIds = new ConcurrentHashMap<>();

    public GooglePhotosProducer(GooglePhotosEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public GooglePhotosEndpoint getEndpoint() {
        return (GooglePhotosEndpoint) super.getEndpoint();
    }

    private GooglePhotosClient client() {
        return getEndpoint().getClient();
    }

    private GooglePhotosConfiguration config() {
        return getEndpoint().getConfiguration();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        GooglePhotosOperations operation = in.getHeader(GooglePhotosConstants.OPERATION, config().getOperation(),
                GooglePhotosOperations.class);
        if (operation == null) {
            throw new IllegalArgumentException("google-photos: no operation: set operation=… on the endpoint or the "
                    + GooglePhotosConstants.OPERATION + " header");
        }
        switch (operation) {
            case listAlbums -> {
                List<Album> albums = new ArrayList<>();
                client().listAlbums().forEachRemaining(albums::add);
                in.setBody(albums);
            }
            case createAlbum -> {
                String title = in.getHeader(GooglePhotosConstants.ALBUM_TITLE, config().getAlbumTitle(), String.class);
                if (title == null) {
                    title = in.getMandatoryBody(String.class);
                }
                Album album = client().createAlbum(title);
                in.setHeader(GooglePhotosConstants.ALBUM_ID, album.id());
                in.setHeader(GooglePhotosConstants.ALBUM_TITLE, album.title());
                in.setBody(album);
            }
            case listMediaItems -> {
                client().recheckQuotas();
                in.setBody(listMediaItems(in));
            }
            case getMediaItem -> getEndpoint().fill(in, client().getMediaItem(itemId(in)), null);
            case download -> {
                MediaItem item = client().getMediaItem(itemId(in));
                getEndpoint().fill(in, item, null);
                in.setBody(client().download(item));
            }
            case upload -> upload(exchange, in);
            case addToAlbum -> client().addToAlbum(albumId(in, false), itemIds(in));
            case removeFromAlbum -> client().removeFromAlbum(albumId(in, false), itemIds(in));
            case createPickerSession -> {
                PickerSession session = client().createPickerSession(in.getHeader("CamelGooglePhotosMaxItems", 2000L,
                        Long.class));
                in.setHeader(GooglePhotosConstants.PICKER_SESSION_ID, session.id());
                in.setHeader(GooglePhotosConstants.PICKER_URI, session.pickerUri());
                in.setBody(session);
            }
            case deletePickerSession -> client().deletePickerSession(sessionId(in));
            case getPickerSession -> in.setBody(client().getPickerSession(sessionId(in)));
            case listPickedItems -> {
                client().recheckQuotas();
                in.setBody(getEndpoint().toMessages(client().listPickedItems(sessionId(in)), null));
            }
            default -> throw new IllegalStateException("unhandled operation " + operation);
        }
    }

    private Iterator<Message> listMediaItems(Message in) {
        String id = in.getHeader(GooglePhotosConstants.ALBUM_ID, config().getAlbumId(), String.class);
        if (id == null && in.getHeader(GooglePhotosConstants.ALBUM_TITLE) instanceof java.util.Collection<?> list) {
            // A list of titles: each taken whole, so a title may contain commas.
            Set<String> titles = new LinkedHashSet<>();
            list.forEach(t -> titles.add(String.valueOf(t)));
            return getEndpoint().toListedMessages(new GooglePhotosConsumer.EveryAlbum(client(), false, titles));
        }
        String title = in.getHeader(GooglePhotosConstants.ALBUM_TITLE, config().getAlbumTitle(), String.class);
        if (id == null && title != null && title.contains(",")) {
            Set<String> titles = new LinkedHashSet<>();
            for (String t : title.split(",")) {
                if (!t.isBlank()) {
                    titles.add(t.trim());
                }
            }
            return getEndpoint().toListedMessages(new GooglePhotosConsumer.EveryAlbum(client(), false, titles));
        }
        if (id == null && title != null) {
            Album album = client().findAlbum(title);
            if (album == null) {
                throw new PhotosApiException("no album titled '" + title + "' was created by this app", 404, "NOT_FOUND");
            }
            return getEndpoint().toMessages(client().listAlbumItems(album.id()), album);
        }
        if (id != null) {
            Album album = client().getAlbum(id);
            return getEndpoint().toMessages(client().listAlbumItems(id), album);
        }
        return getEndpoint().toListedMessages(
                new GooglePhotosConsumer.EveryAlbum(client(), config().isIncludeItemsOutsideAlbums()));
    }

    private static String itemId(Message in) throws Exception {
        String id = in.getHeader(GooglePhotosConstants.MEDIA_ITEM_ID, String.class);
        return id != null ? id : in.getMandatoryBody(String.class);
    }

    private static List<String> itemIds(Message in) {
        String id = in.getHeader(GooglePhotosConstants.MEDIA_ITEM_ID, String.class);
        if (id != null) {
            return List.of(id);
        }
        Object body = in.getBody();
        if (body instanceof Collection<?> c) {
            List<String> ids = new ArrayList<>();
            c.forEach(o -> ids.add(String.valueOf(o)));
            return ids;
        }
        if (body instanceof String s) {
            return List.of(s);
        }
        throw new IllegalArgumentException("google-photos: give the media item id(s) in the "
                + GooglePhotosConstants.MEDIA_ITEM_ID + " header or as the body");
    }

    private String sessionId(Message in) {
        String id = in.getHeader(GooglePhotosConstants.PICKER_SESSION_ID, config().getSessionId(), String.class);
        if (id == null) {
            throw new IllegalArgumentException("google-photos: no Picker session: set sessionId=… or the "
                    + GooglePhotosConstants.PICKER_SESSION_ID + " header");
        }
        return id;
    }

    /** The album to write to: by id, else by title (created if {@code create} and missing), else null. */
    private String albumId(Message in, boolean create) {
        String id = in.getHeader(GooglePhotosConstants.ALBUM_ID, config().getAlbumId(), String.class);
        if (id != null) {
            return id;
        }
        String title = in.getHeader(GooglePhotosConstants.ALBUM_TITLE, config().getAlbumTitle(), String.class);
        if (title == null) {
            if (create) {
                return null;
            }
            throw new IllegalArgumentException("google-photos: no album: set albumId/albumTitle or the "
                    + GooglePhotosConstants.ALBUM_ID + " header");
        }
        return albumIds.computeIfAbsent(title, t -> {
            Album found = client().findAlbum(t);
            if (found != null) {
                return found.id();
            }
            if (!create) {
                throw new PhotosApiException("no album titled '" + t + "' was created by this app", 404, "NOT_FOUND");
            }
            return client().createAlbum(t).id();
        });
    }

    /** One item from the body, or (for a collection of files) many with creates batched by 50. */
    private void upload(Exchange exchange, Message in) throws Exception {
        String albumId = albumId(in, true);
        String description = in.getHeader(GooglePhotosConstants.DESCRIPTION, "", String.class);
        Object body = in.getBody();
        List<GooglePhotosClient.NewItem> news = new ArrayList<>();
        if (body instanceof Collection<?> files) {
            for (Object f : files) {
                Path path = f instanceof Path p ? p : exchange.getContext().getTypeConverter()
                        .mandatoryConvertTo(File.class, exchange, f).toPath();
                String name = path.getFileName().toString();
                try (InputStream content = Files.newInputStream(path)) {
                    news.add(new GooglePhotosClient.NewItem(client().upload(content, Files.size(path),
                            mimeType(null, name), name), name, description));
                }
            }
        } else {
            String name = fileName(in);
            String mime = mimeType(in.getHeader(GooglePhotosConstants.MIME_TYPE, String.class), name);
            long length = -1;
            InputStream content;
            if (body instanceof byte[] bytes) {
                content = new ByteArrayInputStream(bytes);
                length = bytes.length;
            } else {
                File file = exchange.getContext().getTypeConverter().tryConvertTo(File.class, exchange, body);
                if (file != null && file.isFile()) {
                    content = Files.newInputStream(file.toPath());
                    length = file.length();
                } else {
                    content = in.getMandatoryBody(InputStream.class);
                }
            }
            try (InputStream c = content) {
                news.add(new GooglePhotosClient.NewItem(client().upload(c, length, mime, name), name, description));
            }
        }
        List<GooglePhotosClient.Created> created = client().createMediaItems(albumId, news);
        List<MediaItem> items = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            GooglePhotosClient.Created c = created.get(i);
            if (c.item() != null) {
                items.add(c.item());
            } else {
                failed.add(news.get(i).fileName() + ": " + c.message());
            }
        }
        if (albumId != null) {
            in.setHeader(GooglePhotosConstants.ALBUM_ID, albumId);
        }
        if (!(body instanceof Collection<?>)) {
            if (items.isEmpty()) {
                throw new PhotosApiException("Google refused " + failed.get(0), 400, "INVALID_ARGUMENT");
            }
            getEndpoint().fill(in, items.get(0), null);
            in.setBody(items.get(0));
            return;
        }
        in.setHeader(GooglePhotosConstants.FAILED, failed);
        in.setBody(items);
    }

    private static String fileName(Message in) {
        String name = in.getHeader(GooglePhotosConstants.FILE_NAME, String.class);
        if (name == null) {
            name = in.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        }
        if (name == null) {
            name = in.getHeader(Exchange.FILE_NAME, String.class);
        }
        if (name == null) {
            throw new IllegalArgumentException("google-photos: upload needs a file name in the "
                    + GooglePhotosConstants.FILE_NAME + " or CamelFileName header");
        }
        return Path.of(name).getFileName().toString();
    }

    private static String mimeType(String given, String name) {
        if (given != null) {
            return given;
        }
        String guessed = java.net.URLConnection.guessContentTypeFromName(name);
        if (guessed == null) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            guessed = lower.endsWith(".heic") ? "image/heic" : lower.endsWith(".mp4") ? "video/mp4"
                    : lower.endsWith(".mov") ? "video/quicktime" : lower.endsWith(".webp") ? "image/webp"
                    : "application/octet-stream";
        }
        return guessed;
    }
}
