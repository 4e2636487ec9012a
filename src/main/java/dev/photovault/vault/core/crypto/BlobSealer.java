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
        HOLD("photovault hold v1");

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

    @Override
    public String toString() {
        return "BlobSealer[keys redacted]";
    }
}
