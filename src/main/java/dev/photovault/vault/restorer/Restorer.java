package dev.photovault.vault.restorer;

import dev.photovault.vault.Progress;
import dev.photovault.vault.Workers;
import dev.photovault.vault.VaultException;
import dev.photovault.vault.repository.Repository;
import dev.photovault.vault.snapshot.Entry;
import dev.photovault.vault.snapshot.Snapshot;
import dev.photovault.vault.store.ObjectNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Writes a snapshot's files back to a folder, bit-exact, with their folders (albums) and modification times.
 * Each chunk is authenticated and its id recomputed as it is read; each file is written under a temporary name
 * and renamed into place only once complete, so a damaged file never appears under its real name; a damaged
 * file fails alone while the others restore.
 * A file already present with the right content is left alone, so an interrupted restore can simply be re-run.
 */
public final class Restorer {

    private final Repository repository;
    private final int workers;
    private final Progress progress;

    public Restorer(Repository repository, int workers, Progress progress) {
        this.repository = repository;
        this.workers = workers;
        this.progress = progress;
    }

    /** A filter from a glob on entry paths ({@code **}/{@code *.jpg}, {@code Summer/**}); null matches all. */
    public static Predicate<String> glob(String pattern) {
        if (pattern == null) {
            return path -> true;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        return path -> matcher.matches(Path.of(path));
    }

    public RestoreResult restore(Snapshot snapshot, Path target, Predicate<String> include) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        List<Entry> selected = snapshot.entries().stream().filter(e -> include.test(e.path())).toList();
        for (Entry e : selected) {
            if (e.isFile()) {
                progress.addTotal(1, e.size());
            }
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long[] written = new long[3];
        List<Entry> directories = new ArrayList<>();
        ExecutorService pool = Workers.pool("photovault-restore", workers);
        try {
            List<Future<Boolean>> files = new ArrayList<>();
            List<Entry> fileEntries = new ArrayList<>();
            for (Entry e : selected) {
                Path path = resolveInside(root, e.path());
                switch (e.type()) {
                    case DIR -> {
                        Files.createDirectories(path);
                        directories.add(e);
                    }
                    case SYMLINK -> {
                        Files.createDirectories(path.getParent());
                        Files.deleteIfExists(path);
                        Files.createSymbolicLink(path, Path.of(e.linkTarget()));
                    }
                    case FILE -> {
                        Files.createDirectories(path.getParent());
                        fileEntries.add(e);
                        files.add(pool.submit(() -> restoreFile(e, path, failures)));
                    }
                }
            }
            for (int i = 0; i < files.size(); i++) {
                Boolean wrote = Workers.await(files.get(i), "restore");
                if (wrote == null) {
                    continue;
                }
                if (wrote) {
                    written[0]++;
                    written[2] += fileEntries.get(i).size();
                } else {
                    written[1]++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // Folder times last, deepest first: writing their files would have changed them.
        for (int i = directories.size() - 1; i >= 0; i--) {
            Entry dir = directories.get(i);
            Files.setLastModifiedTime(resolveInside(root, dir.path()), FileTime.from(dir.mtime()));
        }
        List<String> sorted = new ArrayList<>(failures);
        Collections.sort(sorted);
        return new RestoreResult(written[0], written[1], written[2], sorted);
    }

    /** @return true if written, false if already there, null if it failed (recorded in {@code failures}) */
    private Boolean restoreFile(Entry e, Path path, List<String> failures) throws IOException {
        try {
            if (alreadyRestored(e, path)) {
                progress.itemDone();
                progress.bytesDone(e.size());
                return false;
            }
            Path temp = path.resolveSibling("." + path.getFileName() + ".photovault-restore");
            try {
                long size = 0;
                try (OutputStream out = new java.io.FileOutputStream(temp.toFile())) {
                    // Each chunk is authenticated (GCM) and its id recomputed (HMAC) by readChunk, and the chunk
                    // list comes from an authenticated snapshot, so the content is exactly what was backed up;
                    // a second SHA-256 pass over the file would only re-check our own code.
                    for (String id : e.chunks()) {
                        byte[] plain = repository.readChunk(id);
                        out.write(plain);
                        size += plain.length;
                        progress.bytesDone(plain.length);
                    }
                }
                if (size != e.size()) {
                    throw new VaultException("restored " + size + " bytes but the snapshot records " + e.size());
                }
                Files.setLastModifiedTime(temp, FileTime.from(e.mtime()));
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                progress.itemDone();
                return true;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (ObjectNotFoundException missing) {
            failures.add(e.path() + ": " + missing.getMessage() + " (the repository is damaged: run 'photovault check')");
            return null;
        } catch (VaultException damaged) {
            failures.add(e.path() + ": " + damaged.getMessage() + " (run 'photovault check --read-data')");
            return null;
        }
    }

    private static boolean alreadyRestored(Entry e, Path path) throws IOException {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.size(path) != e.size()) {
            return false;
        }
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        boolean same = HexFormat.of().formatHex(sha.digest()).equals(e.sha256());
        if (same && !Files.getLastModifiedTime(path).toInstant().equals(e.mtime())) {
            Files.setLastModifiedTime(path, FileTime.from(e.mtime()));
        }
        return same;
    }

    /** Entry paths come from the repository; one that would escape the target is refused, not followed. */
    static Path resolveInside(Path root, String entryPath) {
        Path path = root.resolve(entryPath).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new VaultException("refusing to restore " + entryPath + ": it points outside the target folder");
        }
        return path;
    }


    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
