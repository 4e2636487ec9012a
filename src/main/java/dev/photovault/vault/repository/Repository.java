package dev.photovault.vault.repository;

import dev.photovault.vault.VaultException;
import dev.photovault.vault.VaultJson;
import dev.photovault.vault.chunker.ChunkerParams;
import dev.photovault.vault.chunker.FastCdc;
import dev.photovault.vault.crypto.Aead;
import dev.photovault.vault.crypto.BlobSealer;
import dev.photovault.vault.crypto.ChunkSealer;
import dev.photovault.vault.crypto.IntegrityException;
import dev.photovault.vault.crypto.KdfParams;
import dev.photovault.vault.crypto.KeyWrapper;
import dev.photovault.vault.crypto.MasterKeys;
import dev.photovault.vault.crypto.WrongPassphraseException;
import dev.photovault.vault.snapshot.Snapshot;
import dev.photovault.vault.snapshot.SnapshotCodec;
import dev.photovault.vault.snapshot.SnapshotRef;
import dev.photovault.vault.store.ObjectInfo;
import dev.photovault.vault.store.ObjectStore;
import java.io.IOException;
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

/**
 * An open repository: its config, its master keys, and the typed reads and writes of its objects. Knows the
 * layout ({@code config}, {@code keys/}, {@code chunks/}, {@code index/}, {@code snapshots/}, {@code locks/});
 * knows nothing of where the objects come from. Thread-safe.
 */
public final class Repository {

    public static final int FORMAT_VERSION = 1;

    private static final HexFormat HEX = HexFormat.of();

    private final ObjectStore store;
    private final RepositoryConfig config;
    private final MasterKeys keys;
    private final String keyId;
    private final ChunkSealer chunkSealer;
    private final BlobSealer blobSealer;

    private Repository(ObjectStore store, RepositoryConfig config, MasterKeys keys, String keyId) {
        this.store = store;
        this.config = config;
        this.keys = keys;
        this.keyId = keyId;
        this.chunkSealer = new ChunkSealer(keys);
        this.blobSealer = new BlobSealer(keys);
    }

    /** Creates a repository with fresh random master keys, wrapped by {@code passphrase}. */
    public static Repository init(ObjectStore store, char[] passphrase, KdfParams kdf, ChunkerParams chunker)
            throws IOException {
        if (store.exists("config")) {
            throw new VaultException("a repository already exists at " + store.location());
        }
        RepositoryConfig config = new RepositoryConfig(FORMAT_VERSION, HEX.formatHex(Aead.randomBytes(16)),
                Instant.now(), chunker);
        MasterKeys keys = MasterKeys.generate();
        // The key first: a config without a key would be a repository nobody can open.
        String keyId = writeKey(store, keys, passphrase, kdf);
        if (!store.putIfAbsent("config", VaultJson.MAPPER.writeValueAsBytes(config))) {
            store.delete("keys/" + keyId);
            throw new VaultException("a repository already exists at " + store.location());
        }
        store.flush();
        return new Repository(store, config, keys, keyId);
    }

    /**
     * Opens a repository with any of its keys.
     *
     * @throws RepositoryNotFoundException if there is no {@code config}
     * @throws WrongPassphraseException    if no key opens with {@code passphrase}
     */
    public static Repository open(ObjectStore store, char[] passphrase) throws IOException {
        RepositoryConfig config = readConfig(store);
        for (ObjectInfo info : store.list("keys/")) {
            KeyFile file = readKeyFile(store, info.key());
            Optional<MasterKeys> keys = KeyWrapper.unwrap(wrapped(file), passphrase);
            if (keys.isPresent()) {
                return new Repository(store, config, keys.get(), idFromKey(info.key()));
            }
        }
        throw new WrongPassphraseException(store.location());
    }

