package dev.photovault.vault.core.repository;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.chunker.FastCdc;
import dev.photovault.vault.core.crypto.Aead;
import dev.photovault.vault.core.crypto.BlobSealer;
import dev.photovault.vault.core.crypto.ChunkSealer;
import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.crypto.KdfParams;
import dev.photovault.vault.core.crypto.KeyWrapper;
import dev.photovault.vault.core.crypto.MasterKeys;
import dev.photovault.vault.core.crypto.WrongPassphraseException;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotCodec;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectStore;
import dev.photovault.vault.core.snapshot.Entry;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import dev.photovault.vault.core.crypto.ConfigAuthenticator;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open repository: its config, its master keys, and the typed reads and writes of its objects. Knows the
 * layout ({@code config}, {@code keys/}, {@code chunks/}, {@code index/}, {@code snapshots/}, {@code locks/});
 * knows nothing of where the objects come from. Thread-safe.
 */
public final class Repository {

    /** The newest format this photovault reads and the one {@code init} writes: 2 packs small chunks (§5). */
    public static final int FORMAT_VERSION = 2;
    /** Chunks whose plaintext is smaller than this go into packs in a version-2 repository. */
    public static final int PACK_BELOW = 512 << 10;

    static final int CACHED_MANIFESTS = 4;
    static final String CONFIG = "config";
    static final String KEYS = "keys/";
    static final String CHUNKS = "chunks/";
    static final String INDEX = "index/";
    static final String SNAPSHOTS = "snapshots/";
    static final String PACKS = "packs/";

    private static final HexFormat HEX = HexFormat.of();
    private static final Logger LOG = LoggerFactory.getLogger(Repository.class);

