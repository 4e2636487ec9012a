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
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.archive.ArchiveExport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = {"Write a snapshot as one file: a portable archive (.pva: encrypted,"
    + " self-contained, readable with --repo FILE.pva), or a plain zip or tar of its media with album folders and"
    + " times, streamed to a file or to standard output with --output -."})
final class ExportCommand implements Callable<Integer> {

    enum Format { ZIP, TAR, PVA }

    @Mixin
    RepositoryOptions repository;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, or 'latest'.")
    String snapshot;

    @Option(names = "--format", paramLabel = "pva|zip|tar",
            description = "The archive's format (default: from the --output name's extension).")
    Format format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to write it ('-': standard output).")
    String output;

    @Option(names = "--include", paramLabel = "GLOB", description = "Only entries whose path matches.")
    String include;

    @Option(names = "--sidecars", paramLabel = "json|xmp", description = "zip and tar: also put each photo's"
            + " metadata beside it in the archive: <file>.json or <file>.xmp.")
    Sidecars.Format sidecars = Sidecars.Format.NONE;

    @Option(names = "--plaintext", description = "pva: store everything unencrypted (anyone holding the file reads"
            + " it; every byte is still checked).")
    boolean plaintext;

    @ArgGroup(exclusive = false)
    KeyCommand.NewPassphrase newPassphrase;

    @Mixin
    RepositoryOptions.KdfOptions kdf;

