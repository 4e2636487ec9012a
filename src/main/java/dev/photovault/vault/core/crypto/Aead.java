package dev.photovault.vault.core.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

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
    private static final int SLICE = 4096;

    private Aead() {
    }

    public static byte[] seal(byte[] key, byte[] aad, byte[] data, int off, int len) {
        byte[] out = new byte[NONCE_BYTES + len + TAG_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        try {
            Cipher cipher = ThreadCiphers.current().seal(key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            // Small slices: HotSpot only uses its AES-GCM intrinsics once the JDK's Java-level GCM methods are
            // compiled, which depends on how often they are called. Fed whole megabyte chunks, the first gigabyte
            // or so of a run goes through the slow path at ~60 MB/s; fed 4 KiB slices, only the first ~100 MB.
            slices(cipher, data, off, len, out, NONCE_BYTES, true);
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
     * <p>This is GCM decryption built from the JDK's own AES-CTR and AES-GCM: the plaintext is recovered with
     * CTR from counter block {@code nonce ‖ 00000002} (as GCM does for a 96-bit nonce), then sealed again with
     * GCM under the same key, nonce and associated data, which reproduces the ciphertext and so computes the tag
     * over it; the plaintext is returned only if that tag equals the stored one (compared in constant time).
     * Why not {@code Cipher.DECRYPT_MODE}: the JDK's GCM decryption buffers its whole input and processes it in
     * one call, so HotSpot compiles it with the AES/GHASH intrinsics only after about a gigabyte has been
     * decrypted at ~60 MB/s; fed in slices, both ciphers here reach full speed within the first hundred megabytes.
     *
     * @throws IntegrityException naming {@code what} when the bytes are not what was sealed with this key and aad
     */
    public static byte[] open(byte[] key, byte[] aad, byte[] sealed, String what) {
        if (sealed.length < OVERHEAD) {
            throw new IntegrityException(what + " is truncated (" + sealed.length + " bytes)");
        }
        int n = sealed.length - OVERHEAD;
        byte[] plain = new byte[n];
        try {
            ThreadCiphers ciphers = ThreadCiphers.current();
            byte[] counter = new byte[16];
            System.arraycopy(sealed, 0, counter, 0, NONCE_BYTES);
            counter[15] = 2;
            Cipher ctr = ciphers.ctr(key, new IvParameterSpec(counter));
            slices(ctr, sealed, NONCE_BYTES, n, plain, 0, true);

            Cipher gcm = ciphers.reseal(key, new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, NONCE_BYTES));
            gcm.updateAAD(aad);
            byte[] scratch = new byte[SLICE + TAG_BYTES];
            int last = slices(gcm, plain, 0, n, scratch, 0, false);
            if (!MessageDigest.isEqual(Arrays.copyOfRange(scratch, last - TAG_BYTES, last),
                    Arrays.copyOfRange(sealed, NONCE_BYTES + n, sealed.length))) {
                Arrays.fill(plain, (byte) 0);
                throw new IntegrityException(what
                        + " failed authentication: it is corrupted or was not written by this repository");
            }
            return plain;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this Java runtime", e);
        }
    }

    /**
     * Runs {@code n} bytes from {@code in[inOff]} through {@code cipher} in {@link #SLICE}-byte calls and finishes it.
     * Kept apart, and small, on purpose: HotSpot compiles this loop (with the AES and GHASH intrinsics inlined) in
     * milliseconds, where the same loops written inline in {@link #open} made one method that took C2 seconds to
     * compile, seconds in which every chunk went through the slow path (measured, docs/architecture.md).
     *
     * @param advance whether the output moves on with the input (else every slice overwrites {@code out[outOff]})
     * @return the bytes the final call wrote
     */
    private static int slices(Cipher cipher, byte[] in, int inOff, int n, byte[] out, int outOff, boolean advance)
            throws GeneralSecurityException {
        int pos = 0;
        int written = outOff;
        for (; n - pos > SLICE; pos += SLICE) {
            int w = cipher.update(in, inOff + pos, SLICE, out, written);
            if (advance) {
                written += w;
            }
        }
        return cipher.doFinal(in, inOff + pos, n - pos, out, written);
    }

    /** Fills a new array with cryptographically strong random bytes. */
    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
