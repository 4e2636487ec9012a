package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.takeout.TakeoutTestExports;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** takeout-import.yaml: parts dropped into the inbox one by one become one snapshot once they have settled. */
class TakeoutImportRouteTest extends BackupRouteTestSupport {

    Path inbox;
    Path done;

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        inbox = dir.resolve("inbox");
        done = dir.resolve("done");
        properties.put("takeout.inbox", inbox.toString());
        properties.put("takeout.done", done.toString());
        properties.put("takeout.settle", "1500");
    }

    @Test
    void partsDroppedOneByOneAreImportedOnceAsOneSnapshotAfterTheSettleTime() throws Exception {
        List<Path> parts = TakeoutTestExports.small(dir.resolve("export"));
        Files.createDirectories(inbox);
        assertThat(fire("takeout-import").status()).isEqualTo("complete");
        assertThat(Files.exists(dir.resolve("vault").resolve("config"))).as("an empty inbox does nothing").isFalse();

        // Part 2 first (part 1 is missing: not ready), then half of part 1 (still arriving).
        Files.copy(parts.get(1), inbox.resolve(parts.get(1).getFileName()));
        fire("takeout-import");
        byte[] first = Files.readAllBytes(parts.get(0));
        Path arriving = inbox.resolve(parts.get(0).getFileName());
        Files.write(arriving, Arrays.copyOf(first, first.length / 2));
        fire("takeout-import");
        Thread.sleep(1_700);
        // It grew after settling once: the settle time starts again.
        Files.write(arriving, Arrays.copyOfRange(first, first.length / 2, first.length), StandardOpenOption.APPEND);
        fire("takeout-import");
        assertThat(Files.exists(dir.resolve("vault").resolve("config"))).as("nothing imported yet").isFalse();

        Thread.sleep(1_700);
        RunOutcome imported = fire("takeout-import");
        assertThat(imported.status()).as(String.valueOf(imported)).isEqualTo("complete");
        var snapshots = repository().listSnapshots();
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.get(0).header().source()).isEqualTo("takeout");
        assertThat(snapshots.get(0).header().tags()).containsExactly("takeout");
        assertThat(((Number) snapshots.get(0).header().report().get("items")).intValue()).isEqualTo(3);
        Snapshot snapshot = repository().loadSnapshot(snapshots.get(0).id());
        assertThat(snapshot.entries()).extracting(Entry::path).containsExactlyInAnyOrder(
                "Trip/a.jpg", "Photos from 2024/b.jpg", "Photos from 2024/c.jpg");
        assertThat(snapshot.entries().stream().filter(e -> e.path().equals("Trip/a.jpg")).findFirst().orElseThrow()
                .media().taken()).isEqualTo(TakeoutTestExports.TAKEN);
        try (var files = Files.list(inbox)) {
            assertThat(files).isEmpty();
        }
        try (var files = Files.list(done)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(parts.get(0).getFileName().toString(), parts.get(1).getFileName().toString());
        }

        assertThat(fire("takeout-import").status()).isEqualTo("complete");
        assertThat(repository().listSnapshots()).as("imported once").hasSize(1);
    }
}
