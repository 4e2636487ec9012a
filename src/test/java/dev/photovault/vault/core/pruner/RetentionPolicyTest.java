package dev.photovault.vault.core.pruner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    @Test
    void keepsTheNewestOfEachDayAndTheLastN() {
        List<SnapshotRef> snapshots = new ArrayList<>();
        for (int day = 1; day <= 10; day++) {
            snapshots.add(snapshot("d" + day + "am", "2026-03-%02dT08:00:00Z".formatted(day)));
            snapshots.add(snapshot("d" + day + "pm", "2026-03-%02dT20:00:00Z".formatted(day)));
        }
        List<RetentionPolicy.Decision> decisions = new RetentionPolicy(2, 3, 0, 0, 0, ZoneOffset.UTC).apply(snapshots);
        List<String> kept = decisions.stream().filter(RetentionPolicy.Decision::keep).map(d -> d.snapshot().id()).toList();
        assertThat(kept).containsExactly("d8pm", "d9pm", "d10am", "d10pm");
        assertThat(decisions.stream().filter(d -> d.snapshot().id().equals("d10pm")).findFirst().orElseThrow().reasons())
                .containsExactly("last", "daily");
    }

    @Test
    void monthlyAndYearlyReachBackInTime() {
        List<SnapshotRef> snapshots = List.of(
                snapshot("2024-12", "2024-12-31T10:00:00Z"), snapshot("2025-06", "2025-06-15T10:00:00Z"),
                snapshot("2025-07", "2025-07-15T10:00:00Z"), snapshot("2026-01", "2026-01-02T10:00:00Z"));
        List<String> kept = new RetentionPolicy(0, 0, 0, 2, 3, ZoneOffset.UTC).apply(snapshots).stream()
                .filter(RetentionPolicy.Decision::keep).map(d -> d.snapshot().id()).toList();
        assertThat(kept).containsExactly("2024-12", "2025-07", "2026-01");
    }

    @Test
    void groupsAreJudgedSeparately() {
        List<SnapshotRef> snapshots = List.of(snapshot("a1", "2026-01-01T00:00:00Z", "/a"),
                snapshot("a2", "2026-01-02T00:00:00Z", "/a"), snapshot("b1", "2026-01-01T00:00:00Z", "/b"));
        List<String> kept = new RetentionPolicy(1, 0, 0, 0, 0, ZoneOffset.UTC).apply(snapshots).stream()
                .filter(RetentionPolicy.Decision::keep).map(d -> d.snapshot().id()).toList();
        assertThat(kept).containsExactlyInAnyOrder("a2", "b1");
    }

    @Test
    void refusesAPolicyThatKeepsNothing() {
        assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0, 0, 0, ZoneOffset.UTC))
                .isInstanceOf(VaultException.class).hasMessageContaining("refusing");
    }

    private static SnapshotRef snapshot(String id, String time) {
        return snapshot(id, time, "/photos");
    }

    private static SnapshotRef snapshot(String id, String time, String path) {
        return new SnapshotRef(id, new SnapshotHeader(Instant.parse(time), "host", "user", "local", List.of(path),
                List.of(), null, false, List.of(), null));
    }
}
