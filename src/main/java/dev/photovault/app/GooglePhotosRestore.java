package dev.photovault.app;

import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.PhotosApiException;
import dev.photovault.googlephotos.api.QuotaExhaustedException;
import dev.photovault.vault.core.Digests;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.restorer.ExifEmbedder;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a snapshot into a Google Photos account: recreates each album as an app-created album (with a prefix),
 * uploads each item (raw or resumable by size), creates the items 50 at a time with their descriptions, and adds
 * each to every album it was in. The API cannot set an item's date or place, so a JPEG whose taken time or place
 * came from outside the file (a Takeout sidecar) is uploaded with them written into its EXIF
 * ({@link ExifEmbedder}); the vault keeps the original bytes.
 * <p>
 * Resumable and idempotent: what was created is remembered per account and snapshot in the local cache
 * ({@code google-photos-restore-<account>-<snapshot>.json}), written after every batch, so an interrupted restore
 * continues without duplicating items (and Google itself answers an upload of identical bytes with the item it
 * has). A per-item refusal is reported and skipped; a spent daily quota stops the run, which the next run
 * continues.
 */
public final class GooglePhotosRestore {

    private static final Logger LOG = LoggerFactory.getLogger(GooglePhotosRestore.class);
    private static final int BATCH = 50;

    /**
     * How a restore runs.
     *
     * @param albumPrefix   put before every album title ("Restored " → "Restored Summer")
     * @param include       which entry paths to restore
     * @param dryRun        say what would be created and uploaded; send no write request
     * @param embedMetadata write the snapshot's taken time and place into uploaded JPEGs' EXIF
     * @param stateDir      where the resume state is kept (the repository's local cache folder)
     */
    public record Options(String albumPrefix, Predicate<String> include, boolean dryRun, boolean embedMetadata,
            Path stateDir) {
        public Options {
            albumPrefix = albumPrefix == null ? "" : albumPrefix;
            include = include == null ? p -> true : include;
        }
    }

    /**
     * What a restore did.
     *
     * @param uploaded       items created in this run
     * @param alreadyThere   items an earlier run created
     * @param albumsCreated  albums created in this run
     * @param albumsFound    albums that existed already (created by an earlier run, or of that title)
     * @param albumAdds      album memberships added in this run
     * @param embedded       uploaded JPEGs that got the snapshot's date or place written into their EXIF
     * @param failures       one line per item that could not be restored
     * @param stoppedBecause why the run stopped early (a spent daily quota), or null
     * @param wouldUpload    in a dry run: the entry paths that would be uploaded
     * @param wouldCreate    in a dry run: the album titles that would be created
     */
    public record Result(long uploaded, long alreadyThere, long albumsCreated, long albumsFound, long albumAdds,
            long embedded, List<String> failures, String stoppedBecause, List<String> wouldUpload,
            List<String> wouldCreate) {

        public boolean complete() {
            return failures.isEmpty() && stoppedBecause == null;
        }
    }

    /** What is remembered between runs. */
    static final class State {
        public String snapshot;
        public Map<String, String> albums = new TreeMap<>();
        public Map<String, String> items = new TreeMap<>();
        public Map<String, List<String>> added = new TreeMap<>();
    }

    private final Repository repository;
    private final GooglePhotosClient client;
    private final Options options;
    private final Path stateFile;
    private State state;

    private GooglePhotosRestore(Repository repository, GooglePhotosClient client, String account, String snapshotId,
            Options options) {
        this.repository = repository;
        this.client = client;
        this.options = options;
        this.stateFile = options.stateDir() == null ? null
                : options.stateDir().resolve("google-photos-restore-" + account + "-" + snapshotId + ".json");
    }

