package dev.photovault.vault.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    private final Snapshot snapshot = new Snapshot(
            new SnapshotHeader(Instant.parse("2026-01-02T03:04:05.123456789Z"), "nas", "ana", "local",
                    List.of("/srv/photos"), List.of("nightly"), null, true, List.of("Broken/x.jpg"),
                    new SnapshotStats(1, 1, 3, 1, 0, 3, 1, 3, 31, 12)),
            List.of(Entry.directory("Album", Instant.parse("2026-01-01T00:00:00Z")),
                    Entry.file("Album/a.jpg", 3, Instant.parse("2026-01-01T00:00:01.5Z"), 42L, "ab".repeat(32),
                            List.of("Album"), List.of("cd".repeat(32)), MediaInfo.ofMimeType("image/jpeg")),
                    Entry.symlink("link", Instant.parse("2026-01-01T00:00:02Z"), "Album")));

    @Test
    void roundTripsEveryField() throws Exception {
        assertThat(SnapshotCodec.decode(SnapshotCodec.encode(snapshot))).isEqualTo(snapshot);
    }

    @Test
    void theHeaderCanBeReadWithoutTheEntries() throws Exception {
        assertThat(SnapshotCodec.decodeHeader(SnapshotCodec.encode(snapshot))).isEqualTo(snapshot.header());
    }

    @Test
    void theJsonHasTheDocumentedShape() throws Exception {
        String json = new String(new GZIPInputStream(new ByteArrayInputStream(SnapshotCodec.encode(snapshot)))
                .readAllBytes(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"version\":1,\"header\":{\"time\":\"2026-01-02T03:04:05.123456789Z\"")
                .contains("{\"path\":\"Album/a.jpg\",\"type\":\"FILE\",\"size\":3,\"mtime\":\"2026-01-01T00:00:01.500Z\","
                        + "\"inode\":42,\"sha256\":\"" + "ab".repeat(32) + "\",\"albums\":[\"Album\"],\"chunks\":[\""
                        + "cd".repeat(32) + "\"],\"media\":{\"mimeType\":\"image/jpeg\"}}")
                .doesNotContain("\"file\":");
    }
}
