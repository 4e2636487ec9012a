package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photovault.testing.Cli;
import dev.photovault.vault.core.VaultJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code photovault hold}: a held snapshot outlives every retention policy until it is released. */
class HoldCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aHeldSnapshotIsKeptByForgetAndPruneUntilReleased() throws Exception {
        Cli cli = Cli.forRepository(tmp.resolve("repo"));
        assertThat(cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1").exitCode()).isZero();
        Path photos = tmp.resolve("photos");
        for (int i = 0; i < 3; i++) {
            write(photos.resolve("Album/photo" + i + ".jpg"), randomBytes(400_000, i));
            if (i == 1) {
                java.nio.file.Files.delete(photos.resolve("Album/photo0.jpg"));
            }
            assertThat(cli.run("backup", photos.toString()).exitCode()).isZero();
        }
        JsonNode list = VaultJson.MAPPER.readTree(cli.run("snapshots", "--json").out());
        String first = list.get(0).get("id").asText();

        Cli.Result hold = cli.run("hold", first.substring(0, 8), "--reason", "tax audit 2026");
        assertThat(hold.exitCode()).as(hold.all()).isZero();
        assertThat(hold.out()).contains("is held");
        assertThat(cli.run("snapshots").out()).contains("(held: tax audit 2026)");
        assertThat(VaultJson.MAPPER.readTree(cli.run("snapshots", "--json").out()).get(0).get("held").asBoolean()).isTrue();

        Cli.Result forget = cli.run("forget", "--keep-last", "1", "--prune");
        assertThat(forget.exitCode()).as(forget.all()).isZero();
        assertThat(forget.out()).containsPattern("keep\\s+" + first.substring(0, 8) + ".*held")
                .contains("removed 1 snapshots, kept 2");
        // photo0.jpg exists only in the held snapshot: prune kept its chunks.
        Path restored = tmp.resolve("restored");
        Cli.Result restore = cli.run("restore", first.substring(0, 8), "--target", restored.toString());
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(restored.resolve("Album/photo0.jpg")).hasBinaryContent(randomBytes(400_000, 0));

        Cli.Result release = cli.run("hold", first.substring(0, 8), "--release");
        assertThat(release.out()).contains("released");
        assertThat(cli.run("hold", first.substring(0, 8), "--release").out()).contains("was not held");
        Cli.Result again = cli.run("forget", "--keep-last", "1", "--prune");
        assertThat(again.out()).contains("removed 1 snapshots, kept 1");
        assertThat(cli.run("check", "--read-data").exitCode()).isZero();
    }
}
