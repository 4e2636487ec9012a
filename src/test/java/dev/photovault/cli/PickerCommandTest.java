package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.app.PickerSessions;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.Cli;
import dev.photovault.testing.EmulatorConfig;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** photovault picker backup: the item-backup engine from the command line, no Camel routes. */
class PickerCommandTest {

    @TempDir
    Path dir;

    @Test
    void backsUpAFinishedSessionIntoAPickerSnapshotAndForgetsIt() throws Exception {
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            List<String> library = emulator.seed(6, 2, "user", 9);
            Path config = EmulatorConfig.write(dir, emulator, "backup.label=family");
            Path repo = dir.resolve("repo");
            Cli cli = Cli.forRepository(repo).withEnv(Map.of(
                    "GOOGLE_PHOTOS_CLIENT_SECRET", emulator.credentials().clientSecret(),
                    "GOOGLE_PHOTOS_REFRESH_TOKEN", emulator.credentials().refreshToken()));
            assertThat(cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1").exitCode()).isZero();
            Cli.Result started = new Cli(null, Map.of("GOOGLE_PHOTOS_CLIENT_SECRET", emulator.credentials().clientSecret(),
                    "GOOGLE_PHOTOS_REFRESH_TOKEN", emulator.credentials().refreshToken())).run("picker", "new",
                    "--config", config.toString());
            assertThat(started.exitCode()).as(started.all()).isZero();
            String session = new PickerSessions(dir.resolve("sessions")).pending().get(0);

            Cli.Result early = cli.run("picker", "backup", "--config", config.toString());
            assertThat(early.exitCode()).as(early.all()).isZero();
            assertThat(early.out()).contains("not finished yet");

            emulator.pick(session, library.subList(0, 3));
            Cli.Result backup = cli.run("picker", "backup", "--config", config.toString());
            assertThat(backup.exitCode()).as(backup.all()).isZero();
            assertThat(backup.out()).contains("backup picker: complete").contains("3 items (3 new");
            assertThat(new PickerSessions(dir.resolve("sessions")).pending()).isEmpty();
            assertThat(emulator.stats().path("byEndpoint").path("picker.sessions.delete").asLong()).isEqualTo(1);
            assertThat(backup.all()).doesNotContain(emulator.credentials().refreshToken());

            Repository repository = TestRepository.reopen(repo);
            Snapshot snapshot = repository.loadSnapshot(repository.resolveSnapshot("latest").id());
            assertThat(snapshot.header().source()).isEqualTo("picker");
            assertThat(snapshot.header().paths()).containsExactly("family");
            assertThat(snapshot.entries()).extracting(e -> e.media().sourceId())
                    .containsExactlyInAnyOrderElementsOf(library.subList(0, 3));
            assertThat(snapshot.entries()).allSatisfy(e -> assertThat(e.media().origin()).isEqualTo("picker"));
        }
    }
}
