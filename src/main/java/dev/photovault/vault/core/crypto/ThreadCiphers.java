package dev.photovault.vault.core.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * One thread's AES ciphers, kept between chunks. Looking a cipher up ({@code Cipher.getInstance}) and expanding
 * its key cost more than sealing a 1 KiB chunk; a kept cipher skips both (the JDK's AES keeps the schedule of the
 * last key it was given). A cipher is still initialised for every message, with that message's nonce, so no state
 * but the key schedule carries over. Not shared between threads: each thread has its own (a {@link ThreadLocal}).
 */
final class ThreadCiphers {

    private static final ThreadLocal<ThreadCiphers> CURRENT = ThreadLocal.withInitial(ThreadCiphers::new);

    private final Slot seal = new Slot("AES/GCM/NoPadding");
    private final Slot reseal = new Slot("AES/GCM/NoPadding");
    private final Slot ctr = new Slot("AES/CTR/NoPadding");

    private ThreadCiphers() {
    }

    static ThreadCiphers current() {
        return CURRENT.get();
    }

    /** GCM for sealing new data (random nonces). */
    Cipher seal(byte[] key, AlgorithmParameterSpec params) throws GeneralSecurityException {
        return seal.init(Cipher.ENCRYPT_MODE, key, params);
    }

    /** GCM for recomputing a stored tag: the same key and nonce again, kept apart from {@link #seal}. */
    Cipher reseal(byte[] key, AlgorithmParameterSpec params) throws GeneralSecurityException {
        return reseal.init(Cipher.ENCRYPT_MODE, key, params);
    }

    /** CTR for recovering a plaintext. */
    Cipher ctr(byte[] key, AlgorithmParameterSpec params) throws GeneralSecurityException {
        return ctr.init(Cipher.DECRYPT_MODE, key, params);
    }

    /**
     * Drops this thread's ciphers that hold {@code key}: for a key used once and then wiped by its owner (a
     * passphrase's key-encryption key), which must not live on in a kept cipher.
     */
    void forget(byte[] key) {
        seal.forget(key);
        reseal.forget(key);
        ctr.forget(key);
    }

    /** Whether any of this thread's ciphers holds {@code key} (for tests). */
    boolean holds(byte[] key) {
        return seal.holds(key) || reseal.holds(key) || ctr.holds(key);
    }

    private static final class Slot {
        private final String transformation;
        private Cipher cipher;
        private byte[] keyBytes;
        private SecretKeySpec spec;

        Slot(String transformation) {
            this.transformation = transformation;
        }

        Cipher init(int mode, byte[] key, AlgorithmParameterSpec params) throws GeneralSecurityException {
            if (!holds(key)) {
                spec = new SecretKeySpec(key, "AES");
                keyBytes = key.clone();
            }
            if (cipher == null) {
                cipher = Cipher.getInstance(transformation);
            }
            try {
                cipher.init(mode, spec, params);
            } catch (InvalidAlgorithmParameterException sameNonce) {
                // GCM refuses to encrypt twice in a row under one key and nonce on one object; re-sealing the same
                // chunk twice (a file that repeats a piece) does exactly that, on purpose. A new object has no
                // memory of the last nonce; a real parameter error fails again here and propagates.
                cipher = Cipher.getInstance(transformation);
                cipher.init(mode, spec, params);
            }
            return cipher;
        }

        boolean holds(byte[] key) {
            return MessageDigest.isEqual(keyBytes, key); // false while this slot holds no key
        }

        void forget(byte[] key) {
            if (holds(key)) {
                java.util.Arrays.fill(keyBytes, (byte) 0);
                keyBytes = null;
                spec = null;
                cipher = null; // its key schedule goes with it
            }
        }
    }
}
