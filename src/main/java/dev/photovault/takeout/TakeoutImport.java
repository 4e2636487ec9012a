package dev.photovault.takeout;

import dev.photovault.takeout.SidecarMatcher.FolderInfo;
import dev.photovault.takeout.SidecarMatcher.Kind;
import dev.photovault.takeout.SidecarMatcher.Match;
import dev.photovault.takeout.TakeoutListing.Folder;
import dev.photovault.takeout.TakeoutListing.JsonFile;
import dev.photovault.takeout.TakeoutListing.MediaFile;
import dev.photovault.takeout.TakeoutNames.Rule;
import dev.photovault.takeout.TakeoutParts.Part;
import dev.photovault.takeout.TakeoutParts.PartSet;
import dev.photovault.vault.core.archiver.SourceReadException;
import dev.photovault.vault.core.archiver.StoredContent;
import dev.photovault.vault.core.backup.BackupItem;
import dev.photovault.vault.core.backup.ItemBackup;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.MediaInfo;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one Google Takeout export into an {@link ItemBackup} as one snapshot, streaming: a zip part's central
 * directory is read first and its entries inflated one by one (in parallel, straight into the chunker); a tgz part
 * (or a zip whose central directory is gone) is read once, in order. Nothing is extracted to disk, and only names,
 * sizes and parsed JSON are held across parts, so memory does not grow with the export's size. Once every part is
 * read, sidecars are matched to media across all parts ({@link SidecarMatcher}), copies of one content in several
 * folders become one entry with every album, and the entries are stored with their metadata.
 * <p>
 * A zip entry whose name, size and CRC-32 match a file of the previous Takeout snapshot is not inflated at all.
 * Hostile entries (a {@code ..} or absolute name, a link, a zip bomb, a damaged or cut-off entry) are refused,
 * each named in the report; everything else imports.
 */
public final class TakeoutImport {

    private static final Logger LOG = LoggerFactory.getLogger(TakeoutImport.class);

    /** JSON files larger than this are not sidecars (and would be held in memory): refused. */
    static final int MAX_JSON_BYTES = 8 << 20;
    /** Entries per part beyond which a part is refused as hostile. */
    static final int MAX_ENTRIES_PER_PART = 2_000_000;
    /** The Photos root's name in the languages Takeout is known to use (others are found by their sidecars). */
    static final Set<String> PHOTOS_ROOTS = Set.of("google photos", "google foto", "google fotos", "fotky google",
            "google фото", "google снимки", "zdjęcia google", "google photos (1)", "google-fotos", "google 相簿",
            "google 相册", "google フォト", "google 포토", "google kuvat", "google φωτογραφίες", "google fotoğraflar");
    private static final Set<String> SKIPPED_FILES = Set.of(".ds_store", "thumbs.db", "desktop.ini");

    /**
     * How an import runs.
     *
     * @param allowMissingParts import an export with gaps in its part numbers (the snapshot is then partial)
     * @param workers           zip entries inflated at once
     */
    public record Options(boolean allowMissingParts, int workers) {
        public Options {
            workers = Math.max(1, workers);
        }

