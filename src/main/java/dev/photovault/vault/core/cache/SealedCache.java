package dev.photovault.vault.core.cache;

import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.repository.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Things derived from a repository's content and kept on this machine to save work (thumbnails), sealed with the
 * repository's key: {@code <cache>/<purpose>/<2 hex>/<name>}, where the name is a keyed hash of what the value was
 * made from ({@link Repository#cacheName}) and the content is AES-256-GCM bound to that name. So the cache, like
 * the repository, shows nothing of the photos to whoever has the disk without the passphrase. A file that does not
 * open is dropped and made again; one that cannot be written costs only the time to make it next time.
 */
public final class SealedCache {

    private static final Logger LOG = LoggerFactory.getLogger(SealedCache.class);

    private final Path dir;
    private final Repository repository;
    private final String purpose;
    private final AtomicBoolean warnedWrite = new AtomicBoolean();

    private SealedCache(Path dir, Repository repository, String purpose) {
        this.dir = dir;
        this.repository = repository;
        this.purpose = purpose;
    }

    /** The {@code purpose} part (e.g. {@code thumbnails-320}) of {@code cache}, sealed for {@code repository}. */
    public static SealedCache of(LocalCache cache, Repository repository, String purpose) {
        if (!purpose.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a cache purpose is lower-case letters, digits and '-': " + purpose);
        }
        return new SealedCache(cache.dir().resolve(purpose), repository, purpose);
    }

    public Path dir() {
        return dir;
    }

    /** The value made from {@code key}, if it is cached and opens. */
    public Optional<byte[]> get(String key) {
        String name = repository.cacheName(purpose, key);
        Path file = file(name);
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("could not read the cached {} {}: {} (it is made again)", purpose, file, e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(repository.openFromCache(name, sealed));
        } catch (IntegrityException e) {
            LOG.warn("the cached {} {} does not open ({}); it is removed and made again", purpose, file,
                    e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // made again next time either way
            }
            return Optional.empty();
        }
    }

    /** Keeps {@code value} as made from {@code key}; written whole or not at all. */
    public void put(String key, byte[] value) {
        String name = repository.cacheName(purpose, key);
        Path file = file(name);
        Path temp = file.resolveSibling("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temp, repository.sealForCache(name, value));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (warnedWrite.compareAndSet(false, true)) {
                LOG.warn("could not write the {} cache in {}: {} (set --cache-dir or vault.cache-dir to a writable"
                        + " folder; until then each view makes them again)", purpose, dir, e.getMessage());
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing was kept
            }
        }
    }

    private Path file(String name) {
        return dir.resolve(name.substring(0, 2)).resolve(name);
    }

    @Override
    public String toString() {
        return "SealedCache[" + dir + "]";
    }
}
