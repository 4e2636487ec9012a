package dev.photovault.vault.core.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every item of a snapshot a path of its own that does not move: an item keeps the path it had in the
 * previous snapshot; a newcomer takes the path it asks for if free, else that path with {@code ~} and the first 12
 * hex digits (48 bits) of the SHA-256 of its key before the extension, longer if even that is taken (a real
 * file may be named so).
 */
final class SnapshotPaths {

    private static final int SUFFIX_HEX = 12;

    private SnapshotPaths() {
    }

    /**
     * @param wanted   item key → the path it asks for
     * @param previous item key → its path in the previous snapshot (for items that were in it)
     * @return item key → its unique path
     */
    static Map<String, String> assign(Map<String, String> wanted, Map<String, String> previous) {
        Map<String, String> out = new HashMap<>();
        Set<String> used = new HashSet<>();
        List<String> newcomers = new ArrayList<>();
        for (String key : wanted.keySet().stream().sorted().toList()) {
            String kept = previous.get(key);
            if (kept != null && used.add(kept)) {
                out.put(key, kept);
            } else {
                newcomers.add(key);
            }
        }
        newcomers.sort(Comparator.comparing((String key) -> wanted.get(key)).thenComparing(key -> key));
        for (String key : newcomers) {
            String path = wanted.get(key);
            if (!used.add(path)) {
                String hash = sha256Hex(key);
                for (int n = SUFFIX_HEX; ; n += 4) {
                    path = withSuffix(wanted.get(key), "~" + hash.substring(0, Math.min(n, hash.length()))
                            + (n > hash.length() ? "~" + (n - hash.length()) : ""));
                    if (used.add(path)) {
                        break;
                    }
                }
            }
            out.put(key, path);
        }
        return out;
    }

    static String withSuffix(String path, String suffix) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) + suffix + path.substring(dot) : path + suffix;
    }

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
