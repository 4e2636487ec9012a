package dev.photovault.emulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fresh emulator on a free port for each test, with a client logged in with every current scope. */
abstract class EmulatorTestBase {

    GooglePhotosEmulator emulator;
    ApiClient api;

    @BeforeEach
    void startEmulator() throws Exception {
        emulator = configure(GooglePhotosEmulator.builder()).start();
        api = new ApiClient(emulator.url()).login(emulator.credentials());
    }

    GooglePhotosEmulator.Builder configure(GooglePhotosEmulator.Builder builder) {
        return builder;
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    static byte[] png(int w, int h, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) {
            image.setRGB(x, x % h, rgb + x);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
