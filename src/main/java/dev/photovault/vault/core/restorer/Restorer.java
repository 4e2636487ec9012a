package dev.photovault.vault.core.restorer;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.Workers;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.EntryNames;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.PatternSyntaxException;

/**
 * Writes a snapshot's files back to a folder, bit-exact, with their folders (albums) and modification times.
 * <ul>
 * <li>Each chunk is authenticated and its id recomputed as it is read; each file is written under a short
 * temporary name in its folder and renamed into place only once complete, so a damaged file never appears under
 * its real name.</li>
 * <li>Names are the bytes the backup read, whatever the JVM's locale ({@link EntryNames}).</li>
 * <li>Nothing is written through a symbolic link: a link already in the target where a folder of the snapshot
 * goes stops the entries below it, links of the snapshot are made last, and nothing lands outside the target.</li>
 * <li>A file that fails for any reason (damaged chunk, a folder standing where it goes, no space) is named and
 * the others go on.</li>
 * <li>A file already present with the right content is left alone, so an interrupted restore can be re-run.</li>
 * </ul>
 */
public final class Restorer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] TEMP_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Repository repository;
    private final int workers;
    private final Progress progress;
    private Sidecars.Format sidecars = Sidecars.Format.NONE;
    private Map<String, String> pathBySourceId = Map.of();
    private java.util.Set<String> snapshotPaths = java.util.Set.of();
    private boolean sync;

    /** The file that marks a folder as a mirror that {@code restore --sync} keeps (and may delete in). */
    public static final String MIRROR_MARKER = ".photovault-mirror";

    public Restorer(Repository repository, int workers, Progress progress) {
        if (workers < 1) {
            throw new VaultException("the number of workers must be at least 1, not " + workers);
        }
        this.repository = repository;
        this.workers = workers;
        this.progress = progress;
    }

    /**
     * Also writes a sidecar beside every restored photo that has metadata (taken time, place, caption, albums,
     * people, favourite): {@code <file>.json} or {@code <file>.xmp}. Not where the snapshot has a file of that name.
     */
    public Restorer withSidecars(Sidecars.Format format) {
        this.sidecars = format == null ? Sidecars.Format.NONE : format;
        return this;
    }

    /**
     * Keeps the target a mirror of the snapshot: after writing what is new or changed, removes the files (and then
     * empty folders) that the snapshot does not hold, among the paths {@code include} selects. Only in a folder
     * that is empty or that an earlier sync marked with {@link #MIRROR_MARKER}: photovault never deletes in a
     * folder it did not make.
     */
    public Restorer withSync(boolean sync) {
        this.sync = sync;
        return this;
    }

    /**
     * A filter from a glob on entry paths ({@code **}/{@code *.jpg}, {@code Summer/**}); null matches all.
     *
     * @throws VaultException when the pattern is not a valid glob
     */
    public static Predicate<String> glob(String pattern) {
        if (pattern == null) {
            return path -> true;
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new VaultException("--include '" + pattern + "' is not a valid pattern ("
                    + (e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage())
                    + "): use * within a folder, ** across folders, ? for one character, {a,b} for either");
        }
        return path -> {
            try {
                return matcher.matches(Path.of(path));
            } catch (RuntimeException unrepresentable) {
                return false;
            }
        };
    }

    public RestoreResult restore(Snapshot snapshot, Path target, Predicate<String> include) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        if (sync) {
            Path marker = root.resolve(MIRROR_MARKER);
            if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
                try (var children = Files.list(root)) {
                    if (children.findAny().isPresent()) {
                        throw new VaultException(root + " is not empty and was not made by 'restore --sync':"
                                + " photovault never deletes files it did not write; sync into an empty folder");
                    }
                }
                Files.writeString(marker, "This folder is a mirror kept by 'photovault restore --sync': files the"
                        + " snapshot does not hold are removed.\n");
            } else if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
                throw new VaultException(marker + " is not a regular file; refusing to sync into " + root);
            }
        }
        List<Entry> selected = new ArrayList<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (Entry e : snapshot.entries()) {
            if (!include.test(e.path())) {
                continue;
            }
            if (!paths.add(e.path())) {
                // Snapshots written before paths were unique may repeat one: never let one silently replace another.
                failures.add(e.path() + ": another entry of the snapshot has this path; only the first was restored");
                continue;
            }
            selected.add(e);
        }
        for (Entry e : selected) {
            if (e.isFile()) {
                progress.addTotal(1, e.size());
            }
        }
        if (sidecars != Sidecars.Format.NONE) {
            pathBySourceId = Sidecars.pathsBySourceId(snapshot.entries());
            snapshotPaths = snapshot.entries().stream().map(Entry::path).collect(java.util.stream.Collectors.toSet());
        }
        long[] written = new long[3];
        List<Entry> directories = new ArrayList<>();
        List<Entry> links = new ArrayList<>();
        ExecutorService pool = Workers.pool("photovault-restore", workers);
        try {
            List<Future<Boolean>> files = new ArrayList<>();
            List<Entry> fileEntries = new ArrayList<>();
            for (Entry e : selected) {
                switch (e.type()) {
                    case DIR -> {
                        if (attempt(e, failures, () -> directory(root, EntryNames.resolve(root, e), e))) {
                            directories.add(e);
                        }
                    }
                    case SYMLINK -> links.add(e);
                    case FILE -> {
                        fileEntries.add(e);
                        files.add(pool.submit(() -> restoreFile(root, e, failures)));
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
        // Links last: made earlier, one could redirect a file of the snapshot out of the target.
        for (Entry link : links) {
            attempt(link, failures, () -> link(root, link));
        }
        // Folder times last, deepest first: writing their files would have changed them.
        for (int i = directories.size() - 1; i >= 0; i--) {
            Entry dir = directories.get(i);
            attempt(dir, failures, () -> Files.setLastModifiedTime(EntryNames.resolve(root, dir),
                    FileTime.from(dir.mtime())));
        }
        long removed = sync ? prune(root, snapshot, selected, include, failures) : 0;
        List<String> sorted = new ArrayList<>(failures);
        Collections.sort(sorted);
        return new RestoreResult(written[0], written[1], written[2], sorted, removed);
    }

    /** Removes from a mirror what the snapshot does not hold; never follows a link, never leaves {@code root}. */
    private long prune(Path root, Snapshot snapshot, List<Entry> selected, Predicate<String> include,
            List<String> failures) throws IOException {
        java.util.Set<Path> keep = new java.util.HashSet<>();
        keep.add(root.resolve(MIRROR_MARKER));
        for (Entry e : selected) {
            Path p = EntryNames.resolve(root, e);
            keep.add(p);
            if (sidecars != Sidecars.Format.NONE) {
                keep.add(p.resolveSibling(p.getFileName() + sidecars.suffix()));
            }
            for (Path parent = p.getParent(); parent != null && !parent.equals(root); parent = parent.getParent()) {
                keep.add(parent);
            }
        }
        List<Path> remove = new ArrayList<>();
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!keep.contains(file) && selectedByInclude(root, file, include)) {
                    remove.add(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (!dir.equals(root) && !keep.contains(dir) && selectedByInclude(root, dir, include)) {
                    remove.add(dir);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        long removed = 0;
        for (Path p : remove) {
            try {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (var children = Files.list(p)) {
                        if (children.findAny().isPresent()) {
                            continue; // something in it is kept (or could not be removed)
                        }
                    }
                }
                Files.delete(p);
                removed++;
            } catch (IOException io) {
                failures.add(display(root, p) + ": could not be removed from the mirror: " + describe(io, p));
            }
        }
        return removed;
    }

    private static boolean selectedByInclude(Path root, Path p, Predicate<String> include) {
        String relative = root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
        return include.test(relative) || include.test(relative + "/x");
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Runs one entry's step; a failure is recorded, naming the entry, and the restore goes on. */
    private static boolean attempt(Entry e, List<String> failures, Step step) {
        try {
            step.run();
            return true;
        } catch (IOException | VaultException ex) {
            failures.add(e.path() + ": " + describe(ex, null));
            return false;
        }
    }

    /** @return true if written, false if already there, null if it failed (recorded in {@code failures}) */
    private Boolean restoreFile(Path root, Entry e, List<String> failures) {
        Path path = null;
        try {
            path = EntryNames.resolve(root, e);
            Path parent = path.getParent();
            directory(root, parent, e);
            sweepTemps(parent);
            BasicFileAttributes existing = attributes(path);
            if (existing != null && existing.isDirectory()) {
                throw new VaultException("a folder stands where the file goes; move it away and restore again");
            }
            if (existing != null && existing.isRegularFile() && alreadyRestored(e, path, existing)) {
                progress.itemDone();
                progress.bytesDone(e.size());
                sidecar(path, e, failures);
                return false;
            }
            Path temp = createTemp(parent);
            try {
                long size = 0;
                try (OutputStream out = open(temp, e)) {
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
                // A rename replaces a link standing at the final name, never what it points to.
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                progress.itemDone();
                sidecar(path, e, failures);
                return true;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (ObjectNotFoundException missing) {
            failures.add(e.path() + ": " + missing.getMessage() + " (the repository is damaged: run 'photovault check')");
        } catch (VaultException damaged) {
            failures.add(e.path() + ": " + damaged.getMessage()
                    + (damaged instanceof dev.photovault.vault.core.crypto.IntegrityException
                            ? " (run 'photovault check --read-data')" : ""));
        } catch (IOException io) {
            failures.add(e.path() + ": " + describe(io, path));
        }
        return null;
    }

    /** Writes the entry's sidecar beside its restored file, atomically and never through a link. */
    private void sidecar(Path file, Entry e, List<String> failures) {
        if (sidecars == Sidecars.Format.NONE || !Sidecars.worthOne(e)
                || snapshotPaths.contains(e.path() + sidecars.suffix())) {
            return;
        }
        Path target = file.resolveSibling(file.getFileName() + sidecars.suffix());
        try {
            byte[] bytes = sidecars == Sidecars.Format.XMP ? Sidecars.xmp(e)
                    : dev.photovault.vault.core.VaultJson.MAPPER.writerWithDefaultPrettyPrinter()
                            .writeValueAsBytes(Sidecars.fields(e, pathBySourceId));
            Path temp = createTemp(file.getParent());
            try {
                Files.write(temp, bytes);
                Files.setLastModifiedTime(temp, FileTime.from(e.mtime()));
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException io) {
            failures.add(e.path() + sidecars.suffix() + ": " + describe(io, target));
        }
    }

    /**
     * Makes sure {@code dir} is a real folder below {@code root}, creating what is missing, without following a
     * link on the way.
     */
    private static void directory(Path root, Path dir, Entry e) throws IOException {
        if (dir.equals(root)) {
            return;
        }
        Path relative = root.relativize(dir);
        Path at = root;
        for (Path segment : relative) {
            at = at.resolve(segment);
            BasicFileAttributes attrs = attributes(at);
            if (attrs == null) {
                try {
                    Files.createDirectory(at);
                    continue;
                } catch (FileAlreadyExistsException raced) {
                    attrs = attributes(at);
                    if (attrs == null) {
                        throw raced;
                    }
                }
            }
            if (attrs.isSymbolicLink()) {
                throw new VaultException(display(root, at) + " in the target is a symbolic link; photovault does"
                        + " not write through links: remove it, or restore into an empty folder");
            }
            if (!attrs.isDirectory()) {
                throw new VaultException(display(root, at) + " in the target is a file where the snapshot has a"
                        + " folder; move it away and restore again");
            }
        }
    }

    private static void link(Path root, Entry e) throws IOException {
        Path path = EntryNames.resolve(root, e);
        directory(root, path.getParent(), e);
        BasicFileAttributes existing = attributes(path);
        if (existing != null) {
            if (existing.isDirectory()) {
                throw new VaultException("a folder stands where the link goes; move it away and restore again");
            }
            Files.delete(path); // a file or link: replaced, never followed
        }
        Files.createSymbolicLink(path, Path.of(e.linkTarget()));
    }

    /**
     * java.io writes a heap array with one copy fewer than NIO channels; it takes the path as text, so it is used
     * only when the text is exactly the name's bytes.
     */
    private static OutputStream open(Path temp, Entry e) throws IOException {
        if (EntryNames.jvmNamesAreUtf8() && e.rawPath() == null && temp.toString().indexOf('\uFFFD') < 0) {
            return new java.io.FileOutputStream(temp.toFile());
        }
        return Files.newOutputStream(temp, StandardOpenOption.WRITE);
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /**
     * A new empty file in {@code parent} named {@code .pv<pid in base 36>-<random>} (16 bytes, 24 at most, short
     * enough for every file system), so that a restore killed on this host leaves files the next one recognises
     * as its own ({@link #sweepTemps}).
     */
    private static Path createTemp(Path parent) throws IOException {
        String prefix = TEMP_PREFIX + Long.toString(ProcessHandle.current().pid(), 36) + "-";
        int length = Math.min(24, Math.max(16, prefix.length() + 8));
        for (int attempt = 0; ; attempt++) {
            StringBuilder name = new StringBuilder(prefix);
            while (name.length() < length) {
                name.append(TEMP_ALPHABET[RANDOM.nextInt(TEMP_ALPHABET.length)]);
            }
            try {
                return Files.createFile(parent.resolve(name.toString()));
            } catch (FileAlreadyExistsException taken) {
                if (attempt > 10) {
                    throw taken;
                }
            }
        }
    }

    private static final String TEMP_PREFIX = ".pv";
    private static final java.util.regex.Pattern TEMP_NAME =
            java.util.regex.Pattern.compile("\\.pv([0-9a-z]{1,13})-[0-9a-z]{4,}");

    /** Folders already swept in this run. */
    private final java.util.Set<Path> swept = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Deletes the temporary files that restores killed on this host left in {@code dir}: regular files named
     * {@code .pv<pid>-<random>} whose process is gone (a running restore's files are left alone), once per folder.
     */
    private void sweepTemps(Path dir) {
        if (!swept.add(dir)) {
            return;
        }
        try (var names = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path p : names) {
                java.util.regex.Matcher m = TEMP_NAME.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1), 36);
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Leftovers cost only space; never fail a restore over them.
        }
    }

    private static boolean alreadyRestored(Entry e, Path path, BasicFileAttributes attrs) throws IOException {
        if (attrs.size() != e.size()) {
            return false;
        }
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        boolean same = HexFormat.of().formatHex(sha.digest()).equals(e.sha256());
        if (same && !attrs.lastModifiedTime().toInstant().equals(e.mtime())) {
            Files.setLastModifiedTime(path, FileTime.from(e.mtime()));
        }
        return same;
    }

    private static String display(Path root, Path at) {
        return EntryNames.relative(root, at).display();
    }

    /** An I/O failure in words, naming the path, with what to do when the user can do something. */
    static String describe(Exception e, Path writing) {
        if (e instanceof VaultException) {
            return e.getMessage();
        }
        String file = e instanceof FileSystemException fse && fse.getFile() != null ? fse.getFile()
                : writing == null ? null : writing.toString();
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : String.valueOf(e.getMessage());
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) {
            return "no space left on device" + (file == null ? "" : " writing " + file)
                    + ": free space in the target and restore again (files already restored are kept)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied" + (file == null ? "" : " on " + file);
        }
        return (file == null ? "" : file + ": ") + reason;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
