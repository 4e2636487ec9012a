package dev.photovault.vault.core.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A repository's secrets: the AES-256 encryption key, the HMAC-SHA256 key that names chunks, and the seed that
 * keys the chunker. Created once by {@code init}, stored only wrapped by passphrases.
 */
public final class MasterKeys {

    /** The length of the wrapped form: two 32-byte keys and an 8-byte seed. */
    public static final int ENCODED_BYTES = 72;

    private final byte[] encryptionKey;
    private final byte[] macKey;
    private final long chunkerSeed;

    public MasterKeys(byte[] encryptionKey, byte[] macKey, long chunkerSeed) {
        if (encryptionKey.length != 32 || macKey.length != 32) {
            throw new IllegalArgumentException("keys must be 32 bytes");
        }
        this.encryptionKey = encryptionKey.clone();
        this.macKey = macKey.clone();
        this.chunkerSeed = chunkerSeed;
    }

    /** Fresh random secrets for a new repository. */
    public static MasterKeys generate() {
        return new MasterKeys(Aead.randomBytes(32), Aead.randomBytes(32),
                ByteBuffer.wrap(Aead.randomBytes(8)).getLong());
    }

    byte[] encryptionKey() {
        return encryptionKey;
    }

    byte[] macKey() {
        return macKey;
    }

    public long chunkerSeed() {
        return chunkerSeed;
    }

    /** The 72-byte form that key files wrap: encryption key ‖ MAC key ‖ seed (big-endian). */
    byte[] encode() {
        return ByteBuffer.allocate(ENCODED_BYTES).put(encryptionKey).put(macKey).putLong(chunkerSeed).array();
    }

    static MasterKeys decode(byte[] encoded) {
        if (encoded.length != ENCODED_BYTES) {
            throw new IntegrityException("master key has the wrong length " + encoded.length);
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        byte[] enc = new byte[32];
        byte[] mac = new byte[32];
        in.get(enc).get(mac);
        MasterKeys keys = new MasterKeys(enc, mac, in.getLong());
        Arrays.fill(encoded, (byte) 0);
        return keys;
    }

    @Override
    public String toString() {
        return "MasterKeys[redacted]";
    }
}
