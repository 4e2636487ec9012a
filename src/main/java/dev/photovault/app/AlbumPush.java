package dev.photovault.app;

import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.googlephotos.api.PhotosApiException;
import dev.photovault.googlephotos.api.QuotaExhaustedException;
import dev.photovault.googlephotos.api.ReauthorizationRequiredException;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.Digests;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.Workers;
import dev.photovault.vault.core.archiver.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a folder of album folders into Google Photos (the direction of TrueNAS cloud sync and rclone): each child
 * folder of the root is an album, created by photovault when missing so that it stays writable by the app; its
 * photos and videos (in it and below it) are uploaded into it.
 * <ul>
 *   <li>COPY uploads what was not uploaded yet. Files are known by their content's SHA-256, so a renamed file, or
 *   one moved to another album folder, is never uploaded again (it is added to the other album). What was
 *   uploaded is remembered in the local cache per account and folder, and rebuilt from the albums' listings
 *   (matching file names) when that state is lost.</li>
 *   <li>MOVE also deletes each local file once its item exists in its album (after its batchCreate succeeded).</li>
 *   <li>SYNC also removes from each album the items whose files were deleted locally. The API cannot delete media:
 *   those items stay in the library, and the result lists them.</li>
 * </ul>
 * A dry run reads (albums, their items) and says what would happen; it sends no write request and saves nothing.
 * A spent daily quota stops the run with the state saved; the next run continues where it stopped.
 */
public final class AlbumPush {

    /** What happens to local files and album items besides uploading. */
    public enum Mode { COPY, MOVE, SYNC }

    public static final String ROOT_FILE = "can't upload files here — put them in a folder named after their album";

    private static final Logger LOG = LoggerFactory.getLogger(AlbumPush.class);
    private static final int BATCH = 50;
    /** Uploads in flight at once. */
    private static final int UPLOADS = 4;
    private static final HexFormat HEX = HexFormat.of();

    /**
     * What a push did, or in a dry run would do.
     *
     * @param uploaded       files uploaded (items created)
     * @param addedToAlbums  items already uploaded that were added to another album (a file renamed or moved)
     * @param alreadyThere   files whose item was already in its album
     * @param albumsCreated  albums created
     * @param deleted        local files deleted (MOVE)
     * @param removed        items removed from albums (SYNC), as {@code album/file name}
     * @param refused        files refused, each with why (directly in the root; not a photo or video; a link)
     * @param failures       files that could not be pushed, with why (the next run tries them again)
     * @param rebuilt        items found again in the albums' listings because the state was lost
     * @param stoppedBecause why the run stopped early (a spent daily quota), or null
     * @param plan           in a dry run: one line per write it would make
     */
    public record Result(int uploaded, int addedToAlbums, int alreadyThere, int albumsCreated, int deleted,
            List<String> removed, List<String> refused, List<String> failures, int rebuilt, String stoppedBecause,
            List<String> plan) {

        public boolean complete() {
            return failures.isEmpty() && refused.isEmpty() && stoppedBecause == null;
        }
    }

    /** What is remembered between runs (per account and root folder). */
    static final class State {
        public String root;
        /** Album title → album id. */
        public Map<String, String> albums = new TreeMap<>();
        /** Content SHA-256 → the item photovault created for it. */
        public Map<String, Item> items = new TreeMap<>();
        /** Relative path → what its content hash was, to hash only changed files. */
        public Map<String, Seen> files = new TreeMap<>();
    }

    /** An uploaded item: its id, the albums it is in, the file it came from. */
    static final class Item {
        public String id;
        public String name;
        public TreeSet<String> albums = new TreeSet<>();
    }

    /** A local file's size, modification time and content hash when last hashed. */
    record Seen(long size, long mtime, String sha256) {
    }

    /** A photo or video in an album folder. */
    private record Local(String album, String path, Path file, String sha256) {
        String name() {
            return file.getFileName().toString();
        }
    }

    private final GooglePhotosClient client;
    private final Path root;
    private final Mode mode;
    private final boolean dryRun;
    private final Path stateFile;
    private State state;
    private final List<String> plan = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int uploaded;
    private int added;
    private int already;
    private int created;
    private int deleted;
    private int rebuilt;
    private final List<String> removed = new ArrayList<>();
    private final ExecutorService uploads = Workers.pool(
            "photovault-push-upload", UPLOADS);

    private AlbumPush(GooglePhotosClient client, Path root, Mode mode, boolean dryRun, Path stateFile) {
        this.client = client;
        this.root = root;
        this.mode = mode;
        this.dryRun = dryRun;
        this.stateFile = stateFile;
    }

