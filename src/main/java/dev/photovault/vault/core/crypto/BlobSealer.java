package dev.photovault.vault.core.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Seals the repository's structured files (index deltas, snapshots, locks) with AES-256-GCM. The associated
 * data is the file's kind, so that a sealed index can never be passed off as a snapshot. Thread-safe.
 */
public final class BlobSealer {

    /** What a sealed blob is; its label is the associated data. */
    public enum Kind {
        INDEX("photovault index v1"),
        SNAPSHOT("photovault snapshot v1"),
        LOCK("photovault lock v1"),
        HOLD("photovault hold v1"),
        /** A file of this machine's cache (a thumbnail): never in the repository, named by {@link #sealNamed}. */
        CACHE("photovault cache v1"),
        /** The header at the end of a pack: which chunks it holds, in order (format.md §5). */
        PACK("photovault pack v1");

        private final byte[] aad;

        Kind(String label) {
            this.aad = label.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final MasterKeys keys;

    public BlobSealer(MasterKeys keys) {
        this.keys = java.util.Objects.requireNonNull(keys, "keys");
    }

    private BlobSealer() {
        this.keys = null;
    }

    /** Blobs kept in the clear (a plaintext portable archive, whose objects are checked by their names). */
    public static BlobSealer plaintext() {
        return new BlobSealer();
    }

    public byte[] seal(Kind kind, byte[] plaintext) {
        return keys == null ? plaintext.clone() : Aead.seal(keys.encryptionKey(), kind.aad, plaintext);
    }

    /** @param what names the object in an error message, e.g. {@code "snapshot 1a2b3c4d"} */
    public byte[] open(Kind kind, byte[] sealed, String what) {
        return keys == null ? sealed : Aead.open(keys.encryptionKey(), kind.aad, sealed, what);
    }

    /**
     * Seals a blob stored under {@code name} outside the repository (this machine's cache): the associated data is
     * the kind and the name, so that one cached file cannot be passed off as another.
     */
    public byte[] sealNamed(Kind kind, String name, byte[] plaintext) {
        return keys == null ? plaintext.clone() : Aead.seal(keys.encryptionKey(), namedAad(kind, name), plaintext);
    }

    /** Opens what {@link #sealNamed} sealed under the same kind and name. */
    public byte[] openNamed(Kind kind, String name, byte[] sealed, String what) {
        return keys == null ? sealed : Aead.open(keys.encryptionKey(), namedAad(kind, name), sealed, what);
    }

    private static byte[] namedAad(Kind kind, String name) {
        byte[] label = name.getBytes(StandardCharsets.UTF_8);
        byte[] aad = java.util.Arrays.copyOf(kind.aad, kind.aad.length + 1 + label.length);
        System.arraycopy(label, 0, aad, kind.aad.length + 1, label.length);
        return aad;
    }

    @Override
    public String toString() {
        return "BlobSealer[keys redacted]";
    }
}