    /** The config alone, readable without a passphrase. */
    public static RepositoryConfig readConfig(ObjectStore store) throws IOException {
        if (!store.exists("config")) {
            throw new RepositoryNotFoundException(store.location());
        }
        RepositoryConfig config = VaultJson.MAPPER.readValue(store.get("config"), RepositoryConfig.class);
        if (config.version() > FORMAT_VERSION) {
            throw new VaultException("repository format " + config.version() + " at " + store.location()
                    + " is newer than this photovault understands (" + FORMAT_VERSION + "): upgrade photovault");
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
        return new FastCdc(config.chunker(), keys.chunkerSeed());
    }

    public ChunkSealer chunkSealer() {
        return chunkSealer;
    }

    BlobSealer blobSealer() {
        return blobSealer;
    }

    // ---- chunks -------------------------------------------------------------------------------------------

    public static String chunkKey(String id) {
        return "chunks/" + id.substring(0, 2) + "/" + id;
    }

    /** Whether the chunk object exists (says nothing of its health). */
    public boolean hasChunk(String id) throws IOException {
        return store.exists(chunkKey(id));
    }

    /** Stores a sealed chunk. @return false if the repository already had it */
    public boolean putChunk(String id, byte[] sealed) throws IOException {
        return store.putIfAbsent(chunkKey(id), sealed);
    }

    /**
     * The plaintext of a chunk, authenticated and checked against its id.
     *
     * @throws IntegrityException if the chunk is damaged
     * @throws dev.photovault.vault.store.ObjectNotFoundException if it is missing
     */
    public byte[] readChunk(String id) throws IOException {
        return chunkSealer.open(id, store.get(chunkKey(id)));
    }

    // ---- index --------------------------------------------------------------------------------------------

    /** Reads every index delta into one index. */
    public ChunkIndex loadIndex() throws IOException {
        ChunkIndex index = new ChunkIndex();
        for (ObjectInfo info : store.list("index/")) {
            readIndex(info.key(), index::add);
        }
        return index;
    }

    /** Reads one index delta, handing each chunk id and size to {@code sink}. */
    public void readIndex(String key, java.util.function.ObjIntConsumer<String> sink) throws IOException {
        byte[] plain = blobSealer.open(BlobSealer.Kind.INDEX, store.get(key), key);
        IndexCodec.decode(plain, sink);
    }

    /** Keys of every index delta. */
    public List<String> indexKeys() throws IOException {
        return store.list("index/").stream().map(ObjectInfo::key).toList();
    }

    /** Writes an index delta naming chunks that are already stored. @return its key */
    public String writeIndex(Map<String, Integer> chunks) throws IOException {
        return putSealed("index/", blobSealer.seal(BlobSealer.Kind.INDEX, IndexCodec.encode(chunks)));
    }

    // ---- snapshots ----------------------------------------------------------------------------------------

    /** Writes a snapshot; everything it references must already be stored and indexed. @return its id */
    public String saveSnapshot(Snapshot snapshot) throws IOException {
        store.flush();
        String key = putSealed("snapshots/", blobSealer.seal(BlobSealer.Kind.SNAPSHOT, SnapshotCodec.encode(snapshot)));
        store.flush();
        return key.substring("snapshots/".length());
    }

    public Snapshot loadSnapshot(String id) throws IOException {
        return SnapshotCodec.decode(openSnapshot(id));
    }

    private byte[] openSnapshot(String id) throws IOException {
        return blobSealer.open(BlobSealer.Kind.SNAPSHOT, store.get("snapshots/" + id), "snapshot " + id);
    }

    /** Every snapshot, oldest first. */
    public List<SnapshotRef> listSnapshots() throws IOException {
        List<SnapshotRef> refs = new ArrayList<>();
        for (ObjectInfo info : store.list("snapshots/")) {
            String id = info.key().substring("snapshots/".length());
            refs.add(new SnapshotRef(id, SnapshotCodec.decodeHeader(openSnapshot(id))));
        }
        refs.sort(Comparator.comparing((SnapshotRef r) -> r.header().time()).thenComparing(SnapshotRef::id));
        return refs;
    }

    /** Finds a snapshot by full id, unique id prefix, or {@code latest}. */
    public SnapshotRef resolveSnapshot(String ref) throws IOException {
        List<SnapshotRef> all = listSnapshots();
        if (ref.equals("latest")) {
            if (all.isEmpty()) {
                throw new VaultException("the repository has no snapshots yet");
            }
            return all.get(all.size() - 1);
        }
        List<SnapshotRef> matches = all.stream().filter(s -> s.id().startsWith(ref)).toList();
        if (matches.isEmpty()) {
            throw new VaultException("no snapshot " + ref + ": 'photovault snapshots' lists them");
        }
        if (matches.size() > 1) {
            throw new VaultException("snapshot id " + ref + " is ambiguous (" + matches.size()
                    + " snapshots start with it): give more characters");
        }
        return matches.get(0);
    }

    public void deleteSnapshot(String id) throws IOException {
        store.delete("snapshots/" + id);
    }

    // ---- keys ---------------------------------------------------------------------------------------------

    /** Adds a key that opens this repository with another passphrase. @return its id */
    public String addKey(char[] passphrase, KdfParams kdf) throws IOException {
        return writeKey(store, keys, passphrase, kdf);
    }

    public List<KeyInfo> listKeys() throws IOException {
        List<KeyInfo> out = new ArrayList<>();
        for (ObjectInfo info : store.list("keys/")) {
            KeyFile file = readKeyFile(store, info.key());
            String id = idFromKey(info.key());
            out.add(new KeyInfo(id, id.equals(keyId), file.created(), file.hostname(), file.username()));
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
        store.delete("keys/" + key.id());
        return key.id();
    }

    /** Replaces the key in use by one with a new passphrase. @return the new key's id */
    public String changePassphrase(char[] newPassphrase, KdfParams kdf) throws IOException {
        String added = addKey(newPassphrase, kdf);
        store.flush();
        store.delete("keys/" + keyId);
        return added;
    }

    private static String writeKey(ObjectStore store, MasterKeys keys, char[] passphrase, KdfParams kdf)
            throws IOException {
        KeyWrapper.Wrapped wrapped = KeyWrapper.wrap(keys, passphrase, kdf);
        Base64.Encoder b64 = Base64.getEncoder();
        KeyFile file = new KeyFile(1, Instant.now(), Hosts.hostname(), Hosts.username(),
                new KeyFile.Kdf("argon2id", kdf.memoryKiB(), kdf.iterations(), kdf.parallelism(),
                        b64.encodeToString(wrapped.salt())),
                b64.encodeToString(wrapped.data()));
        byte[] bytes = VaultJson.MAPPER.writeValueAsBytes(file);
        String id = sha256Hex(bytes);
        store.putIfAbsent("keys/" + id, bytes);
        return id;
    }

    private static KeyFile readKeyFile(ObjectStore store, String key) throws IOException {
        KeyFile file = VaultJson.MAPPER.readValue(store.get(key), KeyFile.class);
        if (file.kdf() == null || !"argon2id".equals(file.kdf().algorithm())) {
            throw new VaultException(key + " uses an unknown key derivation; upgrade photovault");
        }
        return file;
    }

    private static KeyWrapper.Wrapped wrapped(KeyFile file) {
        Base64.Decoder b64 = Base64.getDecoder();
        return new KeyWrapper.Wrapped(
                new KdfParams(file.kdf().memoryKiB(), file.kdf().iterations(), file.kdf().parallelism()),
                b64.decode(file.kdf().salt()), b64.decode(file.data()));
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
