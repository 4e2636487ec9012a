package dev.photovault.vault.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps the master keys under a passphrase: Argon2id derives a key-encryption key (KEK) from the passphrase and a
 * random 16-byte salt; AES-256-GCM seals the 72-byte master key with the associated data
 * {@code "photovault key v1"}. A 16-byte check value, the first half of HMAC-SHA256(KEK,
 * {@code "photovault passphrase check v1"}), tells a wrong passphrase (the check differs) from a damaged key (the
 * check matches but the sealed key fails authentication).
 */
public final class KeyWrapper {

    private static final byte[] AAD = "photovault key v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_LABEL = "photovault passphrase check v1".getBytes(StandardCharsets.US_ASCII);
    public static final int CHECK_BYTES = 16;

    /**
     * A wrapped master key as stored in {@code keys/<id>}.
     *
     * @param kdf   the Argon2id cost used for this key
     * @param salt  the Argon2id salt
     * @param data  {@code nonce ‖ AES-256-GCM(master key) ‖ tag}
     * @param check the passphrase check value, or null in keys written before it existed
     */
    public record Wrapped(KdfParams kdf, byte[] salt, byte[] data, byte[] check) {
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
            return new Wrapped(kdf, salt, Aead.seal(kek, AAD, encoded), checkValue(kek));
        } finally {
            ThreadCiphers.current().forget(kek);
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /**
     * The master keys, or empty when the passphrase does not open this key.
     *
     * @param what names the key in the error message
     * @throws IntegrityException when the passphrase is right but the wrapped key is damaged
     */
    public static Optional<MasterKeys> unwrap(Wrapped wrapped, char[] passphrase, String what) {
        byte[] kek = PassphraseKdf.derive(passphrase, wrapped.salt(), wrapped.kdf());
        try {
            if (wrapped.check() != null && !MessageDigest.isEqual(checkValue(kek), wrapped.check())) {
                return Optional.empty();
            }
            try {
                return Optional.of(MasterKeys.decode(Aead.open(kek, AAD, wrapped.data(), what)));
            } catch (IntegrityException e) {
                if (wrapped.check() == null) {
                    return Optional.empty(); // an old key: a wrong passphrase and damage look alike
                }
                throw new IntegrityException(what + " is damaged: the passphrase is right but the key it wraps"
                        + " fails authentication; open the repository with another key, or restore this key file"
                        + " from a copy");
            }
        } finally {
            ThreadCiphers.current().forget(kek);
            Arrays.fill(kek, (byte) 0);
        }
    }

    private static byte[] checkValue(byte[] kek) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(kek, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(CHECK_LABEL), CHECK_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this Java runtime", e);
        }
    }
}
