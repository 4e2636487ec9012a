package dev.photovault.vault.core.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names and seals chunks. A chunk's id is the hex HMAC-SHA256 of its plaintext under the MAC key, so equal
 * content gets one id inside a repository while the id reveals nothing outside it. The sealed object is
 * {@code nonce ‖ AES-256-GCM(plaintext) ‖ tag} with the 32 id bytes as associated data, which binds an object
 * to its name. Thread-safe.
 *
 * <p>A plaintext portable archive ({@link #plaintext()}) stores chunks as they are, named by their SHA-256: the id
 * still proves the content, and any reader can use it without a key.
 */
public final class ChunkSealer {

    private static final HexFormat HEX = HexFormat.of();

    private final MasterKeys keys;
    /** Each thread's HMAC, keyed once: after {@code doFinal} a Mac is ready for the next message under its key. */
    private final ThreadLocal<Mac> macs;

    public ChunkSealer(MasterKeys keys) {
        this.keys = java.util.Objects.requireNonNull(keys, "keys");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private ChunkSealer() {
        this.keys = null;
        this.macs = null;
    }

    /** Chunks stored in the clear, named by the SHA-256 of their content. */
    public static ChunkSealer plaintext() {
        return new ChunkSealer();
    }

    /** How many bytes a stored chunk has beyond its plaintext. */
    public int overhead() {
        return keys == null ? 0 : Aead.OVERHEAD;
    }

    /** The id of {@code len} bytes at {@code data[off]}. */
    public String idOf(byte[] data, int off, int len) {
        return HEX.formatHex(mac(data, off, len));
    }

    public byte[] seal(String id, byte[] data, int off, int len) {
        if (keys == null) {
            return java.util.Arrays.copyOfRange(data, off, off + len);
        }
        return Aead.seal(keys.encryptionKey(), HEX.parseHex(id), data, off, len);
    }

    /**
     * Decrypts a chunk object and checks that its plaintext still has the id it is stored under.
     *
     * @throws IntegrityException when the object is damaged or belongs elsewhere
     */
    public byte[] open(String id, byte[] sealed) {
        byte[] idBytes = HEX.parseHex(id);
        byte[] plain = keys == null ? sealed : Aead.open(keys.encryptionKey(), idBytes, sealed, "chunk " + id);
        if (!MessageDigest.isEqual(idBytes, mac(plain, 0, plain.length))) {
            throw new IntegrityException("chunk " + id + (keys == null ? " holds" : " decrypts to") + " content with another id");
        }
        return plain;
    }

    private byte[] mac(byte[] data, int off, int len) {
        if (keys == null) {
            return dev.photovault.vault.core.Digests.sha256(data, off, len);
        }
        Mac mac = macs.get();
        mac.update(data, off, len);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ChunkSealer[keys redacted]";
    }
}
