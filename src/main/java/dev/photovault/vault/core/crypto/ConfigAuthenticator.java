package dev.photovault.vault.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates the plaintext {@code config} object: its MAC is the hex HMAC-SHA256, under the repository's MAC key,
 * of a canonical text of its fields (see docs/format.md). Anyone can read the config; only a holder of the master
 * keys can write one that opens, so a flipped bit or a swapped chunker parameter is caught, and a key left by an
 * interrupted {@code init} (wrapping other master keys) is told apart from the repository's own.
 */
public final class ConfigAuthenticator {

    private static final HexFormat HEX = HexFormat.of();

    private final MasterKeys keys;

    public ConfigAuthenticator(MasterKeys keys) {
        this.keys = keys;
    }

    /** The hex MAC of the canonical text. */
    public String mac(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this Java runtime", e);
        }
    }

    /** Whether {@code mac} (hex) is this canonical text's MAC, compared in constant time. */
    public boolean verify(String canonical, String mac) {
        return mac != null && MessageDigest.isEqual(mac(canonical).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ConfigAuthenticator[keys redacted]";
    }
}
