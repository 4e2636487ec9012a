package dev.photovault.vault.core.archiver;

import dev.photovault.vault.core.Progress;
import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.SnapshotStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalBackupTest {

    @TempDir
    Path tmp;

    Path source;
    Path repoDir;
    Repository repository;

    @BeforeEach
    void setUp() throws IOException {
        source = tmp.resolve("photos");
        repoDir = tmp.resolve("repo");
        repository = TestRepository.create(repoDir);
        write(source.resolve("Trip/one.jpg"), randomBytes(3 * 1024 * 1024, 1));
        write(source.resolve("Trip/two.jpg"), randomBytes(5 * 1024 * 1024, 2));
        write(source.resolve("Trip/video.mp4"), randomBytes(12 * 1024 * 1024, 3));
    }

    @Test
    void anUnchangedTreeIsNeitherReadNorWritten() throws IOException {
        backup();
        long chunks = TestRepository.storedChunkCount(repoDir);
        BackupResult second = backup();
        SnapshotStats stats = second.header().stats();
        assertThat(stats.bytesRead()).isZero();
        assertThat(stats.filesNew()).isZero();
        assertThat(stats.filesUnchanged()).isEqualTo(3);
        assertThat(stats.chunksNew()).isZero();
        assertThat(TestRepository.storedChunkCount(repoDir)).isEqualTo(chunks);
        assertThat(second.header().parent()).isNotNull();
    }

    @Test
    void theInodeComesFromTheWalksOwnAttributesAndMatchesTheFileSystems() throws IOException {
        Path one = source.resolve("Trip/one.jpg");
        var attrs = Files.readAttributes(one, java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        assertThat(Archiver.inode(one, attrs)).isEqualTo(Archiver.inode(one)).isNotNull();
    }

    @Test
    void aFileReplacedWithTheSameSizeAndTimeIsReadAgainForItsNewInode() throws IOException {
        backup();
        Path two = source.resolve("Trip/two.jpg");
        var mtime = Files.getLastModifiedTime(two);
        Path replacement = tmp.resolve("replacement.jpg");
        write(replacement, randomBytes(5 * 1024 * 1024, 22));
        Files.setLastModifiedTime(replacement, mtime);
        Files.move(replacement, two, StandardCopyOption.REPLACE_EXISTING);

        SnapshotStats stats = backup().header().stats();
        assertThat(stats.filesNew()).isEqualTo(1);
        assertThat(stats.bytesRead()).isEqualTo(5 * 1024 * 1024);
    }

    @Test
    void aRenamedOrCopiedPhotoWritesNoChunk() throws IOException {
        backup();
        long chunks = TestRepository.storedChunkCount(repoDir);
        Files.move(source.resolve("Trip/one.jpg"), source.resolve("Trip/renamed.jpg"));
        Files.createDirectories(source.resolve("Best of"));
        Files.copy(source.resolve("Trip/two.jpg"), source.resolve("Best of/two.jpg"), StandardCopyOption.COPY_ATTRIBUTES);
        SnapshotStats stats = backup().header().stats();
        assertThat(stats.filesNew()).isEqualTo(2);
        assertThat(stats.chunksNew()).isZero();
        assertThat(stats.bytesStored()).isZero();
        assertThat(TestRepository.storedChunkCount(repoDir)).isEqualTo(chunks);
    }

    @Test
    void anEditedPhotoWritesOnlyTheChunksThatChanged() throws IOException {
        backup();
        long chunksBefore = TestRepository.storedChunkCount(repoDir);
        Path video = source.resolve("Trip/video.mp4");
        byte[] bytes = Files.readAllBytes(video);
        int videoChunks = repository.loadSnapshot(repository.resolveSnapshot("latest").id()).entries().stream()
                .filter(e -> e.path().equals("Trip/video.mp4")).findFirst().orElseThrow().chunks().size();
        for (int i = 6_000_000; i < 6_000_200; i++) {
            bytes[i] ^= 0x33;
        }
        Files.write(video, bytes);
        SnapshotStats stats = backup().header().stats();
        assertThat(stats.filesNew()).isEqualTo(1);
        assertThat(stats.chunksNew()).isBetween(1L, 2L);
        assertThat(videoChunks).isGreaterThan(4);
        assertThat(TestRepository.storedChunkCount(repoDir)).isEqualTo(chunksBefore + stats.chunksNew());
    }

    @Test
    void aDryRunWritesNothing() throws IOException {
        BackupResult result = new Archiver(repository, new BackupOptions(List.of(), true, 2, null), new Progress())
                .backup(List.of(source));
        assertThat(result.snapshotId()).isNull();
        assertThat(result.header().stats().chunksNew()).isPositive();
        assertThat(TestRepository.storedChunkCount(repoDir)).isZero();
        assertThat(repository.listSnapshots()).isEmpty();
    }

    @Test
    void aFileThatVanishesBeforeItIsReadMakesAPartialSnapshotThatTheNextRunCompletes() throws Exception {
        // Root can read any file, so "unreadable" is staged as a file deleted between the walk and its read:
        // with one worker, files are read in path order, and the big first one leaves ample time.
        write(source.resolve("A/big.mp4"), randomBytes(64 * 1024 * 1024, 8));
        Path victim = write(source.resolve("Z/victim.jpg"), randomBytes(1000, 9));
        Progress progress = new Progress();
        Thread deleter = new Thread(() -> {
            while (!progress.areTotalsFinal()) {
                Thread.onSpinWait();
            }
            try {
                Files.delete(victim);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        deleter.start();
        BackupResult first = new Archiver(repository, new BackupOptions(List.of(), false, 1, null), progress)
                .backup(List.of(source));
        deleter.join();
        assertThat(first.header().partial()).isTrue();
        assertThat(first.header().missing()).containsExactly("Z/victim.jpg");
        assertThat(repository.loadSnapshot(first.snapshotId()).entries())
                .noneMatch(e -> e.path().equals("Z/victim.jpg"));

        write(victim, randomBytes(1000, 9));
        BackupResult second = backup();
        assertThat(second.header().partial()).isFalse();
        assertThat(second.header().stats().filesNew()).isEqualTo(1);
        assertThat(repository.loadSnapshot(second.snapshotId()).entries())
                .anyMatch(e -> e.path().equals("Z/victim.jpg"));
    }

    private BackupResult backup() throws IOException {
        return new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source));
    }
}
