package dev.photovault.vault.core.snapshot;

import dev.photovault.vault.core.VaultException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

/**
 * File names as the file system gives them: bytes, not text. On Linux a name is any bytes but {@code /} and NUL;
 * Java shows names that are not valid UTF-8 (an old camera's {@code caf\xe9.jpg}) with U+FFFD, which would merge
 * two of them into one, and in a JVM whose file name encoding is not UTF-8 (the C locale) it mangles every
 * non-ASCII name. The JDK keeps the real bytes inside each {@link Path} and gives them out, percent-encoded, in
 * {@link Path#toUri()}; a path made from such a URI has exactly those bytes. So names are read and written here
 * through URIs whenever their text could be lossy, and shown as UTF-8 with each invalid byte as {@code \xHH}.
 */
public final class EntryNames {

    private static final boolean JNU_UTF8 = isUtf8Name(System.getProperty("sun.jnu.encoding", "UTF-8"));
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private EntryNames() {
    }

    /**
     * A relative path as stored.
     *
     * @param display   the entry path: UTF-8 text, an invalid byte shown as {@code \xHH}
     * @param rawBase64 base64 of the bytes when they are not valid UTF-8, else null
     */
    public record Name(String display, String rawBase64) {

        /**
         * The path's bytes: the raw ones when given, else the UTF-8 of the display form.
         *
         * @throws VaultException when {@code rawBase64} is not base64 (a damaged or foreign snapshot)
         */
        public byte[] bytes() {
            if (rawBase64 == null) {
                return display.getBytes(StandardCharsets.UTF_8);
            }
            try {
                return Base64.getDecoder().decode(rawBase64);
            } catch (IllegalArgumentException e) {
                throw new VaultException("the entry " + display + " has a malformed rawPath (not base64)");
            }
        }
    }

    /** Whether this JVM reads file names as UTF-8 (else names are read through their raw bytes, and warned of). */
    public static boolean jvmNamesAreUtf8() {
        return JNU_UTF8;
    }

    /**
     * The {@code /}-separated path of {@code file} below {@code root} (or its own name when they are the same),
     * from the bytes the file system gave.
     */
    public static Name relative(Path root, Path file) {
        if (JNU_UTF8) {
            Path relative = file.equals(root) ? file.getFileName() : root.relativize(file);
            String text = relative == null ? "root" : relative.toString();
            if (text.indexOf('\uFFFD') < 0) {
                return new Name(text.replace(file.getFileSystem().getSeparator(), "/"), null);
            }
        }
        byte[] bytes;
        if (file.equals(root)) {
            String raw = trimSlash(file.toUri().getRawPath());
            bytes = percentDecode(raw.substring(raw.lastIndexOf('/') + 1));
        } else {
            String rootRaw = trimSlash(root.toUri().getRawPath()) + "/";
            String fileRaw = trimSlash(file.toUri().getRawPath());
            if (!fileRaw.startsWith(rootRaw)) {
                throw new IllegalArgumentException(file + " is not below " + root);
            }
            bytes = percentDecode(fileRaw.substring(rootRaw.length()));
        }
        return of(bytes);
    }

    /** The stored form of a path given as bytes. */
    public static Name of(byte[] bytes) {
        return new Name(display(bytes), containsInvalid(bytes) ? Base64.getEncoder().encodeToString(bytes) : null);
    }

    /** UTF-8 text of {@code bytes}, each byte that is not part of a valid sequence shown as {@code \xHH}. */
    public static String display(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length * 4 + 4);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                decoder.flush(out);
                break;
            }
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.put("\\x").put(HEX.toHexDigits(in.get()));
                }
            }
        }
        return out.flip().toString();
    }

    private static boolean containsInvalid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return false;
        } catch (java.nio.charset.CharacterCodingException e) {
            return true;
        }
    }

    /**
     * Where an entry goes below {@code root}: the path made from its bytes. Every segment must be a real name
     * (not empty, {@code .} or {@code ..}), so nothing lands outside {@code root}.
     *
     * @throws VaultException naming the entry when its path is not a safe relative path
     */
    public static Path resolve(Path root, Entry entry) {
        byte[] bytes = entry.pathBytes();
        if (bytes.length == 0) {
            throw new VaultException("refusing to restore an entry with an empty path");
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String segment : text.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0) {
                throw new VaultException("refusing to restore " + entry.path()
                        + ": it is not a plain relative path below the target folder");
            }
        }
        if (JNU_UTF8 && entry.rawPath() == null) {
            return root.resolve(entry.path());
        }
        String base = trimSlash(root.toUri().getRawPath());
        return Path.of(URI.create("file://" + base + "/" + percentEncode(bytes)));
    }

    private static String trimSlash(String raw) {
        return raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }

    private static byte[] percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    private static String percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "/-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static boolean isUtf8Name(String encoding) {
        String e = encoding.toUpperCase(java.util.Locale.ROOT).replace("-", "");
        return e.equals("UTF8");
    }
}
