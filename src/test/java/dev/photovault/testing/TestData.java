package dev.photovault.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fixtures in {@code ../shared/testdata}. */
public final class TestData {

    private TestData() {
    }

    /** The FastCDC reference image (109,466 bytes), also a real JPEG. */
    public static Path sekienAkashitaPath() {
        Path path = Path.of(System.getProperty("photovault.testdata", "../shared/testdata"), "SekienAkashita.jpg");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("test fixture missing: " + path.toAbsolutePath()
                    + " (the shared/ folder must sit beside the project)");
        }
        return path;
    }

    public static byte[] sekienAkashita() {
        try {
            return Files.readAllBytes(sekienAkashitaPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