        public static Options defaults() {
            return new Options(false, Math.max(2, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** One file of the previous Takeout snapshot, by its name in the export. */
    private record Known(long size, Long crc32, Entry entry) {
    }

    private final ItemBackup backup;
    private final Options options;
    private final TakeoutListing listing = new TakeoutListing();
    private final TakeoutReport report = new TakeoutReport();
    private final Map<String, Known> known = new HashMap<>();
    private final AtomicReference<IOException> fatal = new AtomicReference<>();
    private final AtomicLong reusedUnread = new AtomicLong();

    private TakeoutImport(ItemBackup backup, Options options) {
        this.backup = backup;
        this.options = options;
        for (Entry e : backup.previousEntries()) {
            if (e.media() != null && e.media().sourceFiles() != null) {
                for (MediaInfo.SourceFile f : e.media().sourceFiles()) {
                    known.put(f.name(), new Known(f.size(), f.crc32(), e));
                }
            }
        }
    }

    /**
     * Reads the parts of one export and stores its items into {@code backup} (which the caller commits). The
     * report is also handed to the backup, to be kept in the snapshot header.
     *
     * @throws TakeoutException if the parts are not one complete export (and missing parts are not allowed)
     * @throws IOException      if the repository could not be written
     */
    public static TakeoutReport run(List<Path> parts, ItemBackup backup, Options options) throws IOException {
        return new TakeoutImport(backup, options).run(parts);
    }

    /**
     * Checks that {@code parts} are one export, numbered without gaps (unless allowed), before anything is opened.
     *
     * @throws TakeoutException naming the missing or foreign part
     */
    public static void checkParts(List<Path> parts, boolean allowMissingParts) throws IOException {
        TakeoutParts.check(parts, allowMissingParts);
    }

    private TakeoutReport run(List<Path> paths) throws IOException {
        PartSet set = TakeoutParts.check(paths, options.allowMissingParts());
        set.missing().forEach(m -> {
            report.missingPart(m);
            backup.reportMissing("part " + m + " (not given)");
        });
        set.parts().stream().map(Part::export).filter(e -> e != null).findFirst().ifPresent(report::export);
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "photovault-takeout");
            t.setDaemon(true);
            return t;
        });
        List<ZipFile> open = new ArrayList<>();
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (Part part : set.parts()) {
                ZipFile zip = part.kind() == TakeoutParts.Kind.ZIP ? openZip(part) : null;
                if (zip != null) {
                    open.add(zip);
                    listZip(part, zip, pool, tasks);
                } else {
                    tasks.add(pool.submit(() -> {
                        stream(part);
                        return null;
                    }));
                }
            }
            for (Future<?> f : tasks) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    fatal.compareAndSet(null, c instanceof IOException io ? io : new IOException(c.getMessage(), c));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("the Takeout import was interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
            for (ZipFile z : open) {
                z.close();
            }
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        store();
        report.reusedUnread(reusedUnread.get());
        backup.sourceReport(report.toMap());
        return report;
    }

    // ---- reading -------------------------------------------------------------------------------------------

    private ZipFile openZip(Part part) {
        try {
            return ZipFile.builder().setPath(part.path()).setUseUnicodeExtraFields(true).get();
        } catch (IOException e) {
            report.note(part.name() + ": its central directory cannot be read (" + e.getMessage()
                    + "); reading it from the start instead");
            return null;
        }
    }

    private void listZip(Part part, ZipFile zip, ExecutorService pool, List<Future<?>> tasks) throws IOException {
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
            if (++count > MAX_ENTRIES_PER_PART) {
                report.reject(part.name(), "(entry " + count + ")", "more than " + MAX_ENTRIES_PER_PART
                        + " entries in one part: the rest of the part is not read");
                break;
            }
            String name = accept(part, e.getName(), e.isDirectory(), e.isUnixSymlink() ? "a symbolic link" : null,
                    seen);
            if (name == null) {
                continue;
            }
            Long crc = e.getCrc() >= 0 ? e.getCrc() : null;
            long declared = e.getSize();
            long compressed = e.getCompressedSize();
            if (declared > declaredLimit(compressed)) {
                report.reject(part.name(), e.getName(), "its header declares " + declared + " bytes from " + compressed
                        + " compressed, a ratio over " + InflationGuard.MAX_RATIO + ":1 (a zip bomb?)");
                continue;
            }
            if (isJson(name)) {
                if (declared > MAX_JSON_BYTES) {
                    report.reject(part.name(), e.getName(), "a JSON file of " + declared + " bytes is no sidecar");
                    continue;
                }
                try (InputStream in = guard(zip.getInputStream(e), declared, () -> compressed, crc, true)) {
                    json(part, name, readJson(part, e.getName(), in));
                } catch (IOException x) {
                    report.reject(part.name(), e.getName(), x.getMessage());
                }
                continue;
            }
            MediaFile m = media(part, name, declared, crc);
            if (m == null) {
                continue;
            }
            m.modified = modified(e);
            Known k = known.get(m.name);
            if (k != null && k.size() == declared && k.crc32() != null && k.crc32().equals(crc)
                    && backup.indexed(k.entry().chunks())) {
                reuse(m, k.entry());
                listing.add(m);
                continue;
            }
            tasks.add(pool.submit(() -> {
                if (fatal.get() != null) {
                    return null;
                }
                try (InputStream in = guard(open(zip, e), declared, () -> compressed, crc, true)) {
                    read(m, in);
                    listing.add(m);
                } catch (BadMedia x) {
                    report.reject(part.name(), e.getName(), x.getMessage());
                    backup.reportMissing(m.name + " (" + part.name() + ")");
                }
                return null;
            }));
        }
    }

