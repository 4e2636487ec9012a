package dev.photovault.emulator;

import java.security.SecureRandom;
import java.util.Base64;

/** Opaque ids shaped like Google's: URL-safe base64, well over the 55 characters clients expect. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A media item or album id: a prefix letter and 48 random bytes, 66 characters of {@code [A-Za-z0-9_-]}. */
    static String longId(String prefix) {
        return prefix + token(48);
    }

    static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
