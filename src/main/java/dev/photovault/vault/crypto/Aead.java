package dev.photovault.vault.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce: {@code nonce ‖ ciphertext ‖ 128-bit tag}. Random nonces are safe
 * for far more messages (2^32 per key) than a photo library produces.
 */
public final class Aead {

    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    /** What sealing adds to a plaintext's length. */
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Aead() {
    }

    public static byte[] seal(byte[] key, byte[] aad, byte[] data, int off, int len) {
        byte[] out = new byte[NONCE_BYTES + len + TAG_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            cipher.doFinal(data, off, len, out, NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this Java runtime", e);
        }
    }

    public static byte[] seal(byte[] key, byte[] aad, byte[] data) {
        return seal(key, aad, data, 0, data.length);
    }

    /**
     * Decrypts and authenticates {@code sealed}.
     *
     * @throws IntegrityException naming {@code what} when the bytes are not what was sealed with this key and aad
     */
    public static byte[] open(byte[] key, byte[] aad, byte[] sealed, String what) {
        if (sealed.length < OVERHEAD) {
            throw new IntegrityException(what + " is truncated (" + sealed.length + " bytes)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IntegrityException(what + " failed authentication: it is corrupted or was not written by this repository");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this Java runtime", e);
        }
    }

    /** Fills a new array with cryptographically strong random bytes. */
    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
