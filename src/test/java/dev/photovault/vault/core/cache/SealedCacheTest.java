package dev.photovault.vault.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.crypto.KdfParams;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.store.LocalObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed cache: what it keeps opens only with the repository's key, under the name it was kept as. */
class SealedCacheTest {

    static final KdfParams FAST = new KdfParams(8 * 1024, 1, 1);

    @TempDir
    Path dir;

    @Test
    void aValueComesBackAndTheFileShowsNeitherItNorItsKey() throws Exception {
        Repository repo = Repository.init(new LocalObjectStore(dir.resolve("repo")), "pw".toCharArray(), FAST,
                ChunkerParams.PRODUCTION);
        SealedCache cache = SealedCache.of(LocalCache.of(dir.resolve("cache"), repo.config().id()), repo, "thumbs");
        byte[] value = "a thumbnail that shows the photo".getBytes(StandardCharsets.UTF_8);
        cache.put("sha-of-the-photo", value);
        assertThat(cache.get("sha-of-the-photo")).hasValue(value);
        assertThat(cache.get("another photo")).isEmpty();
        Path file = only(cache.dir());
        assertThat(file.toString()).doesNotContain("sha-of-the-photo");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("thumbnail");
        // The same key in another purpose is another file.
        assertThat(repo.cacheName("thumbs", "k")).isNotEqualTo(repo.cacheName("previews", "k"));
    }

    @Test
    void aDamagedOrMovedFileIsDroppedNotBelieved() throws Exception {
        Repository repo = Repository.init(new LocalObjectStore(dir.resolve("repo")), "pw".toCharArray(), FAST,
                ChunkerParams.PRODUCTION);
        SealedCache cache = SealedCache.of(LocalCache.of(dir.resolve("cache"), repo.config().id()), repo, "thumbs");
        cache.put("a", "value of a".getBytes(StandardCharsets.UTF_8));
        cache.put("b", "value of b".getBytes(StandardCharsets.UTF_8));
        Path a = cache.dir().resolve(repo.cacheName("thumbs", "a").substring(0, 2))
                .resolve(repo.cacheName("thumbs", "a"));
        Path b = cache.dir().resolve(repo.cacheName("thumbs", "b").substring(0, 2))
                .resolve(repo.cacheName("thumbs", "b"));
        // b's file put in a's place: it opens only under its own name.
        Files.copy(b, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(cache.get("a")).isEmpty();
        assertThat(a).doesNotExist();
        byte[] bytes = Files.readAllBytes(b);
        bytes[bytes.length / 2] ^= 1;
        Files.write(b, bytes);
        assertThat(cache.get("b")).isEmpty();
        assertThat(b).doesNotExist();
    }

    @Test
    void anotherRepositorysKeyCannotOpenIt() throws Exception {
        Repository mine = Repository.init(new LocalObjectStore(dir.resolve("mine")), "pw".toCharArray(), FAST,
                ChunkerParams.PRODUCTION);
        Repository other = Repository.init(new LocalObjectStore(dir.resolve("other")), "pw".toCharArray(), FAST,
                ChunkerParams.PRODUCTION);
        LocalCache shared = LocalCache.of(dir.resolve("cache"), "same-folder");
        SealedCache.of(shared, mine, "thumbs").put("k", new byte[] {1, 2, 3});
        assertThat(SealedCache.of(shared, other, "thumbs").get("k")).isEmpty();
        assertThat(SealedCache.of(shared, mine, "thumbs").get("k")).isPresent();
    }

    @Test
    void aCacheThatCannotBeWrittenCostsOnlyTheWorkAndWarnsOnce() throws Exception {
        Repository repo = Repository.init(new LocalObjectStore(dir.resolve("repo")), "pw".toCharArray(), FAST,
                ChunkerParams.PRODUCTION);
        // A file where the cache's folder should be: a full or read-only disk fails the same way, at the write.
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(dir.resolve("cache").resolve(repo.config().id()), "not a folder");
        SealedCache cache = SealedCache.of(LocalCache.of(dir.resolve("cache"), repo.config().id()), repo, "thumbs");
        try (dev.photovault.testing.LogCapture log = new dev.photovault.testing.LogCapture()) {
            cache.put("a", new byte[] {1});
            cache.put("b", new byte[] {2});
            assertThat(cache.get("a")).isEmpty();
            assertThat(log.lines().stream().filter(l -> l.contains("could not write the thumbs cache"))).hasSize(1);
            assertThat(log.text()).contains("--cache-dir").doesNotContain("\tat ");
        }
        assertThat(Files.readString(dir.resolve("cache").resolve(repo.config().id()))).isEqualTo("not a folder");
    }

    static Path only(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }
}
