package dev.photovault.cli;

import dev.photovault.vault.core.ByteSizes;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.restorer.Sidecars;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = {"Write a snapshot's media as one plain archive (zip or tar) with album"
    + " folders and times, streamed: to a file, or to standard output with --output -."})
final class ExportCommand implements Callable<Integer> {

    enum Format { ZIP, TAR }

    @Mixin
    RepositoryOptions repository;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, or 'latest'.")
    String snapshot;

    @Option(names = "--format", required = true, paramLabel = "zip|tar", description = "The archive's format.")
    Format format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to write it ('-': standard output).")
    String output;

    @Option(names = "--include", paramLabel = "GLOB", description = "Only entries whose path matches.")
    String include;

    @Option(names = "--sidecars", paramLabel = "json|xmp", description = "Also put each photo's metadata beside it"
            + " in the archive: <file>.json or <file>.xmp.")
    Sidecars.Format sidecars = Sidecars.Format.NONE;

    @Override
    public Integer call() throws Exception {
        Predicate<String> filter = Restorer.glob(include);
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        boolean stdout = output.equals("-");
        Path file = stdout ? null : Path.of(output).toAbsolutePath();
        Path temp = stdout ? null : file.resolveSibling("." + file.getFileName() + ".partial");
        long[] counts = new long[2];
        try (RepositoryLock lock = repository.readLock(repo, "export")) {
            Snapshot s = repo.loadSnapshot(ref.id());
            OutputStream raw = stdout ? new FileOutputStream(FileDescriptor.out) : Files.newOutputStream(temp);
            try (OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
                write(repo, s, filter, out, counts);
            } catch (IOException | RuntimeException e) {
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
                throw e;
            }
            if (!stdout) {
                // Only a complete archive takes the name: a failed export never leaves a half file that looks whole.
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        System.err.printf("exported snapshot %s: %d files, %s%s%n", ref.shortId(), counts[0],
                ByteSizes.format(counts[1]), stdout ? "" : " to " + file);
        return 0;
    }

    private void write(Repository repo, Snapshot s, Predicate<String> filter, OutputStream out, long[] counts)
            throws IOException {
        Map<String, String> bySource = Sidecars.pathsBySourceId(s.entries());
        if (format == Format.ZIP) {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
                zip.setEncoding("UTF-8");
                zip.setUseZip64(Zip64Mode.AsNeeded);
                // Photos and videos do not compress: stored in DEFLATE's uncompressed blocks, at copy speed.
                zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
                for (Entry e : s.entries()) {
                    if (!e.isFile() || !filter.test(e.path())) {
                        continue;
                    }
                    ZipArchiveEntry z = new ZipArchiveEntry(e.path());
                    z.setLastModifiedTime(FileTime.from(e.mtime()));
                    z.setSize(e.size());
                    zip.putArchiveEntry(z);
                    copy(repo, e, zip);
                    zip.closeArchiveEntry();
                    counts[0]++;
                    counts[1] += e.size();
                    byte[] side = sidecar(e, bySource);
                    if (side != null) {
                        ZipArchiveEntry sz = new ZipArchiveEntry(e.path() + sidecars.suffix());
                        sz.setLastModifiedTime(FileTime.from(e.mtime()));
                        zip.putArchiveEntry(sz);
                        zip.write(side);
                        zip.closeArchiveEntry();
                    }
                }
                zip.finish();
            }
        } else {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                for (Entry e : s.entries()) {
                    if (!e.isFile() || !filter.test(e.path())) {
                        continue;
                    }
                    TarArchiveEntry t = new TarArchiveEntry(e.path());
                    t.setSize(e.size());
                    t.setModTime(FileTime.from(e.mtime()));
                    tar.putArchiveEntry(t);
                    copy(repo, e, tar);
                    tar.closeArchiveEntry();
                    counts[0]++;
                    counts[1] += e.size();
                    byte[] side = sidecar(e, bySource);
                    if (side != null) {
                        TarArchiveEntry st = new TarArchiveEntry(e.path() + sidecars.suffix());
                        st.setSize(side.length);
                        st.setModTime(FileTime.from(e.mtime()));
                        tar.putArchiveEntry(st);
                        tar.write(side);
                        tar.closeArchiveEntry();
                    }
                }
                tar.finish();
            }
        }
    }

    private static void copy(Repository repo, Entry e, OutputStream out) throws IOException {
        long n;
        try (InputStream in = new EntryInputStream(repo, e)) {
            n = in.transferTo(out);
        }
        if (n != e.size()) {
            throw new VaultException(e.path() + ": read " + n + " bytes but the snapshot records " + e.size());
        }
    }

    private byte[] sidecar(Entry e, Map<String, String> bySource) throws IOException {
        if (sidecars == Sidecars.Format.NONE || !Sidecars.worthOne(e)) {
            return null;
        }
        return sidecars == Sidecars.Format.XMP ? Sidecars.xmp(e)
                : VaultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(Sidecars.fields(e, bySource));
    }
}