    @Option(names = "--workers", paramLabel = "N", description = "pva: chunks read and sealed in parallel"
            + " (default: the number of processors).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        Format chosen = format != null ? format : fromName(output);
        if (chosen != Format.PVA && plaintext) {
            throw new VaultException("--plaintext is for --format pva: zip and tar archives are never encrypted");
        }
        if (chosen == Format.PVA && sidecars != Sidecars.Format.NONE) {
            throw new VaultException("--sidecars is for zip and tar: a .pva keeps every item's metadata itself");
        }
        Predicate<String> filter = Restorer.glob(include);
        boolean stdout = output.equals("-");
        Path file = stdout ? null : Path.of(output).toAbsolutePath();
        if (file != null && Files.isDirectory(file)) {
            throw new VaultException("--output " + output + " is a folder: give the archive's file name (e.g. "
                    + file.resolve("photos." + chosen.name().toLowerCase(java.util.Locale.ROOT)) + ")");
        }
        if (file != null && !Files.isDirectory(file.getParent())) {
            throw new VaultException("no folder " + file.getParent() + " to write " + file.getFileName()
                    + " into: create it first");
        }
        char[] passphrase = repository.passphrase(false);
        Repository repo;
        try {
            repo = repository.open(passphrase);
        } catch (RuntimeException | IOException e) {
            java.util.Arrays.fill(passphrase, '\0');
            throw e;
        }
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        Path temp = stdout ? null : file.resolveSibling("." + file.getFileName() + ".partial");
        String summary;
        try (RepositoryLock lock = repository.readLock(repo, "export")) {
            OutputStream raw = stdout ? new FileOutputStream(FileDescriptor.out) : Files.newOutputStream(temp);
            try (OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
                summary = chosen == Format.PVA ? writePva(repo, ref, filter, passphrase, out, stdout ? "-" : file.toString())
                        : writePlain(chosen, repo, repo.loadSnapshot(ref.id()), filter, out);
            } catch (IOException | RuntimeException e) {
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
                if (e instanceof IOException io && noSpace(io)) {
                    throw new VaultException("no space left on device writing " + (stdout ? "standard output" : file)
                            + ": free space there and export again (nothing was left behind)");
                }
                throw e;
            }
            if (!stdout) {
                // Only a complete archive takes the name: a failed export never leaves a half file that looks whole.
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
        System.err.printf("exported snapshot %s: %s%s%n", ref.shortId(), summary, stdout ? "" : " to " + file);
        return 0;
    }

    private static boolean noSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                    : t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private static Format fromName(String output) {
        String name = output.toLowerCase(java.util.Locale.ROOT);
        for (Format f : Format.values()) {
            if (name.endsWith("." + f.name().toLowerCase(java.util.Locale.ROOT))) {
                return f;
            }
        }
        throw new VaultException("--format pva|zip|tar is needed: " + (output.equals("-") ? "standard output"
                : output) + " does not end in .pva, .zip or .tar");
    }

    private String writePva(Repository repo, SnapshotRef ref, Predicate<String> filter, char[] repositoryPassphrase,
            OutputStream out, String location) throws IOException {
        ArchiveExport.KeySlot slot;
        char[] chosen = null;
        if (plaintext) {
            if (newPassphrase != null) {
                throw new VaultException("--plaintext takes no passphrase: drop --new-password-file");
            }
            slot = ArchiveExport.KeySlot.plaintext();
        } else {
            // A passphrase of its own when one is given, else the repository's: either way the archive gets fresh
            // master keys, so that the archive and its passphrase never open the repository.
            KeyCommand.NewPassphrase given = newPassphrase != null ? newPassphrase : new KeyCommand.NewPassphrase();
            chosen = given.file != null || System.getenv(RepositoryOptions.NEW_PASSWORD_ENV) != null ? given.read()
                    : repositoryPassphrase.clone();
            slot = new ArchiveExport.KeySlot(chosen, kdf.params());
        }
        Progress progress = new Progress();
        ArchiveExport.Result result;
        try (ProgressPrinter printer = new ProgressPrinter("export", progress::itemsDone, progress::itemsTotal,
                progress::bytesDone, progress::bytesTotal)) {
            result = new ArchiveExport(repo, workers, progress).write(ref.id(), filter, slot, out, location);
        } finally {
            if (chosen != null) {
                java.util.Arrays.fill(chosen, '\0');
            }
        }
        return String.format("%d files, %s in %d chunks, a %s%s archive", result.files(),
                ByteSizes.format(result.bytes()), result.chunks(), ByteSizes.format(result.archiveBytes()),
                plaintext ? " plaintext" : "n encrypted");
    }

    /** One file of a plain archive: its name, time and length, then its bytes. */
    private interface Sink {
        void put(String name, java.time.Instant mtime, long size, IoWriter content) throws IOException;
    }

    private interface IoWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private String writePlain(Format chosen, Repository repo, Snapshot s, Predicate<String> filter, OutputStream out)
            throws IOException {
        long[] counts = new long[2];
        if (chosen == Format.ZIP) {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
                zip.setEncoding("UTF-8");
                zip.setUseZip64(Zip64Mode.AsNeeded);
                // Photos and videos do not compress: stored in DEFLATE's uncompressed blocks, at copy speed.
                zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
                writeEntries(repo, s, filter, counts, (name, mtime, size, content) -> {
                    ZipArchiveEntry z = new ZipArchiveEntry(name);
                    z.setLastModifiedTime(FileTime.from(mtime));
                    z.setSize(size);
                    zip.putArchiveEntry(z);
                    content.writeTo(zip);
                    zip.closeArchiveEntry();
                });
                zip.finish();
            }
        } else {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                writeEntries(repo, s, filter, counts, (name, mtime, size, content) -> {
                    TarArchiveEntry t = new TarArchiveEntry(name);
                    t.setSize(size);
                    t.setModTime(FileTime.from(mtime));
                    tar.putArchiveEntry(t);
                    content.writeTo(tar);
                    tar.closeArchiveEntry();
                });
                tar.finish();
            }
        }
        return counts[0] + " files, " + ByteSizes.format(counts[1]);
    }

    private void writeEntries(Repository repo, Snapshot s, Predicate<String> filter, long[] counts, Sink sink)
            throws IOException {
        Map<String, String> bySource = Sidecars.pathsBySourceId(s.entries());
        for (Entry e : s.entries()) {
            if (!e.isFile() || !filter.test(e.path())) {
                continue;
            }
            sink.put(e.path(), e.mtime(), e.size(), out -> copy(repo, e, out));
            counts[0]++;
            counts[1] += e.size();
            byte[] side = sidecar(e, bySource);
            if (side != null) {
                sink.put(e.path() + sidecars.suffix(), e.mtime(), side.length, out -> out.write(side));
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
