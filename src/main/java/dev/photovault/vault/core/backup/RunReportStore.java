package dev.photovault.vault.core.backup;

import dev.photovault.vault.core.VaultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Run reports in a repository's local cache folder: {@code runs/<time>-<source>.json} per run and
 * {@code last-<source>.json} for the newest, replaced atomically.
 */
public final class RunReportStore {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;

    public RunReportStore(Path dir) {
        this.dir = dir;
    }

    public void save(RunReport report) throws IOException {
        Path runs = dir.resolve("runs");
        Files.createDirectories(runs);
        byte[] json = VaultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
        String source = report.source().replaceAll("[^A-Za-z0-9._-]", "_");
        Files.write(runs.resolve(FILE_TIME.format(report.started()) + "-" + source + ".json"), json);
        Path tmp = dir.resolve(".last-" + source + ".tmp");
        Files.write(tmp, json);
        Files.move(tmp, dir.resolve("last-" + source + ".json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The newest report of {@code source}, or null. */
    public RunReport last(String source) throws IOException {
        Path file = dir.resolve("last-" + source.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        return Files.isRegularFile(file) ? VaultJson.MAPPER.readValue(file.toFile(), RunReport.class) : null;
    }

    public Path dir() {
        return dir;
    }
}
