package dev.photovault.vault.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Wraps the master keys under a passphrase: Argon2id derives a key-encryption key from the passphrase and a
 * random 16-byte salt; AES-256-GCM seals the 72-byte master key with the associated data
 * {@code "photovault key v1"}.
 */
public final class KeyWrapper {

    private static final byte[] AAD = "photovault key v1".getBytes(StandardCharsets.US_ASCII);

    /**
     * A wrapped master key as stored in {@code keys/<id>}.
     *
     * @param kdf  the Argon2id cost used for this key
     * @param salt the Argon2id salt
     * @param data {@code nonce ‖ AES-256-GCM(master key) ‖ tag}
     */
    public record Wrapped(KdfParams kdf, byte[] salt, byte[] data) {
        @Override
        public String toString() {
            return "Wrapped[" + kdf + "]";
        }
    }

    private KeyWrapper() {
    }

    public static Wrapped wrap(MasterKeys keys, char[] passphrase, KdfParams kdf) {
        byte[] salt = Aead.randomBytes(16);
        byte[] kek = PassphraseKdf.derive(passphrase, salt, kdf);
        byte[] encoded = keys.encode();
        try {
            return new Wrapped(kdf, salt, Aead.seal(kek, AAD, encoded));
        } finally {
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** The master keys, or empty when the passphrase does not open this key. */
    public static Optional<MasterKeys> unwrap(Wrapped wrapped, char[] passphrase) {
        byte[] kek = PassphraseKdf.derive(passphrase, wrapped.salt(), wrapped.kdf());
        try {
            return Optional.of(MasterKeys.decode(Aead.open(kek, AAD, wrapped.data(), "key")));
        } catch (IntegrityException wrongPassphrase) {
            return Optional.empty();
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }
}