    /**
     * A zip entry's content, read in large blocks: STORED and DEFLATED entries straight from the raw data (the
     * library's own stream inflates through a 512-byte buffer, one read call each), anything else through the
     * library.
     */
    private static InputStream open(ZipFile zip, ZipArchiveEntry e) throws IOException {
        if (e.getGeneralPurposeBit().usesEncryption()) {
            throw new BadMedia("an encrypted entry (Takeout never encrypts: is this a Takeout part?)");
        }
        if (e.getMethod() == java.util.zip.ZipEntry.STORED) {
            return new BufferedInputStream(zip.getRawInputStream(e), 1 << 16);
        }
        if (e.getMethod() == java.util.zip.ZipEntry.DEFLATED) {
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            // One byte past the raw data, as java.util.zip does: a raw inflater may need it to see the end.
            InputStream raw = new java.io.SequenceInputStream(new BufferedInputStream(zip.getRawInputStream(e), 1 << 16),
                    new java.io.ByteArrayInputStream(new byte[1]));
            return new java.util.zip.InflaterInputStream(raw, inflater, 1 << 16) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        inflater.end();
                    }
                }
            };
        }
        return zip.getInputStream(e);
    }

    private static long declaredLimit(long compressed) {
        return Math.max(InflationGuard.RATIO_FLOOR, InflationGuard.MAX_RATIO * Math.max(compressed, 1));
    }

    /** Reads a tgz part, or a zip without central directory, once from start to end. */
    private void stream(Part part) throws IOException {
        CountingInput raw = new CountingInput(new BufferedInputStream(Files.newInputStream(part.path()), 1 << 16));
        Set<String> seen = new HashSet<>();
        String current = null;
        int count = 0;
        try (raw; var archive = part.kind() == TakeoutParts.Kind.TGZ
                ? new TarArchiveInputStream(new GzipCompressorInputStream(raw, true), "UTF-8")
                : new ZipArchiveInputStream(raw, "UTF-8", true, true)) {
            ArchiveEntry e;
            while ((e = archive.getNextEntry()) != null) {
                if (fatal.get() != null) {
                    return;
                }
                current = e.getName();
                if (++count > MAX_ENTRIES_PER_PART) {
                    report.reject(part.name(), "(entry " + count + ")", "more than " + MAX_ENTRIES_PER_PART
                            + " entries in one part: the rest of the part is not read");
                    return;
                }
                String bad = null;
                if (e instanceof TarArchiveEntry t) {
                    bad = t.isSymbolicLink() ? "a symbolic link (to " + t.getLinkName() + ")"
                            : t.isLink() ? "a hard link (to " + t.getLinkName() + ")"
                            : !t.isDirectory() && !t.isFile() ? "not a regular file (a device, pipe or other special entry)"
                            : null;
                } else if (e instanceof ZipArchiveEntry z && z.isUnixSymlink()) {
                    bad = "a symbolic link";
                }
                String name = accept(part, e.getName(), e.isDirectory(), bad, seen);
                if (name == null) {
                    continue;
                }
                long start = raw.count();
                long declared = e instanceof TarArchiveEntry ? e.getSize() : -1;
                Long crc = e instanceof ZipArchiveEntry z && z.getCrc() >= 0 && z.getMethod() == 0 ? z.getCrc() : null;
                InputStream in = guard(archive, declared, () -> raw.count() - start, crc, false);
                if (isJson(name)) {
                    if (declared > MAX_JSON_BYTES) {
                        report.reject(part.name(), e.getName(), "a JSON file of " + declared + " bytes is no sidecar");
                        continue;
                    }
                    // A bad or cut-off entry stops the part (below); json() itself never throws.
                    json(part, name, readJson(part, e.getName(), in));
                    continue;
                }
                MediaFile m = media(part, name, e.getSize(), null);
                if (m == null) {
                    continue;
                }
                m.modified = modified(e);
                try {
                    read(m, in);
                    listing.add(m);
                } catch (BadMedia x) {
                    // The stream cannot be trusted past a bad entry: the rest of the part is not read.
                    throw new PartStopped(x.getMessage());
                }
            }
        } catch (PartStopped | InflationGuard.BadEntryException | EOFException x) {
            stopped(part, current, x.getMessage());
        } catch (IOException x) {
            if (fatal.get() != null || x instanceof RepositoryWriteFailed) {
                throw x;
            }
            stopped(part, current, x.getMessage());
        }
    }

    private void stopped(Part part, String entry, String why) {
        String where = entry == null ? "its start" : entry;
        report.reject(part.name(), entry == null ? "(start)" : entry, (why == null ? "the archive is damaged" : why)
                + "; the rest of this part was not read (is it cut short? download it again)");
        report.truncated(part.name() + " at " + where);
        backup.reportMissing("the rest of " + part.name() + " from " + where);
    }

    /**
     * The name below {@code Takeout/} (NFC) of an entry to read, or null if it is a folder, skipped or refused
     * (refusals go into the report).
     */
    private String accept(Part part, String raw, boolean directory, String badType, Set<String> seen) {
        String problem = nameProblem(raw);
        if (problem != null) {
            report.reject(part.name(), raw, problem);
            return null;
        }
        if (badType != null) {
            report.reject(part.name(), raw, badType + ": links are never followed or imported");
            return null;
        }
        if (directory) {
            return null;
        }
        String name = TakeoutNames.nfc(raw.startsWith("./") ? raw.substring(2) : raw);
        if (name.startsWith("__MACOSX/")) {
            report.notMedia(name);
            return null;
        }
        if (!name.startsWith("Takeout/")) {
            report.reject(part.name(), raw, "outside the archive's Takeout folder");
            return null;
        }
        if (!seen.add(name)) {
            report.duplicateName(part.name(), name);
        }
        return name.substring("Takeout/".length());
    }

    /** Why an entry name is refused, or null: names are untrusted. */
    static String nameProblem(String raw) {
        if (raw.isEmpty()) {
            return "an empty name";
        }
        if (raw.indexOf('\0') >= 0) {
            return "a NUL character in its name";
        }
        if (raw.startsWith("/") || raw.startsWith("\\") || raw.matches("^[A-Za-z]:.*")) {
            return "an absolute path";
        }
        for (String segment : raw.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "a '..' in its path, which would point outside the archive";
            }
        }
        return null;
    }

    private static boolean isJson(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** A JSON entry's bytes, or null (and the entry rejected) when it is too large to be a sidecar. */
    private byte[] readJson(Part part, String entry, InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_JSON_BYTES + 1);
        if (b.length > MAX_JSON_BYTES) {
            report.reject(part.name(), entry, "a JSON file over " + MAX_JSON_BYTES + " bytes is no sidecar");
            return null;
        }
        return b;
    }

    private void json(Part part, String name, byte[] bytes) {
        if (bytes == null) {
            return;
        }
        String folder = folderOf(name);
        String file = name.substring(name.lastIndexOf('/') + 1);
        try {
            listing.add(new JsonFile(part.name(), name, folder, file, TakeoutJson.parse(file, bytes), null));
        } catch (IOException e) {
            report.reject(part.name(), "Takeout/" + name, e.getMessage()
                    + "; its media are imported with their date from EXIF, the file name or nothing");
            listing.add(new JsonFile(part.name(), name, folder, file, null, e.getMessage()));
        }
    }

    /** A media file to read, or null for what is not media at all. */
    private MediaFile media(Part part, String name, long size, Long crc) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        if (name.indexOf('/') < 0) {
            report.ignored(); // Takeout/archive_browser.html and the like
            return null;
        }
        String lower = file.toLowerCase(Locale.ROOT);
        if (file.startsWith("._")) {
            report.notMedia("Takeout/" + name);
            return null;
        }
        if (SKIPPED_FILES.contains(lower) || lower.endsWith(".html") && folderOf(name).indexOf('/') < 0) {
            report.ignored();
            return null;
        }
        return new MediaFile(part.name(), name, folderOf(name), file, size, crc);
    }

    private static Instant modified(ArchiveEntry e) {
        try {
            java.util.Date d = e.getLastModifiedDate();
            return d == null || d.getTime() <= 0 ? null : Instant.ofEpochMilli(d.getTime());
        } catch (RuntimeException x) {
            return null;
        }
    }

    private static String folderOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    private void reuse(MediaFile m, Entry previous) {
        m.content = new StoredContent(previous.chunks(), previous.sha256(), previous.size());
        m.reused = true;
        MediaInfo info = previous.media();
        m.probe = new MediaProbe(info.mimeType(), false, "exif".equals(info.takenSource()) ? info.taken() : null,
                info.cameraMake(), info.cameraModel());
        reusedUnread.incrementAndGet();
    }

    /** A media entry that could not be read: refused, the import goes on. */
    private static final class BadMedia extends IOException {
        BadMedia(String message) {
            super(message);
        }
    }

    private static final class PartStopped extends IOException {
        PartStopped(String message) {
            super(message);
        }
    }

    private static final class RepositoryWriteFailed extends IOException {
        RepositoryWriteFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private void read(MediaFile m, InputStream in) throws IOException {
        MediaProbe.Head head = new MediaProbe.Head(in);
        try {
            m.content = backup.writeContent(head);
            m.size = m.content.size();
        } catch (SourceReadException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new BadMedia(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
        } catch (IOException e) {
            fatal.compareAndSet(null, e);
            throw new RepositoryWriteFailed(e);
        }
        m.probe = head.probe(m.fileName);
    }

    private static InputStream guard(InputStream in, long declared, java.util.function.LongSupplier compressed,
            Long crc, boolean closeUnderlying) {
        return new InflationGuard(in, declared, compressed, crc, closeUnderlying);
    }

    /** Counts the compressed bytes read from a part. */
    private static final class CountingInput extends TapInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        protected void tap(byte[] b, int off, int n) {
            count += n;
        }

        long count() {
            return count;
        }
    }

    // ---- matching and storing ------------------------------------------------------------------------------

    /** What the matching found for one media file. */
    private record Found(MediaFile file, Match match, FolderInfo folder, MediaFile still) {
    }

    private void store() {
        List<Folder> folders = listing.folders();
        Set<String> photoRoots = photoRoots(folders);
        Map<String, List<Found>> byContent = new TreeMap<>();
        for (Folder folder : folders) {
            String root = rootOf(folder);
            if (!photoRoots.contains(root)) {
                folder.media.forEach(m -> report.otherProduct(root));
                continue;
            }
            SidecarMatcher matcher = new SidecarMatcher(folder, !folder.path.contains("/"));
            List<MediaFile> media = new ArrayList<>(folder.media);
            media.sort(Comparator.comparing((MediaFile m) -> m.name).thenComparing(m -> m.part));
            Map<MediaFile, Match> matches = new IdentityHashMap<>();
            for (MediaFile m : media) {
                matches.put(m, matcher.match(m));
            }
            FolderInfo info = matcher.info();
            for (MediaFile m : media) {
                if (m.content == null) {
                    continue;
                }
                if (m.probe.appleDouble()) {
                    report.notMedia("Takeout/" + m.name);
                    continue;
                }
                Match match = matches.get(m);
                MediaFile still = matcher.stillOf(m);
                if (match.rule() == Rule.NONE && still != null && matches.get(still).rule() != Rule.NONE) {
                    Match s = matches.get(still);
                    match = new Match(s.sidecar(), s.json(), Rule.COMPANION);
                }
                Found f = new Found(m, match, info, still);
                byContent.computeIfAbsent(m.content.sha256(), k -> new ArrayList<>()).add(f);
            }
            matcher.unused().forEach(j -> report.orphan("Takeout/" + j.name()));
            matcher.conflicts().forEach(c -> report.conflict("Takeout/" + c));
            if (info.kind() == Kind.ALBUM) {
                report.album(info.title(), info.fromMetadata());
            }
        }
        Map<String, String> previousPaths = new HashMap<>();
        for (Entry e : backup.previousEntries()) {
            if (e.media() != null && e.media().sourceId() != null) {
                previousPaths.put(e.media().sourceId(), e.path());
            }
        }
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, List<Found>> group : byContent.entrySet()) {
            List<Found> copies = group.getValue();
            BackupItem item = item(group.getKey(), copies);
            keys.add(item.sourceId());
            StoredContent content = copies.get(0).file().content;
            boolean reused = copies.stream().allMatch(f -> f.file().reused);
            backup.store(item, content, reused);
            report.item(item, copies.size());
            if (!previousPaths.isEmpty() && !previousPaths.containsKey(item.sourceId())) {
                report.added(item.path());
            }
        }
        previousPaths.forEach((key, path) -> {
            if (!keys.contains(key)) {
                report.removed(path);
            }
        });
    }

    /** The first folder below {@code Takeout/} a folder is in. */
    private static String rootOf(Folder f) {
        int slash = f.path.indexOf('/');
        return slash < 0 ? f.path : f.path.substring(0, slash);
    }

    /** The Photos roots below {@code Takeout/}: a known localized name, or a folder holding media sidecars. */
    private static Set<String> photoRoots(List<Folder> folders) {
        Set<String> roots = new HashSet<>();
        for (Folder f : folders) {
            String root = rootOf(f);
            if (PHOTOS_ROOTS.contains(root.toLowerCase(Locale.ROOT)) || f.json.values().stream().flatMap(List::stream)
                    .anyMatch(j -> j.parsed() != null && j.parsed().sidecar() != null && !j.parsed().albumShaped())) {
                roots.add(root);
            }
        }
        return roots;
    }

    /** One entry for one content: the metadata of its best copy, the albums of all its copies. */
    private BackupItem item(String sha256, List<Found> copies) {
        List<Found> sorted = new ArrayList<>(copies);
        // The best copy: one with a sidecar, in a year folder before an album, then by name.
        sorted.sort(Comparator.comparing((Found f) -> f.match().rule() == Rule.NONE)
                .thenComparing(f -> f.folder().kind() == Kind.ALBUM)
                .thenComparing(f -> f.file().name));
        Found best = sorted.get(0);
        TakeoutJson.Sidecar s = merged(sorted);
        TreeMap<String, Found> albums = new TreeMap<>();
        for (Found f : sorted) {
            if (f.folder().kind() == Kind.ALBUM) {
                albums.putIfAbsent(f.folder().title(), f);
            }
        }
        Found at = albums.isEmpty() ? best : albums.firstEntry().getValue();
        String folderName = albums.isEmpty() ? best.file().folder.substring(best.file().folder.lastIndexOf('/') + 1)
                : albums.firstKey();
        String path = BackupItem.safe(folderName) + "/" + BackupItem.safe(at.file().fileName);

        Instant taken = null;
        String source = "none";
        if (s != null && s.taken() != null) {
            taken = s.taken();
            source = "sidecar";
        }
        if (taken == null) {
            for (Found f : sorted) {
                if (f.file().probe.exifTaken() != null) {
                    taken = f.file().probe.exifTaken();
                    source = "exif";
                    break;
                }
            }
        }
        if (taken == null) {
            for (Found f : sorted) {
                Instant t = FileNameDates.parse(f.file().fileName);
                if (t != null) {
                    taken = t;
                    source = "filename";
                    break;
                }
            }
        }
        if (taken == null && s != null && s.created() != null) {
            taken = s.created();
            source = "creationTime";
        }
        report.date(source);
        report.sidecar(best.match().rule().label, best.match().rule() == Rule.NONE ? best.file().name : null);

        boolean inTrash = copies.stream().anyMatch(f -> f.folder().kind() == Kind.TRASH);
        boolean inArchive = copies.stream().anyMatch(f -> f.folder().kind() == Kind.ARCHIVE);
        boolean favorite = s != null && s.favorited();
        TakeoutJson.Geo geo = s == null ? null : s.bestGeo();
        String still = null;
        for (Found f : sorted) {
            if (f.still() != null && f.still().content != null && !f.still().probe.appleDouble()) {
                still = "sha256:" + f.still().content.sha256();
                break;
            }
        }
        MediaProbe probe = best.file().probe;
        String mime = probe.mimeType();
        // One per name: the same file in two parts is one source file (the one with a CRC, for the next import).
        TreeMap<String, MediaInfo.SourceFile> files = new TreeMap<>();
        for (Found f : sorted) {
            MediaInfo.SourceFile file = new MediaInfo.SourceFile(f.file().name, f.file().size, f.file().crc32);
            files.merge(file.name(), file, (x, y) -> x.crc32() != null ? x : y);
        }
        return BackupItem.builder()
                .sourceId("sha256:" + sha256)
                .path(path)
                .fileName(s != null && s.title() != null && !s.title().isBlank() ? s.title() : best.file().fileName)
                .albums(new ArrayList<>(albums.keySet()))
                .size(best.file().content.size())
                .sourceTime(s != null && s.created() != null ? s.created() : best.file().modified)
                .takenTime(taken, source)
                .mimeType(mime)
                .camera(probe.cameraMake(), probe.cameraModel())
                .description(s == null ? null : s.description())
                .geo(geo == null ? null : geo.latitude(), geo == null ? null : geo.longitude(),
                        geo == null ? null : geo.altitude())
                .favorite(favorite ? Boolean.TRUE : null)
                .archived(s != null && s.archived() || s == null && inArchive ? Boolean.TRUE : null)
                .trashed(s != null && s.trashed() || s == null && inTrash ? Boolean.TRUE : null)
                .people(s == null ? null : s.people())
                .origin(s == null ? null : s.origin())
                .companionOf(still)
                .sidecar(best.match().rule().label)
                .sourceFiles(new ArrayList<>(files.values()))
                .build();
    }

    /**
     * The copies' sidecars as one: each field from the first copy (best first) that has it; favourite, archived
     * and trashed if any copy's sidecar says so. Null if no copy has a sidecar.
     */
    private static TakeoutJson.Sidecar merged(List<Found> copies) {
        List<TakeoutJson.Sidecar> all = copies.stream().map(f -> f.match().sidecar()).filter(x -> x != null)
                .toList();
        if (all.isEmpty()) {
            return null;
        }
        return new TakeoutJson.Sidecar(first(all, TakeoutJson.Sidecar::title),
                first(all, TakeoutJson.Sidecar::description), first(all, TakeoutJson.Sidecar::taken),
                first(all, TakeoutJson.Sidecar::created), first(all, TakeoutJson.Sidecar::geo),
                first(all, TakeoutJson.Sidecar::geoExif),
                all.stream().map(TakeoutJson.Sidecar::people).filter(p -> !p.isEmpty()).findFirst().orElse(List.of()),
                all.stream().anyMatch(TakeoutJson.Sidecar::favorited),
                all.stream().anyMatch(TakeoutJson.Sidecar::archived),
                all.stream().anyMatch(TakeoutJson.Sidecar::trashed),
                all.stream().anyMatch(TakeoutJson.Sidecar::lockedFolder), first(all, TakeoutJson.Sidecar::origin));
    }

    private static <T> T first(List<TakeoutJson.Sidecar> all, java.util.function.Function<TakeoutJson.Sidecar, T> f) {
        return all.stream().map(f).filter(x -> x != null).findFirst().orElse(null);
    }
}
