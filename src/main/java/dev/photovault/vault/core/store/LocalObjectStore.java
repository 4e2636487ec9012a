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
    /** Folders known to exist (made or seen by this process): a small file's write is then one mkdir fewer. */
    private final Set<Path> madeDirectories = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean swept = new java.util.concurrent.atomic.AtomicBoolean();
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
        directory(target.getParent());
        directory(tmp);
        if (swept.compareAndSet(false, true)) {
            sweepDeadWriters();
        }
        Path temp = tmp.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        try {
            // java.io streams write a heap array with one copy; NIO channels copy it into a direct buffer first.
            try (FileOutputStream out = openTemp(temp)) {
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

    private FileOutputStream openTemp(Path temp) throws IOException {
        try {
            return new FileOutputStream(temp.toFile());
        } catch (FileNotFoundException e) {
            if (Files.isDirectory(tmp)) {
                throw e;
            }
            madeDirectories.remove(tmp);
            directory(tmp);
            return new FileOutputStream(temp.toFile());
        }
    }

    /**
     * Makes a folder (and its parents) unless this process made or saw it already. A folder removed behind its back
     * (by hand) is made again when the write into it fails: see {@link #publish}.
     */
    private void directory(Path dir) throws IOException {
        if (!madeDirectories.contains(dir)) {
            Files.createDirectories(dir);
            madeDirectories.add(dir);
        }
    }

    private boolean publish(Path temp, Path target) throws IOException {
        if (hardLinks) {
            try {
                try {
                    Files.createLink(target, temp);
                } catch (NoSuchFileException gone) {
                    madeDirectories.remove(target.getParent());
                    directory(target.getParent());
                    Files.createLink(target, temp);
                }
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
    public byte[] getRange(String key, long offset, int length) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(resolve(key).toFile(), "r")) {
            long available = Math.max(0, Math.min(length, file.length() - offset));
            byte[] bytes = new byte[(int) available];
            file.seek(offset);
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

    /** {@code <host>.<pid>.}: temporary files say who writes them, so that a killed writer's are known. */
    private static final String TEMP_PREFIX = hostTag() + "." + ProcessHandle.current().pid() + ".";

    private static String hostTag() {
        String host = dev.photovault.vault.core.repository.Hosts.hostname().replaceAll("[^A-Za-z0-9_-]", "-");
        return host.length() > 64 ? host.substring(0, 64) : host;
    }

    /**
     * Removes the temporary files that writers on this host left when they were killed (their process is gone),
     * whatever their age; the first write of each store does it. Files of other hosts, or of a live process, stay.
     * @return how many were removed
     */
    public int sweepDeadWriters() throws IOException {
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        String host = hostTag() + ".";
        long self = ProcessHandle.current().pid();
        int removed = 0;
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.startsWith(host)) {
                    continue;
                }
                int dot = name.indexOf('.', host.length());
                long pid;
                try {
                    pid = dot < 0 ? -1 : Long.parseLong(name.substring(host.length(), dot));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid > 0 && pid != self && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    file.toFile().setWritable(true);
                    if (Files.deleteIfExists(file)) {
                        removed++;
                    }
                }
            }
        }
        return removed;
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