    /**
     * @param stateDir where the state is kept; the file is named after the account and the root folder
     * @param account  a one-way name of the account ({@link GooglePhotosRestore#accountKey})
     */
    public static Result push(GooglePhotosClient client, Path root, Mode mode, boolean dryRun, Path stateDir,
            String account) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new VaultException("no folder " + dir + " to push");
        }
        Path real = dir.toRealPath();
        String key = Digests.sha256Hex(real.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        return new AlbumPush(client, real, mode, dryRun, stateDir.resolve("push-" + account + "-" + key + ".json"))
                .run();
    }

    private Result run() throws IOException {
        try {
            return runWithPool();
        } finally {
            uploads.shutdownNow();
        }
    }

    private Result runWithPool() throws IOException {
        state = load();
        List<String> refused = new ArrayList<>();
        Map<String, List<Local>> byAlbum = scan(refused);
        if (mode == Mode.SYNC && byAlbum.isEmpty() && !state.items.isEmpty()) {
            throw new VaultException(root + " holds no album folder: refusing to sync (it would empty every album"
                    + " photovault pushed); is the disk mounted?");
        }
        String stopped = null;
        try {
            Map<String, String> albumIds = albums(byAlbum.keySet());
            for (Map.Entry<String, List<Local>> album : byAlbum.entrySet()) {
                pushAlbum(album.getKey(), albumIds.get(album.getKey()), album.getValue());
            }
            if (mode == Mode.SYNC) {
                sync(byAlbum, albumIds);
            }
        } catch (QuotaExhaustedException q) {
            stopped = q.getMessage();
        } finally {
            save();
        }
        return new Result(uploaded, added, already, created, deleted, List.copyOf(removed), refused,
                List.copyOf(failures), rebuilt, stopped, List.copyOf(plan));
    }

    // ---- the local side -----------------------------------------------------------------------------------

    /** Album folder → its photos and videos (sorted), hashing only files that changed since the last run. */
    private Map<String, List<Local>> scan(List<String> refused) throws IOException {
        Map<String, List<Local>> byAlbum = new TreeMap<>();
        Map<String, Seen> seen = new TreeMap<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            List<Path> sorted = new ArrayList<>();
            children.forEach(sorted::add);
            sorted.sort(null);
            for (Path child : sorted) {
                String name = child.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isSymbolicLink(child)) {
                    refused.add(name + ": a link; photovault does not follow links");
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    List<Local> files = new ArrayList<>();
                    collect(name, child, files, seen, refused);
                    byAlbum.put(name, files);
                } else {
                    refused.add(name + ": " + ROOT_FILE);
                }
            }
        }
        state.files = seen;
        return byAlbum;
    }

    private void collect(String album, Path folder, List<Local> out, Map<String, Seen> seen, List<String> refused)
            throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.sorted().toList();
        }
        for (Path p : paths) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (p.equals(folder) || hidden(folder.relativize(p))) {
                continue;
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                refused.add(rel + ": a link; photovault does not follow links");
            } else if (a.isRegularFile()) {
                if (MediaTypes.guess(p.getFileName().toString()) == null) {
                    refused.add(rel + ": not a photo or video Google Photos takes");
                    continue;
                }
                Seen before = state.files.get(rel);
                long mtime = a.lastModifiedTime().toMillis();
                String hash = before != null && before.size() == a.size() && before.mtime() == mtime
                        ? before.sha256() : hash(p);
                seen.put(rel, new Seen(a.size(), mtime, hash));
                out.add(new Local(album, rel, p, hash));
            }
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    // ---- albums -------------------------------------------------------------------------------------------

    /**
     * The album id for every local album folder: remembered, found by title among the app's albums, or created
     * (not in a dry run). An album found while the state had no record of it is listed once, to find again the
     * items pushed before the state was lost.
     */
    private Map<String, String> albums(Iterable<String> titles) throws IOException {
        Map<String, String> ids = new HashMap<>();
        Map<String, Album> listed = null;
        for (String title : titles) {
            String id = state.albums.get(title);
            if (id == null) {
                if (listed == null) {
                    listed = new HashMap<>();
                    for (Iterator<Album> it = client.listAlbums(); it.hasNext();) {
                        Album a = it.next();
                        listed.putIfAbsent(a.title(), a);
                    }
                }
                Album found = listed.get(title);
                if (found != null) {
                    id = found.id();
                    relearn(title, id);
                } else if (dryRun) {
                    plan.add("would create album " + title);
                } else {
                    id = client.createAlbum(title).id();
                    created++;
                }
                if (id != null) {
                    state.albums.put(title, id);
                    save();
                }
            }
            ids.put(title, id);
        }
        return ids;
    }

    /** Records the items of an album found again, matching local files of that album folder by name. */
    private void relearn(String title, String albumId) throws IOException {
        Map<String, MediaItem> byName = new HashMap<>();
        for (Iterator<MediaItem> it = client.listAlbumItems(albumId); it.hasNext();) {
            MediaItem m = it.next();
            byName.putIfAbsent(m.filename(), m);
        }
        for (Map.Entry<String, Seen> f : state.files.entrySet()) {
            String path = f.getKey();
            if (!path.startsWith(title + "/")) {
                continue;
            }
            MediaItem m = byName.get(path.substring(path.lastIndexOf('/') + 1));
            if (m != null) {
                Item item = state.items.computeIfAbsent(f.getValue().sha256(), h -> new Item());
                if (item.id == null) {
                    item.id = m.id();
                    item.name = m.filename();
                    rebuilt++;
                }
                item.albums.add(title);
            }
        }
    }

    // ---- pushing ------------------------------------------------------------------------------------------

    private void pushAlbum(String title, String albumId, List<Local> files) throws IOException {
        List<Local> pending = new ArrayList<>();
        Map<String, Local> queued = new HashMap<>();
        List<Local> toAdd = new ArrayList<>();
        java.util.Set<String> adding = new java.util.HashSet<>();
        List<Local> done = new ArrayList<>();
        for (Local f : files) {
            Item item = state.items.get(f.sha256());
            if (item != null && item.id != null) {
                if (item.albums.contains(title)) {
                    already++;
                    done.add(f);
                } else if (adding.add(f.sha256())) {
                    toAdd.add(f);
                } else {
                    already++;
                    done.add(f);
                }
                continue;
            }
            if (queued.containsKey(f.sha256())) {
                already++; // the same content twice in one album: one item
                done.add(f);
                continue;
            }
            queued.put(f.sha256(), f);
            if (dryRun) {
                plan.add("would upload " + f.path() + " into album " + title);
            } else {
                pending.add(f);
            }
        }
        // Uploads run UPLOADS at a time (each is one request, bound by latency), then one batchCreate per 50.
        for (int i = 0; i < pending.size(); i += BATCH) {
            List<Local> batch = pending.subList(i, Math.min(pending.size(), i + BATCH));
            List<Local> uploaded = new ArrayList<>();
            List<GooglePhotosClient.NewItem> tokens = new ArrayList<>();
            List<Future<String>> results = new ArrayList<>();
            for (Local f : batch) {
                results.add(uploads.submit(() -> upload(f)));
            }
            RuntimeException stop = null;
            for (int k = 0; k < batch.size(); k++) {
                Local f = batch.get(k);
                try {
                    String token = Workers.await(results.get(k), "push");
                    uploaded.add(f);
                    tokens.add(new GooglePhotosClient.NewItem(token, f.name(), ""));
                } catch (QuotaExhaustedException | ReauthorizationRequiredException e) {
                    stop = stop == null ? e : stop;
                } catch (PhotosApiException | IOException e) {
                    failures.add(f.path() + ": " + e.getMessage());
                }
            }
            if (stop != null) {
                throw stop; // the tokens of this batch are not created: the next run uploads them again
            }
            create(title, albumId, uploaded, tokens, done);
        }
        addExisting(title, albumId, toAdd, done);
        if (mode == Mode.MOVE) {
            for (Local f : done) {
                if (dryRun) {
                    plan.add("would delete " + f.path() + " (it is in album " + title + ")");
                } else {
                    Files.deleteIfExists(f.file());
                    state.files.remove(f.path());
                    deleted++;
                }
            }
            if (dryRun) {
                queued.values().forEach(f -> plan.add("would delete " + f.path() + " once uploaded"));
            }
        }
    }

    private String upload(Local f) throws IOException {
        try (InputStream in = Files.newInputStream(f.file())) {
            return client.upload(in, Files.size(f.file()), MediaTypes.guess(f.name()), f.name());
        }
    }

    /** batchCreate of the uploaded files into their album; remembers each created item. */
    private void create(String title, String albumId, List<Local> pending, List<GooglePhotosClient.NewItem> tokens,
            List<Local> done) throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        List<GooglePhotosClient.Created> results = client.createMediaItems(albumId, tokens);
        for (int i = 0; i < pending.size(); i++) {
            GooglePhotosClient.Created c = results.get(i);
            Local f = pending.get(i);
            if (c.code() == 0 && c.item() != null) {
                Item item = new Item();
                item.id = c.item().id();
                item.name = f.name();
                item.albums.add(title);
                state.items.put(f.sha256(), item);
                uploaded++;
                done.add(f);
            } else {
                failures.add(f.path() + ": Google refused it: " + c.message());
            }
        }
        save();
        pending.clear();
        tokens.clear();
    }

    /** Adds items uploaded earlier (a file renamed, or moved into this album folder) to this album. */
    private void addExisting(String title, String albumId, List<Local> files, List<Local> done) throws IOException {
        for (int i = 0; i < files.size(); i += BATCH) {
            List<Local> batch = files.subList(i, Math.min(files.size(), i + BATCH));
            if (dryRun) {
                batch.forEach(f -> plan.add("would add " + f.path() + " to album " + title + " (uploaded before:"
                        + " not uploaded again)"));
                continue;
            }
            try {
                client.addToAlbum(albumId, batch.stream().map(f -> state.items.get(f.sha256()).id).toList());
            } catch (QuotaExhaustedException | ReauthorizationRequiredException stop) {
                throw stop;
            } catch (PhotosApiException e) {
                batch.forEach(f -> failures.add(f.path() + ": could not be added to album " + title + ": "
                        + e.getMessage()));
                continue;
            }
            for (Local f : batch) {
                state.items.get(f.sha256()).albums.add(title);
                added++;
                done.add(f);
            }
            save();
        }
    }

    /** SYNC: removes from each album the items photovault put there whose files are gone from its folder. */
    private void sync(Map<String, List<Local>> byAlbum, Map<String, String> albumIds) throws IOException {
        Map<String, List<Map.Entry<String, Item>>> gone = new LinkedHashMap<>();
        for (Map.Entry<String, Item> e : state.items.entrySet()) {
            for (String title : e.getValue().albums) {
                List<Local> files = byAlbum.getOrDefault(title, List.of());
                if (files.stream().noneMatch(f -> f.sha256().equals(e.getKey()))) {
                    gone.computeIfAbsent(title, t -> new ArrayList<>()).add(e);
                }
            }
        }
        for (Map.Entry<String, List<Map.Entry<String, Item>>> album : gone.entrySet()) {
            String title = album.getKey();
            String albumId = albumIds.getOrDefault(title, state.albums.get(title));
            List<Map.Entry<String, Item>> items = album.getValue();
            for (int i = 0; i < items.size(); i += BATCH) {
                List<Map.Entry<String, Item>> batch = items.subList(i, Math.min(items.size(), i + BATCH));
                if (dryRun) {
                    batch.forEach(e -> plan.add("would remove " + title + "/" + e.getValue().name + " from album "
                            + title + " (its file was deleted)"));
                    continue;
                }
                if (albumId != null) {
                    try {
                        client.removeFromAlbum(albumId, batch.stream().map(e -> e.getValue().id).toList());
                    } catch (QuotaExhaustedException | ReauthorizationRequiredException stop) {
                        throw stop;
                    } catch (PhotosApiException e) {
                        if (e.httpStatus() != 404) {
                            failures.add("album " + title + ": items could not be removed: " + e.getMessage());
                            continue;
                        }
                        // The album itself is gone: nothing left to remove from.
                    }
                }
                for (Map.Entry<String, Item> e : batch) {
                    e.getValue().albums.remove(title);
                    removed.add(title + "/" + e.getValue().name);
                }
                save();
            }
        }
        if (!dryRun) {
            state.albums.keySet().removeIf(t -> !byAlbum.containsKey(t));
        }
    }

    // ---- state --------------------------------------------------------------------------------------------

    private State load() {
        if (Files.isRegularFile(stateFile)) {
            try {
                State s = VaultJson.MAPPER.readValue(stateFile.toFile(), State.class);
                if (s != null && root.toString().equals(s.root)) {
                    return s;
                }
            } catch (IOException e) {
                LOG.warn("the push state {} cannot be read ({}); finding the albums' items again", stateFile,
                        e.getMessage());
            }
        }
        State s = new State();
        s.root = root.toString();
        return s;
    }

    private void save() throws IOException {
        if (dryRun) {
            return;
        }
        VaultJson.writeFile(stateFile, state);
    }

    private static String hash(Path file) throws IOException {
        MessageDigest sha = Digests.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HEX.formatHex(sha.digest());
    }
}
