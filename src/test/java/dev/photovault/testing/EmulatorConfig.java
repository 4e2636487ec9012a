package dev.photovault.testing;

import dev.photovault.emulator.GooglePhotosEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code application.properties} a child {@code photovault run} needs to talk to an emulator: its addresses and
 * client id (the secrets go in the environment), a missing secrets file, and a vault, cache and Picker folder in
 * {@code dir}.
 */
public final class EmulatorConfig {

    private EmulatorConfig() {
    }

    /** Writes {@code dir/application.properties} with these settings and {@code more} lines. @return the file */
    public static Path write(Path dir, GooglePhotosEmulator emulator, String... more) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "google-photos.api-url=" + emulator.apiUrl(),
                "google-photos.picker-url=" + emulator.pickerUrl(),
                "google-photos.token-url=" + emulator.tokenUrl(),
                "google-photos.client-id=" + emulator.credentials().clientId(),
                "google-photos.secrets-file=" + dir.resolve("no-secrets-file"),
                "vault.store=file:" + dir.resolve("vault"),
                "vault.cache-dir=" + dir.resolve("cache"),
                "picker.sessions-dir=" + dir.resolve("sessions")));
        lines.addAll(List.of(more));
        lines.add("");
        return Files.writeString(dir.resolve("application.properties"), String.join("\n", lines));
    }
}
