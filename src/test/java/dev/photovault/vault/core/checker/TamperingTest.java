package dev.photovault.vault.core.checker;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.cache.LocalCache;
import dev.photovault.vault.core.crypto.WrongPassphraseException;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone with write access to the store changes it behind photovault's back, each time so that every object
 * still looks valid on its own: check must notice and name what was changed (docs/reliability.md, tampering).
 */
class TamperingTest {

    @TempDir
    Path tmp;

    Path repoDir;
    LocalCache cache;
    String first;
    String second;

    @BeforeEach
    void twoSnapshots() throws IOException {
        repoDir = tmp.resolve("repo");
        Repository repository = TestRepository.create(repoDir);
        cache = LocalCache.of(tmp.resolve("cache"), repository.config().id());
        Path source = tmp.resolve("photos");
        write(source.resolve("a.jpg"), randomBytes(300_000, 1));
        write(source.resolve("b.jpg"), randomBytes(300_000, 2)); // as long as a.jpg: their chunks can swap places
        first = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source)).snapshotId();
        write(source.resolve("c.jpg"), randomBytes(250_000, 3));
        second = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source)).snapshotId();
        assertThat(check().ok()).as("untouched").isTrue();
    }

    @Test
    void aChunkSwappedForAnotherValidChunkIsNamedWithTheFilesThatNeedIt() throws IOException {
        Repository repository = TestRepository.reopen(repoDir);
        Entry a = entry(repository, "a.jpg");
        Entry b = entry(repository, "b.jpg");
        // Both are small: packed, side by side; b's sealed bytes go where a's are.
        TestRepository.StoredChunk victim = TestRepository.storedChunk(repoDir, repository, a.chunks().get(0));
        TestRepository.StoredChunk other = TestRepository.storedChunk(repoDir, repository, b.chunks().get(0));
        assertThat(other.length()).isEqualTo(victim.length());
        byte[] swapped = new byte[other.length()];
        try (RandomAccessFile from = new RandomAccessFile(other.file().toFile(), "r")) {
            from.seek(other.offset());
            from.readFully(swapped);
        }
        victim.file().toFile().setWritable(true);
        try (RandomAccessFile to = new RandomAccessFile(victim.file().toFile(), "rw")) {
            to.seek(victim.offset());
            to.write(swapped);
        }

        CheckResult result = check();
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.contains(a.chunks().get(0)));
        assertThat(result.damagedFiles()).contains(first.substring(0, 8) + " a.jpg", second.substring(0, 8) + " a.jpg")
                .noneMatch(f -> f.endsWith("b.jpg"));
    }

    @Test
    void aSnapshotReplacedByAnotherValidSnapshotIsNamed() throws IOException {
        replace(repoDir.resolve("snapshots/" + second), Files.readAllBytes(repoDir.resolve("snapshots/" + first)));

        CheckResult result = check();
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.contains(second) && e.contains("does not match its name"));
        assertThat(TestRepository.reopen(repoDir).listSnapshots()).extracting(s -> s.id()).containsExactly(first);
    }

    @Test
    void aRemovedSnapshotIsNamedByTheNextCheck() throws IOException {
        Files.delete(repoDir.resolve("snapshots/" + first));

        CheckResult result = check();
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).singleElement().asString().contains(first.substring(0, 8))
                .contains("disappeared since the last check");
    }

    @Test
    void aTruncatedIndexIsNamedAndNothingIsLost() throws IOException {
        List<String> deltas = TestRepository.reopen(repoDir).indexKeys();
        Path index = repoDir.resolve(deltas.get(0));
        index.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }

        CheckResult result = check();
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.contains(deltas.get(0)));
        assertThat(result.damagedFiles()).as("its chunks are still found in the store").isEmpty();
    }

    @Test
    void aDamagedKeyFileIsNamedNotTakenForAWrongPassphrase() throws IOException {
        Path key;
        try (var keys = Files.list(repoDir.resolve("keys"))) {
            key = keys.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(key);
        bytes[bytes.length / 2] ^= 0x20;
        replace(key, bytes);

        assertThatThrownBy(() -> TestRepository.reopen(repoDir)).isInstanceOf(VaultException.class)
                .isNotInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining(key.getFileName().toString().substring(0, 8)).hasMessageContaining("damaged");
    }

    private static Entry entry(Repository repository, String name) throws IOException {
        return repository.loadSnapshot(repository.resolveSnapshot("latest").id()).entries().stream()
                .filter(e -> e.path().equals(name)).findFirst().orElseThrow();
    }

    private static void replace(Path file, byte[] bytes) throws IOException {
        file.toFile().setWritable(true);
        Files.write(file, bytes);
    }

    private CheckResult check() throws IOException {
        return new Checker(TestRepository.reopen(repoDir), 2, new Progress()).check(true, 1.0, cache);
    }
}
