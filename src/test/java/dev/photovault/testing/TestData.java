package dev.photovault.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The fixtures in {@code src/test/resources/testdata} (see its README for where they come from). */
public final class TestData {

    private static final String SEKIEN = "/testdata/SekienAkashita.jpg";
    private static Path extracted;

    private TestData() {
    }

    /** The FastCDC reference image (109,466 bytes), also a real JPEG, as a file. */
    public static synchronized Path sekienAkashitaPath() {
        if (extracted == null) {
            try (InputStream in = open()) {
                Path file = Files.createTempFile("SekienAkashita", ".jpg");
                file.toFile().deleteOnExit();
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                extracted = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return extracted;
    }

    public static byte[] sekienAkashita() {
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open() {
        InputStream in = TestData.class.getResourceAsStream(SEKIEN);
        if (in == null) {
            throw new IllegalStateException("test fixture missing from the test classpath: " + SEKIEN);
        }
        return in;
    }
}