    private final ObjectStore store;
    private final RepositoryConfig config;
    private final MasterKeys keys;
    private final String keyId;
    private final ChunkSealer chunkSealer;
    private final BlobSealer blobSealer;
    private final Map<String, SnapshotHeader> headers = new ConcurrentHashMap<>();
    /** The last {@link #CACHED_MANIFESTS} manifests read, least recently used first. */
    private final Map<String, SoftReference<View>> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SoftReference<View>> eldest) {
            return size() > CACHED_MANIFESTS;
        }
    };
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /** Chunks this session wrote with a lock, until the index delta naming them records it (epoch seconds). */
    private final Map<String, Long> writtenLocks = new ConcurrentHashMap<>();
    private volatile List<DamagedObject> damaged;
    /** Where packed chunks are: read from the index deltas (all of them, once, when first needed) and written here. */
    private final Map<String, PackRef> locations = new ConcurrentHashMap<>();
    private volatile boolean locationsLoaded;
    private volatile long locationsLoadedAt;
    private PackWriter packWriter;
    /** The locks this process holds on the repository, verified before anything is committed. */
    private final Set<RepositoryLock> locks = ConcurrentHashMap.newKeySet();

    private Repository(ObjectStore store, RepositoryConfig config, MasterKeys keys, String keyId) {
        this.store = store;
        this.config = config;
        this.keys = keys;
        this.keyId = keyId;
        this.chunkSealer = keys == null ? ChunkSealer.plaintext() : new ChunkSealer(keys);
        this.blobSealer = keys == null ? BlobSealer.plaintext() : new BlobSealer(keys);
    }

    /**
     * Creates an unencrypted repository: no key, chunks named by their SHA-256, blobs in the clear. Only a
     * plaintext portable archive is written this way; {@link #open} accepts such a config from nothing else.
     */
    public static Repository initPlaintext(ObjectStore store, ChunkerParams chunker) throws IOException {
        if (store.exists(CONFIG)) {
            throw new VaultException("a repository already exists at " + store.location());
        }
        RepositoryConfig config = new RepositoryConfig(1, HEX.formatHex(Aead.randomBytes(16)),
                Instant.now(), chunker, null, RepositoryConfig.PLAINTEXT);
        store.putIfAbsent(CONFIG, VaultJson.MAPPER.writeValueAsBytes(config));
        return new Repository(store, config, null, null);
    }

    /** Whether this is a plaintext archive (no key: anyone holding the file reads it). */
    public boolean plaintext() {
        return keys == null;
    }

    /**
     * Creates a repository with fresh random master keys, wrapped by {@code passphrase}. All or nothing: the key
     * is written first and the authenticated config last, so a killed {@code init} leaves only key files; the next
     * {@code init} on that store removes them (they open nothing) and starts again.
     */
    public static Repository init(ObjectStore store, char[] passphrase, KdfParams kdf, ChunkerParams chunker)
            throws IOException {
        return init(store, passphrase, kdf, chunker, FORMAT_VERSION);
    }

    /**
     * As {@link #init(ObjectStore, char[], KdfParams, ChunkerParams)} in an older format version: 1 (no packs) for
     * a portable archive, whose chunks are laid out by the archive itself.
     */
    public static Repository init(ObjectStore store, char[] passphrase, KdfParams kdf, ChunkerParams chunker,
            int version) throws IOException {
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IllegalArgumentException("format version " + version);
        }
        if (store.exists(CONFIG)) {
            throw new VaultException("a repository already exists at " + store.location());
        }
        undoInterruptedInit(store);
        RepositoryConfig unsigned = new RepositoryConfig(version, HEX.formatHex(Aead.randomBytes(16)),
                Instant.now(), chunker, null, null);
        MasterKeys keys = MasterKeys.generate();
        RepositoryConfig config = unsigned.withMac(new ConfigAuthenticator(keys).mac(unsigned.canonical()));
        // The key first: a config without a key would be a repository nobody can open.
        String keyId = writeKey(store, keys, passphrase, kdf);
        store.flush();
        if (!store.putIfAbsent(CONFIG, VaultJson.MAPPER.writeValueAsBytes(config))) {
            store.delete(KEYS + keyId);
            throw new VaultException("a repository already exists at " + store.location());
        }
        store.flush();
        return new Repository(store, config, keys, keyId);
    }

    /** Key files with no config are what a killed init leaves; anything more is a damaged repository. */
    private static void undoInterruptedInit(ObjectStore store) throws IOException {
        List<ObjectInfo> leftovers = store.list(KEYS);
        if (leftovers.isEmpty()) {
            return;
        }
        for (String prefix : List.of(CHUNKS, PACKS, INDEX, SNAPSHOTS)) {
            if (!store.list(prefix).isEmpty()) {
                throw new VaultException("the store at " + store.location() + " holds a repository's data but no"
                        + " config: it is damaged, not new; restore its config file from a copy (init refuses to"
                        + " touch it)");
            }
        }
        for (ObjectInfo key : leftovers) {
            store.delete(key.key());
        }
        LOG.info("removed {} key file(s) left at {} by an interrupted init", leftovers.size(), store.location());
    }

    /**
     * Opens a repository with any of its keys. Key files are untrusted: each is checked against its name and its
     * fields are bounded before any key derivation runs; the key that opens must also authenticate the config.
     *
     * @throws RepositoryNotFoundException if there is no {@code config}
     * @throws WrongPassphraseException    if no key opens with {@code passphrase}
     * @throws IntegrityException          if the passphrase is right but its key file or the config is damaged
     */
    public static Repository open(ObjectStore store, char[] passphrase) throws IOException {
        RepositoryConfig config = readConfig(store);
        if (config.plaintext()) {
            return new Repository(store, config, null, null);
        }
        List<String> unreadable = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        IntegrityException damagedKey = null;
        String configRejectedBy = null;
        List<ObjectInfo> keyObjects = store.list(KEYS);
        for (ObjectInfo info : keyObjects) {
            KeyFile file;
            try {
                file = readKeyFile(store, info.key());
            } catch (VaultException e) {
                unreadable.add(info.key());
                reasons.add(e.getMessage());
                continue;
            }
            Optional<MasterKeys> keys;
            try {
                keys = KeyWrapper.unwrap(wrapped(file), passphrase, info.key());
            } catch (IntegrityException e) {
                damagedKey = e;
                continue;
            }
            if (keys.isEmpty()) {
                continue;
            }
            if (config.mac() != null && !new ConfigAuthenticator(keys.get()).verify(config.canonical(), config.mac())) {
                configRejectedBy = info.key();
                continue;
            }
            return new Repository(store, config, keys.get(), idFromKey(info.key()));
        }
        if (configRejectedBy != null) {
            throw new IntegrityException("the config at " + store.location() + " fails authentication with "
                    + configRejectedBy + " (which the passphrase opens): the config was altered or damaged;"
                    + " restore it from a copy");
        }
        if (damagedKey != null) {
            throw damagedKey;
        }
        if (keyObjects.isEmpty()) {
            throw new VaultException("the repository at " + store.location() + " has no key files (keys/ is empty):"
                    + " without one it cannot be opened; restore keys/ from a copy");
        }
        if (unreadable.size() == keyObjects.size()) {
            throw new IntegrityException(String.join("; ", reasons) + " (no key of the repository at "
                    + store.location() + " could be tried with the passphrase; restore keys/ from a copy)");
        }
        reasons.forEach(r -> LOG.warn("{}", r));
        if (!unreadable.isEmpty()) {
            throw new WrongPassphraseException(store.location() + " (and " + String.join(", ", unreadable)
                    + (unreadable.size() == 1 ? " is" : " are") + " damaged, so could not be tried)");
        }
        throw new WrongPassphraseException(store.location());
    }

    /**
     * The config alone, readable without a passphrase, validated field by field (its MAC is checked by
     * {@link #open}).
     */
    public static RepositoryConfig readConfig(ObjectStore store) throws IOException {
        if (!store.exists(CONFIG)) {
            if (!store.list(KEYS).isEmpty()) {
                throw new RepositoryNotFoundException(store.location(), "an interrupted 'photovault init' left key"
                        + " files there: run init again to start over");
            }
            throw new RepositoryNotFoundException(store.location());
        }
        String what = "the config at " + store.location();
        RepositoryConfig config;
        try {
            config = VaultJson.MAPPER.readValue(store.get(CONFIG), RepositoryConfig.class);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ObjectNotFoundException missing) {
                throw missing;
            }
            throw new VaultException(what + " is not valid: " + VaultJson.reason(e));
        }
        if (config == null) {
            throw new VaultException(what + " is not valid: it is empty");
        }
        if (config.version() > FORMAT_VERSION) {
            throw new VaultException("repository format " + config.version() + " at " + store.location()
                    + " is newer than this photovault understands (" + FORMAT_VERSION + "): upgrade photovault");
        }
        String bad = config.version() < 1 ? "version " + config.version()
                : config.id() == null || !config.id().matches("[0-9a-f]{32}") ? "id"
                : config.created() == null ? "created"
                : config.chunker() == null ? "chunker"
                : config.mac() != null && !config.mac().matches("[0-9a-f]{64}") ? "mac" : null;
        if (bad != null) {
            throw new VaultException(what + " is not valid: its " + bad + " field is missing or malformed");
        }
        if (config.plaintext()) {
            if (!RepositoryConfig.PLAINTEXT.equals(config.encryption()) || config.mac() != null) {
                throw new VaultException(what + " names an encryption this photovault does not know ("
                        + config.encryption() + "): upgrade photovault");
            }
            if (!(store instanceof dev.photovault.vault.core.archive.PortableArchive)) {
                // The config is plaintext: a changed one must never make backups write in the clear.
                throw new IntegrityException(what + " says the repository is unencrypted, which only a plaintext"
                        + " portable archive (.pva) may be: the config was altered; restore it from a copy");
            }
        }
        return config;
    }

    public ObjectStore store() {
        return store;
    }

    public RepositoryConfig config() {
        return config;
    }

    /** A chunker with this repository's parameters and secret seed. */
    public FastCdc chunker() {
        return new FastCdc(config.chunker(), keys == null ? 0 : keys.chunkerSeed());
    }

    public ChunkSealer chunkSealer() {
        return chunkSealer;
    }

    BlobSealer blobSealer() {
        return blobSealer;
    }

    /**
     * The name under which this machine's cache keeps something derived from {@code key} (e.g. the thumbnail of a
     * content hash): hex HMAC-SHA256 under the repository's MAC key of {@code purpose ‖ 0 ‖ key}, so a cache
     * file's name says nothing of the content to whoever has the disk but not the passphrase.
     */
    public String cacheName(String purpose, String key) {
        byte[] input = (purpose + "\0" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return chunkSealer.idOf(input, 0, input.length);
    }

    /** Seals a cache file's content under its {@link #cacheName}: encrypted and bound to that name. */
    public byte[] sealForCache(String name, byte[] plaintext) {
        return blobSealer.sealNamed(BlobSealer.Kind.CACHE, name, plaintext);
    }

    /** @throws IntegrityException when the cache file was altered, damaged or belongs under another name */
    public byte[] openFromCache(String name, byte[] sealed) {
        return blobSealer.openNamed(BlobSealer.Kind.CACHE, name, sealed, "cached file " + name);
    }

    /** Whether {@code passphrase} opens one of this repository's keys (costs one key derivation per key file). */
    public boolean opensWith(char[] passphrase) throws IOException {
        if (keys == null) {
            return true;
        }
        try {
            return open(store, passphrase).config().id().equals(config.id());
        } catch (dev.photovault.vault.core.crypto.WrongPassphraseException e) {
            return false;
        }
    }

    // ---- chunks -------------------------------------------------------------------------------------------

    public static String chunkKey(String id) {
        return CHUNKS + id.substring(0, 2) + "/" + id;
    }

    public static String packKey(String id) {
        return PACKS + id.substring(0, 2) + "/" + id;
    }

    /** Whether this repository puts small chunks into packs (format version 2 and encrypted). */
    public boolean packsChunks() {
        return keys != null && config.version() >= 2;
    }

    /** Whether a chunk of this many sealed bytes goes into a pack here. */
    public boolean packs(int sealedLength) {
        return packsChunks() && sealedLength - chunkSealer.overhead() < PACK_BELOW;
    }

    /**
     * Stores a sealed chunk unless it is there: a small one goes into the pack being filled (stored by the time
     * {@link #flushPacks()} returns, or sooner), a large one is its own object, checked for first (a crashed
     * backup or one beside us may have stored it; a small chunk is simply packed again, and prune removes the
     * copy no index names). In a store with Object Lock, locked for a period and a half (recorded by the next index
     * delta that names it). @return false if the repository already had it
     */
    public boolean putChunk(String id, byte[] sealed) throws IOException {
        if (packs(sealed.length)) {
            packWriter().add(id, sealed);
            return true;
        }
        if (store.exists(chunkKey(id))) {
            return false;
        }
        java.time.Duration period = store.lockPeriod();
        if (period == null) {
            return store.putIfAbsent(chunkKey(id), sealed);
        }
        Instant until = Instant.now().plus(period).plus(period.dividedBy(2));
        boolean written = store.putIfAbsent(chunkKey(id), sealed, until);
        if (written) {
            writtenLocks.put(id, until.getEpochSecond());
        }
        return written;
    }

    /**
     * The plaintext of a chunk, authenticated and checked against its id.
     *
     * @throws IntegrityException if the chunk is damaged
     * @throws dev.photovault.vault.core.store.ObjectNotFoundException if it is missing
     */
    public byte[] readChunk(String id) throws IOException {
        PackRef ref = locate(id);
        if (ref != null) {
            try {
                return readPacked(id, ref);
            } catch (ObjectNotFoundException gone) {
                // A prune elsewhere repacked it since this process read the index (a long-running UI): read again.
                synchronized (locations) {
                    loadIndex();
                }
                PackRef now = locations.get(id);
                if (now == null || now.equals(ref)) {
                    throw gone;
                }
                return readPacked(id, now);
            }
        }
        try {
            return chunkSealer.open(id, store.get(chunkKey(id)));
        } catch (ObjectNotFoundException missing) {
            // Another process may have packed it since this one read the index (a long-running UI).
            if (packsChunks() && reloadLocations() && (ref = locations.get(id)) != null) {
                return readPacked(id, ref);
            }
            throw missing;
        }
    }

    private byte[] readPacked(String id, PackRef ref) throws IOException {
        byte[] sealed = store.getRange(ref.key(), ref.offset(), ref.length());
        if (sealed.length != ref.length()) {
            throw new IntegrityException("chunk " + id + " in " + ref.describe() + ": the pack is truncated ("
                    + sealed.length + " of " + ref.length() + " bytes there)");
        }
        return chunkSealer.open(id, sealed);
    }

    /** Where a packed chunk is, or null for a chunk stored as its own object (or unknown). */
    public PackRef locate(String id) throws IOException {
        PackRef ref = locations.get(id);
        if (ref == null && packsChunks() && !locationsLoaded) {
            synchronized (locations) {
                if (!locationsLoaded) {
                    loadIndex();
                }
            }
            ref = locations.get(id);
        }
        return ref;
    }

    /** Reads the index again, at most every 5 seconds. @return whether it did */
    private boolean reloadLocations() throws IOException {
        synchronized (locations) {
            if (System.nanoTime() - locationsLoadedAt < 5_000_000_000L) {
                return false;
            }
            loadIndex();
            return true;
        }
    }

    /** The object that holds a chunk's bytes, for messages: its key, with the byte range when it is in a pack. */
    public String whereIs(String id) throws IOException {
        PackRef ref = locate(id);
        return ref == null ? chunkKey(id) : ref.describe();
    }

    /** The key of the object holding a chunk's bytes: its pack, or its own object. */
    public String objectOf(String id) throws IOException {
        PackRef ref = locate(id);
        return ref == null ? chunkKey(id) : ref.key();
    }

    /** Puts a sealed chunk into the pack being filled, whatever its size (prune's repacking of a pack). */
    public void repackChunk(String id, byte[] sealed) throws IOException {
        packWriter().add(id, sealed);
    }

    /** Writes the pack being filled, if any: every chunk {@link #putChunk} took is stored when this returns. */
    public void flushPacks() throws IOException {
        PackWriter writer;
        synchronized (this) {
            writer = packWriter;
        }
        if (writer != null) {
            writer.flush();
        }
    }

    private synchronized PackWriter packWriter() {
        if (packWriter == null) {
            packWriter = new PackWriter(store, blobSealer, (ids, refs, until) -> {
                for (int i = 0; i < ids.size(); i++) {
                    locations.put(ids.get(i), refs.get(i));
                    if (until > 0) {
                        writtenLocks.put(ids.get(i), until);
                    }
                }
            });
        }
        return packWriter;
    }

    /**
     * The chunks a pack holds, from its header (authenticated, and checked against {@code size}, the pack's
     * length as listed).
     *
     * @throws IntegrityException if the header is damaged
     */
    public List<PackedChunk> readPackHeader(String key, long size) throws IOException {
        return PackWriter.readHeader(store, blobSealer, key, size);
    }

    /**
     * The chunks of every pack whose id is not in {@code packs} (those no index names), from their headers; a pack
     * whose header is damaged is left out with one warning.
     */
    public List<PackedChunk> packedChunksOutside(Set<String> packs) throws IOException {
        return packedChunksOutside(store.list(PACKS), packs);
    }

    /** As {@link #packedChunksOutside(Set)}, among {@code listed} (a listing of {@code packs/} the caller has). */
    public List<PackedChunk> packedChunksOutside(List<ObjectInfo> listed, Set<String> packs) throws IOException {
        List<PackedChunk> out = new ArrayList<>();
        for (ObjectInfo info : listed) {
            String id = info.key().substring(info.key().lastIndexOf('/') + 1);
            if (packs.contains(id) || !isObjectId(id) || !info.key().equals(packKey(id))) {
                continue;
            }
            try {
                out.addAll(readPackHeader(info.key(), info.size()));
            } catch (IntegrityException e) {
                warnOnce(info.key(), e.getMessage() + ": its chunks cannot be found without an index naming them");
            } catch (ObjectNotFoundException gone) {
                // removed by a prune meanwhile
            }
        }
        return out;
    }

    /** Records where chunks are that no index names yet (read from their pack's header). */
    public void knowPacked(List<PackedChunk> chunks) {
        for (PackedChunk c : chunks) {
            locations.putIfAbsent(c.id(), c.ref());
        }
    }

    /**
     * Replaces what this process knows of packed chunks' places by {@code known} (a repair that rebuilt them from
     * the packs' headers), so that the next index delta names only those.
     */
    public void resetLocations(Map<String, PackRef> known) {
        synchronized (locations) {
            locations.clear();
            locations.putAll(known);
            locationsLoaded = true;
            locationsLoadedAt = System.nanoTime();
        }
    }

    // ---- index --------------------------------------------------------------------------------------------

    /**
     * Reads every index delta into one index. A damaged delta is left out with one warning: the chunks it named
     * are then looked up in the store again (and rewritten if missing), which costs time, never data.
     */
    public ChunkIndex loadIndex() throws IOException {
        ChunkIndex index = new ChunkIndex();
        long started = System.nanoTime();
        boolean damagedDelta = false;
        for (ObjectInfo info : store.list(INDEX)) {
            try {
                readIndex(info.key(), (id, size, until, where) -> {
                    index.add(id, size);
                    if (until > 0) {
                        index.lockedUntil(id, until);
                    }
                    if (where != null) {
                        locations.put(id, where);
                    }
                });
            } catch (VaultException | IOException e) {
                if (e instanceof ObjectNotFoundException) {
                    continue; // replaced by a prune or repair while we listed
                }
                warnOnce(info.key(), "index delta " + info.key() + " is damaged and ignored (" + e.getMessage()
                        + "): 'photovault repair index' rebuilds the index");
                damagedDelta = true;
            }
        }
        if (damagedDelta && packsChunks()) {
            // The chunks it named are looked up in the store: for packs, in the headers of those no index names.
            Set<String> named = new java.util.HashSet<>();
            locations.values().forEach(ref -> named.add(ref.pack()));
            for (PackedChunk c : packedChunksOutside(named)) {
                index.add(c.id(), c.ref().length() - chunkSealer.overhead());
                locations.putIfAbsent(c.id(), c.ref());
            }
        }
        locationsLoaded = true;
        locationsLoadedAt = started;
        return index;
    }

    /** Receives an index entry: the chunk's id, its plaintext size, and its place in a pack (null if none). */
    public interface IndexSink {
        void accept(String id, int size, PackRef where);
    }

    /** Reads one index delta, handing each entry to {@code sink}. @throws IntegrityException as below */
    public void readIndex(String key, IndexSink sink) throws IOException {
        readIndex(key, (id, size, until, where) -> sink.accept(id, size, where));
    }

    /**
     * Reads one index delta, handing each chunk id and size to {@code sink}.
     *
     * @throws IntegrityException if it does not match its name or fails authentication
     */
    public void readIndex(String key, java.util.function.ObjIntConsumer<String> sink) throws IOException {
        readIndex(key, (id, size, until, where) -> sink.accept(id, size));
    }

    private void readIndex(String key, IndexCodec.Sink sink) throws IOException {
        byte[] plain = blobSealer.open(BlobSealer.Kind.INDEX, readNamed(store, key, "index delta"), key);
        try {
            IndexCodec.decode(plain, sink);
        } catch (IOException | RuntimeException e) {
            throw new IntegrityException(key + " is malformed: " + VaultJson.reason(e));
        }
    }

    /** Keys of every index delta. */
    public List<String> indexKeys() throws IOException {
        return store.list(INDEX).stream().map(ObjectInfo::key).toList();
    }

    /**
     * Writes an index delta naming chunks that are already stored, with the locks this session gave them.
     * @return its key
     */
    public String writeIndex(Map<String, Integer> chunks) throws IOException {
        return writeIndex(chunks, Map.of());
    }

    /** As {@link #writeIndex(Map)}, also recording locks known otherwise (epoch seconds, by chunk id). */
    public String writeIndex(Map<String, Integer> chunks, Map<String, Long> lockedUntil) throws IOException {
        Map<String, Long> locks = new HashMap<>();
        Map<String, PackRef> where = new HashMap<>();
        for (String id : chunks.keySet()) {
            Long until = lockedUntil.containsKey(id) ? lockedUntil.get(id) : writtenLocks.get(id);
            if (until != null) {
                locks.put(id, until);
            }
            PackRef ref = locations.get(id);
            if (ref != null) {
                where.put(id, ref);
            }
        }
        String key = putSealed(INDEX, blobSealer.seal(BlobSealer.Kind.INDEX, IndexCodec.encode(chunks, locks, where)));
        chunks.keySet().forEach(writtenLocks::remove);
        return key;
    }

    // ---- snapshots ----------------------------------------------------------------------------------------

    /**
     * Writes a snapshot; everything it references must already be stored and indexed. In a store with Object Lock
     * the snapshot is locked for the period, and first every chunk it names is made to stay locked at least as
     * long (format.md §13), so that a locked snapshot is always whole. @return its id
     */
    public String saveSnapshot(Snapshot snapshot) throws IOException {
        store.flush();
        verifyLocks();
        Instant lockUntil = null;
        if (store.lockPeriod() != null) {
            lockUntil = Instant.now().plus(store.lockPeriod());
            extendChunkLocks(snapshot, lockUntil);
        }
        byte[] sealed = blobSealer.seal(BlobSealer.Kind.SNAPSHOT, SnapshotCodec.encode(snapshot));
        String key = SNAPSHOTS + sha256Hex(sealed);
        store.putIfAbsent(key, sealed, lockUntil);
        store.flush();
        String id = key.substring(SNAPSHOTS.length());
        headers.put(id, snapshot.header());
        return id;
    }

    /**
     * Extends the lock of each chunk {@code snapshot} names that the index does not know to be locked until
     * {@code until}, to a period and a half from now (so that the next few snapshots need no extension), and
     * records the new ends in an index delta.
     */
    private void extendChunkLocks(Snapshot snapshot, Instant until) throws IOException {
        ChunkIndex index = loadIndex();
        Set<String> short_ = new java.util.LinkedHashSet<>();
        for (Entry e : snapshot.entries()) {
            for (String c : e.chunks()) {
                if (index.lockedUntil(c) < until.getEpochSecond()) {
                    short_.add(c);
                }
            }
        }
        if (short_.isEmpty()) {
            return;
        }
        java.time.Duration period = store.lockPeriod();
        Instant extended = Instant.now().plus(period).plus(period.dividedBy(2));
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, Long> locks = new HashMap<>();
        java.util.concurrent.ExecutorService pool = dev.photovault.vault.core.Workers.pool("photovault-lock", 8);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            Set<String> objects = new java.util.HashSet<>();
            for (String c : short_) {
                String object = objectOf(c);
                if (objects.add(object)) {
                    done.add(pool.submit(() -> {
                        store.extendLock(object, extended);
                        return null;
                    }));
                }
                if (index.sizeOf(c) >= 0) {
                    sizes.put(c, index.sizeOf(c));
                    locks.put(c, extended.getEpochSecond());
                }
            }
            for (java.util.concurrent.Future<?> f : done) {
                dev.photovault.vault.core.Workers.await(f, "extending locks");
            }
        } finally {
            pool.shutdownNow();
        }
        writeIndex(sizes, locks);
        LOG.info("extended the Object Lock of {} chunks to {} (the new snapshot is locked until {})", short_.size(),
                extended, until);
    }

    void holding(RepositoryLock lock, boolean held) {
        if (held) {
            locks.add(lock);
        } else {
            locks.remove(lock);
        }
    }

    /**
     * Checks that every lock this process holds on the repository is still in force (RepositoryLock#verify), before
     * a snapshot is written or a prune deletes.
     */
    public void verifyLocks() throws IOException {
        for (RepositoryLock lock : locks) {
            lock.verify();
        }
    }

    /**
     * A whole snapshot, verified against its name and authenticated.
     *
     * @throws IntegrityException naming the snapshot if it is damaged
     */
    public Snapshot loadSnapshot(String id) throws IOException {
        return view(id).snapshot();
    }

    /**
     * The file or folder at {@code path} in a snapshot: a lookup in the cached manifest, so that reading N entries
     * one by one decodes the manifest once, not N times.
     */
    public Optional<Entry> entry(String snapshotId, String path) throws IOException {
        return Optional.ofNullable(view(snapshotId).byPath().get(path));
    }

    /**
     * A decoded manifest and its entries by path. Snapshots never change, so the last few are kept (softly: the
     * garbage collector may drop them when memory is short).
     */
    private static final class View {
        private final Snapshot snapshot;
        private volatile Map<String, Entry> byPath;

        View(Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        Snapshot snapshot() {
            return snapshot;
        }

        Map<String, Entry> byPath() {
            Map<String, Entry> map = byPath;
            if (map == null) {
                map = new HashMap<>(snapshot.entries().size() * 2);
                for (Entry e : snapshot.entries()) {
                    map.putIfAbsent(e.path(), e);
                }
                byPath = map;
            }
            return map;
        }
    }

    private View view(String id) throws IOException {
        synchronized (views) {
            SoftReference<View> cached = views.get(id);
            View view = cached == null ? null : cached.get();
            if (view != null) {
                return view;
            }
        }
        View view = new View(decodeSnapshot(id));
        synchronized (views) {
            views.put(id, new SoftReference<>(view));
        }
        return view;
    }

    private Snapshot decodeSnapshot(String id) throws IOException {
        byte[] plain = openSnapshot(id);
        try {
            return SnapshotCodec.decode(plain);
        } catch (IOException | RuntimeException e) {
            if (e instanceof VaultException v) {
                throw v;
            }
            throw new IntegrityException("snapshot " + id + " is malformed: " + VaultJson.reason(e));
        }
    }

    private byte[] openSnapshot(String id) throws IOException {
        String key = SNAPSHOTS + id;
        return blobSealer.open(BlobSealer.Kind.SNAPSHOT, readNamed(store, key, "snapshot"), "snapshot " + id);
    }

    /**
     * Every readable snapshot, oldest first. Headers are read once per id (a snapshot never changes). A damaged
     * snapshot, or a stray file in {@code snapshots/}, is left out and reported once, with the command that
     * removes it; {@link #damagedSnapshots()} lists them.
     */
    public List<SnapshotRef> listSnapshots() throws IOException {
        List<SnapshotRef> refs = new ArrayList<>();
        Map<String, DamagedObject> found = new LinkedHashMap<>();
        for (ObjectInfo info : store.list(SNAPSHOTS)) {
            String id = info.key().substring(SNAPSHOTS.length());
            if (!isObjectId(id)) {
                found.put(info.key(), new DamagedObject(info.key(), "not a snapshot name: a stray file"));
                continue;
            }
            SnapshotHeader header = headers.get(id);
            if (header == null) {
                try {
                    header = SnapshotCodec.decodeHeader(openSnapshot(id));
                } catch (ObjectNotFoundException forgottenMeanwhile) {
                    continue;
                } catch (VaultException | IOException e) {
                    found.put(info.key(), new DamagedObject(info.key(), e.getMessage()));
                    continue;
                }
                headers.put(id, header);
            }
            refs.add(new SnapshotRef(id, header));
        }
        damaged = List.copyOf(found.values());
        for (DamagedObject d : damaged) {
            warnOnce(d.key(), d.describe() + ": it is left out; 'photovault repair snapshots' removes it");
        }
        refs.sort(Comparator.comparing((SnapshotRef r) -> r.header().time()).thenComparing(SnapshotRef::id));
        return refs;
    }

    /** The damaged snapshots and stray files the last {@link #listSnapshots()} left out. */
    public List<DamagedObject> damagedSnapshots() throws IOException {
        if (damaged == null) {
            listSnapshots();
        }
        return damaged;
    }

    /** Finds a snapshot by full id, unique id prefix, or {@code latest}. */
    public SnapshotRef resolveSnapshot(String ref) throws IOException {
        List<SnapshotRef> all = listSnapshots();
        if (ref.equals("latest")) {
            if (all.isEmpty()) {
                throw new VaultException("the repository has no snapshots yet"
                        + (damaged.isEmpty() ? "" : " that can be read (" + damaged.size() + " damaged)"));
            }
            return all.get(all.size() - 1);
        }
        List<SnapshotRef> matches = all.stream().filter(s -> s.id().startsWith(ref)).toList();
        if (matches.isEmpty()) {
            for (DamagedObject d : damaged) {
                if (d.key().startsWith(SNAPSHOTS + ref)) {
                    throw new VaultException(d.describe() + ": it cannot be read; 'photovault repair snapshots'"
                            + " removes it");
                }
            }
            throw new VaultException("no snapshot " + ref + ": 'photovault snapshots' lists them");
        }
        if (matches.size() > 1) {
            throw new VaultException("snapshot id " + ref + " is ambiguous (" + matches.size()
                    + " snapshots start with it): give more characters");
        }
        return matches.get(0);
    }

    public void deleteSnapshot(String id) throws IOException {
        store.delete(SNAPSHOTS + id);
        headers.remove(id);
        synchronized (views) {
            views.remove(id);
        }
    }

    // ---- holds --------------------------------------------------------------------------------------------

    static final String HOLDS = "holds/";

    /** Why and by whom a snapshot is held. */
    public record Hold(String snapshot, Instant time, String hostname, String username, String reason) {
    }

    /**
     * Puts a snapshot on hold: forget and prune keep it whatever the retention policy says, until it is released.
     * In a store with Object Lock its objects (the snapshot and every chunk it names) also get an S3 legal hold.
     */
    public void hold(String snapshotId, String reason) throws IOException {
        Snapshot snapshot = loadSnapshot(snapshotId);
        byte[] plain = VaultJson.MAPPER.writeValueAsBytes(new Hold(snapshotId, Instant.now(), Hosts.hostname(),
                Hosts.username(), reason == null || reason.isBlank() ? null : reason));
        store.putIfAbsent(HOLDS + snapshotId, blobSealer.seal(BlobSealer.Kind.HOLD, plain), null);
        if (store.lockPeriod() != null) {
            store.legalHold(SNAPSHOTS + snapshotId, true);
            Set<String> objects = new java.util.LinkedHashSet<>();
            for (String chunk : chunksOf(snapshot)) {
                objects.add(objectOf(chunk));
            }
            for (String object : objects) {
                store.legalHold(object, true);
            }
        }
    }

    /**
     * Releases a hold. S3 legal holds come off the snapshot and the chunks no other held snapshot names.
     * @return false if the snapshot was not held
     */
    public boolean release(String snapshotId) throws IOException {
        Map<String, Hold> holds = holds();
        if (!holds.containsKey(snapshotId)) {
            return false;
        }
        if (store.lockPeriod() != null) {
            Set<String> stillHeld = new java.util.HashSet<>();
            for (String other : holds.keySet()) {
                if (!other.equals(snapshotId)) {
                    for (String chunk : chunksOf(loadSnapshot(other))) {
                        stillHeld.add(objectOf(chunk)); // a pack stays held while any chunk in it is
                    }
                }
            }
            store.legalHold(SNAPSHOTS + snapshotId, false);
            Set<String> objects = new java.util.LinkedHashSet<>();
            for (String chunk : chunksOf(loadSnapshot(snapshotId))) {
                objects.add(objectOf(chunk));
            }
            for (String object : objects) {
                if (!stillHeld.contains(object)) {
                    store.legalHold(object, false);
                }
            }
        }
        store.delete(HOLDS + snapshotId);
        return true;
    }

    /**
     * Every hold, by snapshot id. A hold record that cannot be read still holds its snapshot (keeping too much is
     * the safe way to be wrong), with one warning.
     */
    public Map<String, Hold> holds() throws IOException {
        Map<String, Hold> out = new LinkedHashMap<>();
        for (ObjectInfo info : store.list(HOLDS)) {
            String id = info.key().substring(HOLDS.length());
            Hold hold;
            try {
                hold = VaultJson.MAPPER.readValue(blobSealer.open(BlobSealer.Kind.HOLD, store.get(info.key()),
                        info.key()), Hold.class);
                if (hold == null || !id.equals(hold.snapshot())) {
                    throw new IntegrityException(info.key() + " names another snapshot");
                }
            } catch (ObjectNotFoundException released) {
                continue;
            } catch (IOException | RuntimeException e) {
                warnOnce(info.key(), "hold " + info.key() + " cannot be read (" + e.getMessage() + "): the snapshot"
                        + " stays held; 'photovault hold " + id.substring(0, Math.min(8, id.length()))
                        + " --release' removes it");
                hold = new Hold(id, null, null, null, "unreadable hold record");
            }
            out.put(id, hold);
        }
        return out;
    }

    private static Set<String> chunksOf(Snapshot snapshot) {
        Set<String> chunks = new java.util.LinkedHashSet<>();
        snapshot.entries().forEach(e -> chunks.addAll(e.chunks()));
        return chunks;
    }

    // ---- keys ---------------------------------------------------------------------------------------------

    /** Adds a key that opens this repository with another passphrase. @return its id */
    public String addKey(char[] passphrase, KdfParams kdf) throws IOException {
        if (keys == null) {
            throw new VaultException(store.location() + " is a plaintext archive: it has no keys to add to");
        }
        return writeKey(store, keys, passphrase, kdf);
    }

    public List<KeyInfo> listKeys() throws IOException {
        List<KeyInfo> out = new ArrayList<>();
        for (ObjectInfo info : store.list(KEYS)) {
            String id = idFromKey(info.key());
            try {
                KeyFile file = readKeyFile(store, info.key());
                out.add(new KeyInfo(id, id.equals(keyId), file.created(), file.hostname(), file.username()));
            } catch (VaultException e) {
                warnOnce(info.key(), e.getMessage());
            }
        }
        return out;
    }

    /** The id of the key that opened this session. */
    public String keyId() {
        return keyId;
    }

    /** Removes a key by id or unique prefix. The key in use cannot be removed (it would lock the user out). */
    public String removeKey(String idOrPrefix) throws IOException {
        List<KeyInfo> matches = listKeys().stream().filter(k -> k.id().startsWith(idOrPrefix)).toList();
        if (matches.size() != 1) {
            throw new VaultException(matches.isEmpty() ? "no key " + idOrPrefix + ": 'photovault key list' lists them"
                    : "key id " + idOrPrefix + " is ambiguous: give more characters");
        }
        KeyInfo key = matches.get(0);
        if (key.current()) {
            throw new VaultException("key " + key.id().substring(0, 8)
                    + " is the one in use: open the repository with another key to remove it, or use 'key passwd'");
        }
        store.delete(KEYS + key.id());
        return key.id();
    }

    /** Replaces the key in use by one with a new passphrase. @return the new key's id */
    public String changePassphrase(char[] newPassphrase, KdfParams kdf) throws IOException {
        String added = addKey(newPassphrase, kdf);
        store.flush();
        try {
            store.delete(KEYS + keyId);
        } catch (dev.photovault.vault.core.store.ObjectLockedException locked) {
            LOG.warn("the old key {} stays until its Object Lock ends{}: until then the old passphrase still opens"
                    + " the repository; remove it then with 'photovault key remove {}'", keyId.substring(0, 8),
                    locked.until() == null ? "" : " (" + locked.until() + ")", keyId.substring(0, 8));
        }
        return added;
    }

    private static String writeKey(ObjectStore store, MasterKeys keys, char[] passphrase, KdfParams kdf)
            throws IOException {
        KeyWrapper.Wrapped wrapped = KeyWrapper.wrap(keys, passphrase, kdf);
        Base64.Encoder b64 = Base64.getEncoder();
        KeyFile file = new KeyFile(1, Instant.now(), Hosts.hostname(), Hosts.username(),
                new KeyFile.Kdf("argon2id", kdf.memoryKiB(), kdf.iterations(), kdf.parallelism(),
                        b64.encodeToString(wrapped.salt())),
                b64.encodeToString(wrapped.data()), b64.encodeToString(wrapped.check()));
        byte[] bytes = VaultJson.MAPPER.writeValueAsBytes(file);
        String id = sha256Hex(bytes);
        store.putIfAbsent(KEYS + id, bytes);
        return id;
    }

    /** A key file, checked against its name and field by field. @throws VaultException naming it */
    private static KeyFile readKeyFile(ObjectStore store, String key) throws IOException {
        byte[] bytes = readNamed(store, key, "key file");
        KeyFile file;
        try {
            file = VaultJson.MAPPER.readValue(bytes, KeyFile.class);
        } catch (IOException | RuntimeException e) {
            throw new VaultException(key + " is not a valid key file: " + VaultJson.reason(e));
        }
        if (file == null || file.kdf() == null || file.data() == null || file.kdf().salt() == null) {
            throw new VaultException(key + " is not a valid key file: fields are missing");
        }
        if (!"argon2id".equals(file.kdf().algorithm())) {
            throw new VaultException(key + " uses an unknown key derivation; upgrade photovault");
        }
        try {
            KdfParams.check(file.kdf().memoryKiB(), file.kdf().iterations(), file.kdf().parallelism());
        } catch (VaultException e) {
            throw new VaultException(key + " is not a usable key file: " + e.getMessage());
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            if (b64.decode(file.kdf().salt()).length != 16
                    || b64.decode(file.data()).length != Aead.OVERHEAD + MasterKeys.ENCODED_BYTES
                    || file.check() != null && b64.decode(file.check()).length != KeyWrapper.CHECK_BYTES) {
                throw new IllegalArgumentException("a field has the wrong length");
            }
        } catch (IllegalArgumentException e) {
            throw new VaultException(key + " is not a valid key file: " + e.getMessage());
        }
        return file;
    }

    private static KeyWrapper.Wrapped wrapped(KeyFile file) {
        Base64.Decoder b64 = Base64.getDecoder();
        return new KeyWrapper.Wrapped(
                new KdfParams((int) file.kdf().memoryKiB(), (int) file.kdf().iterations(),
                        (int) file.kdf().parallelism()),
                b64.decode(file.kdf().salt()), b64.decode(file.data()),
                file.check() == null ? null : b64.decode(file.check()));
    }

    private static String idFromKey(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Stores a sealed blob under {@code prefix + hex SHA-256(blob)}. @return the key */
    String putSealed(String prefix, byte[] sealed) throws IOException {
        String key = prefix + sha256Hex(sealed);
        store.putIfAbsent(key, sealed);
        return key;
    }

    /**
     * An object whose name is the SHA-256 of its bytes, checked on every read: a replaced or damaged object is
     * an integrity error naming it, never quietly someone else's content.
     */
    static byte[] readNamed(ObjectStore store, String key, String what) throws IOException {
        byte[] bytes = store.get(key);
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (!sha256Hex(bytes).equals(name)) {
            throw new IntegrityException(what + " " + key + " does not match its name: it was replaced or damaged");
        }
        return bytes;
    }

    /** Whether a name is a 64-hex-digit object id. */
    public static boolean isObjectId(String name) {
        return name.length() == 64 && name.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            LOG.warn("{}", message);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Repository[" + store.location() + ", id=" + config.id() + "]";
    }
}
