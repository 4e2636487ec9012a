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

    /** The environment a child {@code photovault} command needs to reach the emulator's account. */
    public static java.util.Map<String, String> environment(GooglePhotosEmulator emulator) {
        return java.util.Map.of("GOOGLE_PHOTOS_API_URL", emulator.apiUrl(),
                "GOOGLE_PHOTOS_PICKER_URL", emulator.pickerUrl(), "GOOGLE_PHOTOS_TOKEN_URL", emulator.tokenUrl(),
                "GOOGLE_PHOTOS_CLIENT_ID", emulator.credentials().clientId(),
                "GOOGLE_PHOTOS_CLIENT_SECRET", emulator.credentials().clientSecret(),
                "GOOGLE_PHOTOS_REFRESH_TOKEN", emulator.credentials().refreshToken());
    }

    /** A client of the emulator's account, to look at what a command did. */
    public static dev.photovault.googlephotos.api.GooglePhotosClient client(GooglePhotosEmulator emulator) {
        return new dev.photovault.googlephotos.api.GooglePhotosClient(new dev.photovault.googlephotos.api.PhotosEndpoints(
                emulator.apiUrl(), emulator.pickerUrl(), emulator.tokenUrl()), emulator.credentials().clientId(),
                emulator.credentials().clientSecret(), emulator.credentials().refreshToken(),
                dev.photovault.googlephotos.api.RetryPolicy.GOOGLE);
    }
}
