package dev.photovault.app;

import dev.photovault.googlephotos.api.PickerSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Picker sessions waiting to be backed up: one file per session in a folder ({@code picker.sessions-dir}),
 * named by the session id and holding its pickerUri. {@code photovault picker new} adds them; the picker-backup
 * route reads, and removes them once their items are in a complete snapshot.
 */
public final class PickerSessions {

    private static final Logger LOG = LoggerFactory.getLogger(PickerSessions.class);

    private final Path dir;

    public PickerSessions(Path dir) {
        this.dir = dir;
    }

    public void add(PickerSession session) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(safe(session.id())), session.pickerUri() + "\n", StandardCharsets.UTF_8);
    }

    /** The recorded session ids, oldest first. */
    public List<String> pending() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(files::add);
            }
        }
        files.sort((a, b) -> {
            try {
                return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            } catch (IOException e) {
                return a.compareTo(b);
            }
        });
        return files.stream().map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    }

    /** Whether the user finished picking; an expired session is dropped (the user must start a new one). */
    public boolean ready(PickerSession session) throws IOException {
        if (session.mediaItemsSet()) {
            return true;
        }
        if (session.expireTime() != null && session.expireTime().isBefore(Instant.now())) {
            LOG.warn("Picker session {} expired before anything was picked; start a new one with 'photovault"
                    + " picker new'", session.id());
            done(session.id());
        } else {
            LOG.debug("Picker session {} is waiting for the user to pick", session.id());
        }
        return false;
    }

    /** Forgets a session whose items are safely in a snapshot. */
    public void done(@Header("CamelGooglePhotosPickerSessionId") String sessionId) throws IOException {
        Files.deleteIfExists(dir.resolve(safe(sessionId)));
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
