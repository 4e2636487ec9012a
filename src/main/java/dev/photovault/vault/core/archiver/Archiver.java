package dev.photovault.vault.core.archiver;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.Workers;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.repository.ChunkIndex;
import dev.photovault.vault.core.repository.Hosts;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.EntryNames;
import dev.photovault.vault.core.snapshot.EntryType;
import dev.photovault.vault.core.snapshot.MediaInfo;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotHeader;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.snapshot.SnapshotStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up local folders into a snapshot. A file whose path, size, modification time and inode match the
 * parent snapshot is taken from it without being read; every other file is read once, chunked and stored.
 * The first-level folder under a root is the file's album. Files that cannot be read are listed in the
 * snapshot as missing (it is then partial); a failure of the repository itself stops the backup with nothing
 * half-written: the chunks already stored are reused by the next run.
 */
public final class Archiver {

    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);

    private final Repository repository;
    private final BackupOptions options;
    private final Progress progress;

    public Archiver(Repository repository, BackupOptions options, Progress progress) {
        this.repository = repository;
        this.options = options;
        this.progress = progress;
    }

    /** A file or folder found by the walk, before its content is stored. */
    private record Found(EntryNames.Name name, Path file, EntryType type, long size, Instant mtime, Long inode,
            List<String> albums, String linkTarget) {
        String path() {
            return name.display();
        }
    }

    /**
     * What a walk of the folders to back up found, before any content is read. Made without the repository, so a
     * command can walk the tree while the passphrase's key is being derived on another core. Used once.
     */
    public static final class Scan {
        private final long started;
        private final Instant time;
        private final List<String> paths;
        private final List<Found> found;
        private final List<String> missing;

        private Scan(long started, Instant time, List<String> paths, List<Found> found, List<String> missing) {
            this.started = started;
            this.time = time;
            this.paths = paths;
            this.found = found;
            this.missing = missing;
        }
    }

    /**
     * Walks {@code roots}, adding what is to be read to {@code progress}'s totals.
     *
     * @throws VaultException when a root does not exist, or two roots share a name
     */
    public static Scan scan(List<Path> roots, Progress progress) throws IOException {
        long started = System.nanoTime();
        Instant time = Instant.now();
        List<Path> absolute = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<String> paths = absolute.stream().map(Path::toString).sorted().toList();
        List<String> missing = new ArrayList<>();
        return new Scan(started, time, paths, walk(absolute, missing, progress), missing);
    }

    public BackupResult backup(List<Path> roots) throws IOException {
        return backup(scan(roots, progress));
    }

    /** Backs up what {@code scan} found (made with this archiver's progress). */
    public BackupResult backup(Scan scan) throws IOException {
        long started = scan.started;
        Instant time = scan.time;
        List<String> paths = scan.paths;
        List<String> missing = scan.missing;
        List<Found> found = scan.found;
        Optional<SnapshotRef> parentRef = findParent(paths);
        Map<String, Entry> parent = new HashMap<>();
        if (parentRef.isPresent()) {
            for (Entry e : repository.loadSnapshot(parentRef.get().id()).entries()) {
                parent.put(e.path(), e);
            }
            LOG.debug("comparing against parent snapshot {}", parentRef.get().shortId());
        }

        ChunkIndex index = repository.loadIndex();
        List<Entry> entries = new ArrayList<>();
        long[] counts = new long[3]; // files, dirs, unchanged
        long totalBytes = 0;
        SnapshotStats stats;

        ExecutorService pool = Workers.pool("photovault-backup", options.workers());
        try (ContentWriter writer = new ContentWriter(repository, index, options.dryRun())) {
            List<Future<Entry>> pendingFiles = new ArrayList<>();
            List<Found> pendingFound = new ArrayList<>();
            for (Found f : found) {
                switch (f.type()) {
                    case DIR -> {
                        counts[1]++;
                        entries.add(Entry.directory(f.path(), f.mtime()).withName(f.name()));
                    }
                    case SYMLINK -> entries.add(Entry.symlink(f.path(), f.mtime(), f.linkTarget()).withName(f.name()));
                    case FILE -> {
                        counts[0]++;
                        totalBytes += f.size();
                        Entry previous = parent.get(f.path());
                        if (unchanged(f, previous, index)) {
                            counts[2]++;
                            entries.add(previous);
                            progress.itemDone();
                            progress.bytesDone(f.size());
                        } else {
                            entries.add(null); // placeholder, filled in path order below
                            pendingFound.add(f);
                            pendingFiles.add(pool.submit(() -> store(f, writer)));
                        }
                    }
                }
            }
            int next = 0;
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) != null) {
                    continue;
                }
                Found f = pendingFound.get(next);
                Entry stored = Workers.await(pendingFiles.get(next++), "backup");
                if (stored == null) {
                    missing.add(f.path());
                    counts[0]--;
                    totalBytes -= f.size();
                }
                entries.set(i, stored);
            }
            writer.finish();
            stats = new SnapshotStats(counts[0], counts[1], totalBytes, counts[0] - counts[2], counts[2],
                    writer.bytesRead(), writer.chunksNew(), writer.bytesNew(), writer.bytesStored(),
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
        entries.removeIf(e -> e == null);

        SnapshotHeader header = new SnapshotHeader(time, Hosts.hostname(), Hosts.username(), "local", paths,
                options.tags(), parentRef.map(SnapshotRef::id).orElse(null), !missing.isEmpty(), missing, stats);
        if (options.dryRun()) {
            return new BackupResult(null, header);
        }
        String id = repository.saveSnapshot(Snapshot.build(header, entries));
        return new BackupResult(id, header);
    }

    private Entry store(Found f, ContentWriter writer) throws IOException {
        try (InputStream in = Files.newInputStream(f.file(), LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes before = Files.readAttributes(f.file(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            StoredContent content = writer.write(in, progress::bytesDone);
            progress.itemDone();
            BasicFileAttributes after = Files.readAttributes(f.file(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (content.size() != before.size() || after.size() != before.size()
                    || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
                // What was read may be half old, half new: not a copy worth keeping. Its chunks stay unreferenced.
                LOG.warn("{} changed while it was being read: it is left out of this snapshot and the next backup"
                        + " reads it again", f.file());
                return null;
            }
            return Entry.file(f.path(), content.size(), before.lastModifiedTime().toInstant(), f.inode(),
                    content.sha256(), f.albums(), content.chunks(),
                    MediaInfo.ofMimeType(MediaTypes.guess(f.path()))).withName(f.name());
        } catch (java.nio.file.NoSuchFileException e) {
            LOG.warn("could not read {}: it was removed during the backup", f.file());
            return null;
        } catch (java.nio.file.AccessDeniedException e) {
            LOG.warn("could not read {}: permission denied", f.file());
            return null;
        } catch (SourceReadException e) {
            LOG.warn("could not read {}: {}", f.file(), e.getMessage());
            return null;
        }
    }


    private static boolean unchanged(Found f, Entry previous, ChunkIndex index) {
        return previous != null && previous.isFile() && previous.size() == f.size()
                && previous.mtime().equals(f.mtime()) && java.util.Objects.equals(previous.inode(), f.inode())
                && previous.chunks().stream().allMatch(index::contains);
    }

    private Optional<SnapshotRef> findParent(List<String> paths) throws IOException {
        if (options.parent() != null) {
            return Optional.of(repository.resolveSnapshot(options.parent()));
        }
        String host = Hosts.hostname();
        List<SnapshotRef> all = repository.listSnapshots();
        for (int i = all.size() - 1; i >= 0; i--) {
            SnapshotHeader h = all.get(i).header();
            if ("local".equals(h.source()) && h.hostname().equals(host) && h.paths().equals(paths)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    private static List<Found> walk(List<Path> roots, List<String> missing, Progress progress) throws IOException {
        boolean prefixed = roots.size() > 1;
        boolean[] warnedEncoding = {false};
        Set<String> names = new HashSet<>();
        List<Found> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new VaultException("nothing to back up at " + root + ": no such file or folder");
            }
            String rootName = root.getFileName() == null ? "root" : root.getFileName().toString();
            if (prefixed && !names.add(rootName)) {
                throw new VaultException("two paths to back up share the name " + rootName
                        + ": back them up separately or from a common parent folder");
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)) {
                        add(dir, attrs);
                    } else if (prefixed) {
                        add(dir, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    add(file, attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.warn("could not read {}: {}", file, e.getMessage());
                    return FileVisitResult.CONTINUE;
                }

                private void add(Path file, BasicFileAttributes attrs) {
                    EntryNames.Name name = EntryNames.relative(root, file);
                    if (prefixed && !file.equals(root)) {
                        name = EntryNames.of(join(EntryNames.relative(root.getParent() == null ? root : root.getParent(),
                                root), name));
                    }
                    if (!EntryNames.jvmNamesAreUtf8() && !warnedEncoding[0]
                            && !name.display().chars().allMatch(c -> c < 0x80)) {
                        warnedEncoding[0] = true;
                        LOG.warn("this Java reads file names as {} (the C or POSIX locale?): names are stored exactly,"
                                + " but shown mangled in messages and arguments; run photovault in a UTF-8 locale"
                                + " (LANG=C.UTF-8)", System.getProperty("sun.jnu.encoding"));
                    }
                    String relative = name.display();
                    List<String> segments = List.of(relative.split("/"));
                    int albumAt = prefixed ? 1 : 0;
                    List<String> albums = segments.size() > albumAt + 1 ? List.of(segments.get(albumAt)) : List.of();
                    Instant mtime = attrs.lastModifiedTime().toInstant();
                    if (attrs.isDirectory()) {
                        found.add(new Found(name, file, EntryType.DIR, 0, mtime, null, List.of(), null));
                    } else if (attrs.isSymbolicLink()) {
                        found.add(new Found(name, file, EntryType.SYMLINK, 0, mtime, null, List.of(), readLink(file)));
                    } else if (attrs.isRegularFile()) {
                        found.add(new Found(name, file, EntryType.FILE, attrs.size(), mtime, inode(file, attrs), albums, null));
                        progress.addTotal(1, attrs.size());
                    } else {
                        LOG.warn("skipping {}: not a regular file, folder or link", file);
                    }
                }
            });
        }
        found.sort(Comparator.comparing(Found::path));
        // Paths are unique in a snapshot. Two names can only show alike when one spells out "\\xHH" and the other
        // has that invalid byte; the second is named and left out rather than merged with the first.
        List<Found> unique = new ArrayList<>(found.size());
        for (Found f : found) {
            if (!unique.isEmpty() && unique.get(unique.size() - 1).path().equals(f.path())) {
                LOG.warn("{} is left out: its name shows like another's ({}); rename one of them", f.file(), f.path());
                missing.add(f.path());
                if (f.type() == EntryType.FILE) {
                    progress.addTotal(-1, -f.size());
                }
                continue;
            }
            unique.add(f);
        }
        progress.totalsFinal();
        return unique;
    }

    private static byte[] join(EntryNames.Name first, EntryNames.Name second) {
        byte[] a = first.bytes();
        byte[] b = second.bytes();
        byte[] out = new byte[a.length + 1 + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        out[a.length] = '/';
        System.arraycopy(b, 0, out, a.length + 1, b.length);
        return out;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** On Linux and macOS the JDK's file key prints as {@code (dev=<hex>,ino=<decimal>)}. */
    private static final java.util.regex.Pattern FILE_KEY =
            java.util.regex.Pattern.compile("\\(dev=[0-9a-f]+,ino=([0-9]+)\\)");

    /**
     * The file's inode number, from the attributes the walk already read when their file key shows it (one
     * {@code stat} per file instead of two, which counts at a hundred thousand files), else asked for.
     */
    static Long inode(Path file, BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        if (key != null) {
            java.util.regex.Matcher m = FILE_KEY.matcher(key.toString());
            if (m.matches() && m.group(1).length() < 19) {
                return Long.parseLong(m.group(1));
            }
        }
        return inode(file);
    }

    static Long inode(Path file) {
        try {
            Object ino = Files.getAttribute(file, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return ino instanceof Number n ? n.longValue() : null;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return null;
        }
    }
}