    /**
     * A stable, one-way name for the account a client uses (a hash of its addresses, client id and refresh
     * token): the resume state is kept per account without naming a secret.
     */
    public static String accountKey(String apiUrl, String clientId, String refreshToken) {
        return Digests.sha256Hex((apiUrl + "\n" + clientId + "\n" + refreshToken).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }

    public static Result restore(Repository repository, String snapshotId, Snapshot snapshot, GooglePhotosClient client,
            String account, Options options) throws IOException {
        return new GooglePhotosRestore(repository, client, account, snapshotId, options).run(snapshotId, snapshot);
    }

    private Result run(String snapshotId, Snapshot snapshot) throws IOException {
        state = load(snapshotId);
        List<Entry> entries = snapshot.entries().stream().filter(Entry::isFile)
                .filter(e -> options.include().test(e.path())).toList();
        TreeSet<String> titles = new TreeSet<>();
        entries.forEach(e -> e.albums().forEach(a -> titles.add(options.albumPrefix() + a)));
        long created = 0;
        long found = 0;
        List<String> failures = new ArrayList<>();
        if (options.dryRun()) {
            List<String> wouldCreate = new ArrayList<>();
            for (String t : titles) {
                if (state.albums.containsKey(t) || client.findAlbum(t) != null) {
                    found++;
                } else {
                    wouldCreate.add(t);
                }
            }
            List<String> wouldUpload = entries.stream().filter(e -> !state.items.containsKey(key(e)))
                    .map(Entry::path).toList();
            return new Result(0, entries.size() - wouldUpload.size(), 0, found, 0, 0, List.of(), null, wouldUpload,
                    wouldCreate);
        }
        long uploaded = 0;
        long embedded = 0;
        long adds = 0;
        String stopped = null;
        try {
            for (String t : titles) {
                if (state.albums.containsKey(t)) {
                    found++;
                    continue;
                }
                Album existing = client.findAlbum(t);
                Album album = existing != null ? existing : client.createAlbum(t);
                if (existing == null) {
                    created++;
                } else {
                    found++;
                }
                state.albums.put(t, album.id());
                save();
            }
            List<Entry> batch = new ArrayList<>();
            List<GooglePhotosClient.NewItem> tokens = new ArrayList<>();
            for (Entry e : entries) {
                if (state.items.containsKey(key(e))) {
                    continue;
                }
                try {
                    Upload u = upload(e);
                    embedded += u.embedded() ? 1 : 0;
                    batch.add(e);
                    tokens.add(new GooglePhotosClient.NewItem(u.token(), fileName(e), description(e)));
                } catch (QuotaExhaustedException q) {
                    throw q;
                } catch (PhotosApiException | IOException x) {
                    failures.add(e.path() + ": " + x.getMessage());
                    continue;
                }
                if (batch.size() == BATCH) {
                    uploaded += create(batch, tokens, failures);
                }
            }
            uploaded += create(batch, tokens, failures);
            for (String t : titles) {
                String album = options.albumPrefix().isEmpty() ? t : t.substring(options.albumPrefix().length());
                List<String> done = state.added.computeIfAbsent(t, k -> new ArrayList<>());
                List<String> keys = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (Entry e : entries) {
                    String id = state.items.get(key(e));
                    if (e.albums().contains(album) && id != null && !done.contains(key(e))) {
                        keys.add(key(e));
                        ids.add(id);
                    }
                }
                for (int i = 0; i < ids.size(); i += BATCH) {
                    int end = Math.min(ids.size(), i + BATCH);
                    client.addToAlbum(state.albums.get(t), ids.subList(i, end));
                    done.addAll(keys.subList(i, end));
                    adds += end - i;
                    save();
                }
            }
        } catch (QuotaExhaustedException q) {
            stopped = q.getMessage();
            save();
        }
        long already = entries.stream().filter(e -> state.items.containsKey(key(e))).count() - uploaded;
        return new Result(uploaded, already, created, found, adds, embedded, failures, stopped, List.of(), List.of());
    }

    private record Upload(String token, boolean embedded) {
    }

    private Upload upload(Entry e) throws IOException {
        boolean jpeg = e.media() != null && "image/jpeg".equals(e.media().mimeType())
                || e.path().toLowerCase(java.util.Locale.ROOT).matches(".*\\.jpe?g$");
        if (options.embedMetadata() && jpeg && ExifEmbedder.worthEmbedding(e.media())
                && e.size() <= ExifEmbedder.MAX_BYTES) {
            byte[] original;
            try (InputStream in = new EntryInputStream(repository, e)) {
                original = in.readAllBytes();
            }
            byte[] bytes;
            try {
                bytes = ExifEmbedder.embed(original, e.media());
            } catch (IOException x) {
                LOG.warn("{}: {}; uploading it as it is", e.path(), x.getMessage());
                bytes = original;
            }
            String token = client.upload(new ByteArrayInputStream(bytes), bytes.length, mime(e), fileName(e));
            return new Upload(token, bytes != original);
        }
        try (InputStream in = new EntryInputStream(repository, e)) {
            return new Upload(client.upload(in, e.size(), mime(e), fileName(e)), false);
        }
    }

    /** batchCreate of the pending items; remembers each one created. */
    private long create(List<Entry> batch, List<GooglePhotosClient.NewItem> tokens, List<String> failures)
            throws IOException {
        if (batch.isEmpty()) {
            return 0;
        }
        List<GooglePhotosClient.Created> results = client.createMediaItems(null, tokens);
        long ok = 0;
        for (int i = 0; i < batch.size(); i++) {
            GooglePhotosClient.Created c = results.get(i);
            if (c.code() == 0 && c.item() != null) {
                state.items.put(key(batch.get(i)), c.item().id());
                ok++;
            } else {
                failures.add(batch.get(i).path() + ": Google refused it: " + c.message());
            }
        }
        save();
        batch.clear();
        tokens.clear();
        return ok;
    }

    private static String key(Entry e) {
        return e.media() != null && e.media().sourceId() != null ? e.media().sourceId() : e.path();
    }

    private static String fileName(Entry e) {
        String name = e.path().substring(e.path().lastIndexOf('/') + 1);
        String original = e.media() == null ? null : e.media().filename();
        return original != null && !original.isBlank() && original.length() <= 255 && !original.contains("/")
                ? original : name;
    }

    private static String description(Entry e) {
        String d = e.media() == null ? null : e.media().description();
        return d == null ? "" : d.length() >= 1000 ? d.substring(0, 999) : d;
    }

    private static String mime(Entry e) {
        return e.media() != null && e.media().mimeType() != null ? e.media().mimeType() : "application/octet-stream";
    }

    private State load(String snapshotId) throws IOException {
        if (stateFile != null && Files.isRegularFile(stateFile)) {
            try {
                State s = VaultJson.MAPPER.readValue(stateFile.toFile(), State.class);
                if (snapshotId.equals(s.snapshot)) {
                    return s;
                }
            } catch (IOException e) {
                LOG.warn("the restore state {} cannot be read ({}); starting over (Google answers identical uploads"
                        + " with the items it has)", stateFile, e.getMessage());
            }
        }
        State s = new State();
        s.snapshot = snapshotId;
        return s;
    }

    private void save() throws IOException {
        if (stateFile == null || options.dryRun()) {
            return;
        }
        VaultJson.writeFile(stateFile, state);
    }
}
