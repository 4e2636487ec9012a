package dev.photovault.vault.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, which every Java runtime provides, without the checked exception at every use. */
public final class Digests {

    private static final HexFormat HEX = HexFormat.of();

    private Digests() {
    }

    /** A fresh SHA-256 digest (not thread-safe, like every MessageDigest). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    public static byte[] sha256(byte[] data, int off, int len) {
        MessageDigest sha = sha256();
        sha.update(data, off, len);
        return sha.digest();
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256(data, 0, data.length));
    }
}
