package dev.photovault.vault.core.archive;

import static dev.photovault.testing.TestRepository.indexOf;
import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.crypto.WrongPassphraseException;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.RestoreResult;
import dev.photovault.vault.core.restorer.Restorer;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.store.StoreReadOnlyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Portable archives written from a real repository and read back through the repository code. */
class PortableArchiveTest {

    static final ChunkerParams SMALL = new ChunkerParams(2048, 8192, 32768, 1);
    static final String ARCHIVE_PASSPHRASE = "a passphrase for the archive only";

    @TempDir
    Path tmp;

    Path source;
    Repository repository;
    String snapshotId;

    @BeforeEach
    void setUp() throws IOException {
        source = tmp.resolve("photos");
        repository = TestRepository.create(tmp.resolve("repo"), SMALL);
        write(source.resolve("Summer/beach.jpg"), randomBytes(200_000, 1));
        write(source.resolve("Summer/copy of beach.jpg"), randomBytes(200_000, 1));
        write(source.resolve("Winter/snow.mp4"), randomBytes(90_000, 2));
        write(source.resolve("Winter/empty.txt"), new byte[0]);
        write(source.resolve("Ünïcode name ✓.png"), randomBytes(5_000, 3));
        Files.createSymbolicLink(source.resolve("latest"), Path.of("Winter"));
        snapshotId = new Archiver(repository, BackupOptions.defaults(), new Progress())
                .backup(List.of(source)).snapshotId();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void restoringFromTheArchiveAloneIsBitExact(boolean plaintext) throws IOException {
        Path pva = export(plaintext, tmp.resolve("photos.pva"));
        try (PortableArchive archive = PortableArchive.open(pva)) {
            assertThat(archive.plaintext()).isEqualTo(plaintext);
            Repository fromArchive = open(archive, plaintext);
            assertThat(fromArchive.plaintext()).isEqualTo(plaintext);
            assertThat(fromArchive.config().id()).isNotEqualTo(repository.config().id());
            List<SnapshotRef> snapshots = fromArchive.listSnapshots();
            assertThat(snapshots).hasSize(1);
            Snapshot inArchive = fromArchive.loadSnapshot(snapshots.get(0).id());
            Snapshot original = repository.loadSnapshot(snapshotId);
            assertThat(inArchive.header().time()).isEqualTo(original.header().time());
            assertThat(inArchive.entries()).extracting(Entry::path)
                    .containsExactlyElementsOf(original.entries().stream().map(Entry::path).toList());
            // Fresh keys: not one chunk id is the repository's, so the archive's passphrase opens nothing else.
            assertThat(inArchive.entries().stream().flatMap(e -> e.chunks().stream()))
                    .doesNotContainAnyElementsOf(original.entries().stream().flatMap(e -> e.chunks().stream()).toList());

            Path target = tmp.resolve("restored");
            RestoreResult result = new Restorer(fromArchive, 2, new Progress()).restore(inArchive, target, p -> true);
            assertThat(result.failures()).isEmpty();
            assertSameTree(source, target);

            CheckResult check = new Checker(fromArchive, 2, new Progress()).check(true, 1.0, null);
            assertThat(check.errors()).isEmpty();
            assertThat(check.chunksRead()).isEqualTo(check.chunks()).isPositive();
            assertThatThrownBy(() -> archive.putIfAbsent("chunks/00/00", new byte[1]))
                    .isInstanceOf(StoreReadOnlyException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void aPlaintextArchiveHoldsTheContentAsItIs() throws IOException {
        Path pva = export(true, tmp.resolve("plain.pva"));
        byte[] file = Files.readAllBytes(pva);
        byte[] beach = Files.readAllBytes(source.resolve("Summer/beach.jpg"));
        // Chunks of one file are written in order, so its content is one byte range of the archive.
        assertThat(indexOf(file, beach)).isPositive();
        // ...and stored once, however many files hold it.
        assertThat(file.length).isLessThan(beach.length * 2);
    }

    @Test
    void theArchiveOpensWithItsOwnPassphraseOnly() throws IOException {
        Path pva = export(false, tmp.resolve("photos.pva"));
        try (PortableArchive archive = PortableArchive.open(pva)) {
            assertThatThrownBy(() -> Repository.open(archive, TestRepository.PASSPHRASE.toCharArray()))
                    .isInstanceOf(WrongPassphraseException.class);
        }
    }

    @Test
    void anArchiveCanBeStreamedAndOnlyAnIncludedPartExported() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ArchiveExport(repository, 2, new Progress()).write(snapshotId, Restorer.glob("Winter/**"),
                ArchiveExport.KeySlot.plaintext(), out, "-");
        Path pva = Files.write(tmp.resolve("winter.pva"), out.toByteArray());
        try (PortableArchive archive = PortableArchive.open(pva)) {
            Repository fromArchive = open(archive, true);
            Snapshot s = fromArchive.loadSnapshot(fromArchive.listSnapshots().get(0).id());
            assertThat(s.entries()).extracting(Entry::path).containsExactly("Winter/empty.txt", "Winter/snow.mp4");
        }
    }

    /**
     * Flips one byte at a time, in every part of the file (header, chunks, chunk table, index, snapshot, key,
     * config, object table, trailer) and at random places: opening and checking with {@code --read-data} always
     * fails, and the message names a byte range that holds the flipped byte.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCorruptedByteAnywhereIsDetectedAndNamed(boolean plaintext) throws IOException {
        Path pva = export(plaintext, tmp.resolve("photos.pva"));
        byte[] good = Files.readAllBytes(pva);
        TreeSet<Long> positions = new TreeSet<>();
        try (PortableArchive archive = PortableArchive.open(pva)) {
            Repository r = open(archive, plaintext);
            new Checker(r, 1, new Progress()).check(true, 1.0, null);
            List<String> keys = new ArrayList<>();
            archive.list("").forEach(o -> keys.add(o.key()));
            for (String key : keys) {
                long[] span = span(archive.position(key));
                positions.add(span[0]);
                positions.add(span[1]);
                positions.add((span[0] + span[1]) / 2);
            }
        }
        long n = good.length;
        for (long p : new long[] {0, 15, n - 1, n - 40, n - 100, n - 136}) {
            positions.add(p);
        }
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            positions.add((long) random.nextInt(good.length));
        }
        Path damaged = tmp.resolve("damaged.pva");
        for (long p : positions) {
            byte[] copy = good.clone();
            copy[(int) p] ^= 0x20;
            Files.write(damaged, copy);
            String message = failureOf(damaged, plaintext);
            assertThat(message).as("flipped byte %d", p).isNotNull();
            assertThat(ranges(message)).as("flipped byte %d: %s", p, message)
                    .anySatisfy(r -> assertThat(p).isBetween(r[0], r[1]));
        }
    }

    @Test
    void aRepositoryWhoseConfigClaimsNoEncryptionIsRefused() throws IOException {
        Path config = tmp.resolve("repo/config");
        config.toFile().setWritable(true);
        String json = Files.readString(config).replaceFirst(",\"mac\":\"[0-9a-f]+\"", "");
        Files.writeString(config, json.substring(0, json.lastIndexOf('}')) + ",\"encryption\":\"none\"}");
        assertThatThrownBy(() -> TestRepository.reopen(tmp.resolve("repo")))
                .isInstanceOf(dev.photovault.vault.core.crypto.IntegrityException.class)
                .hasMessageContaining("only a plaintext portable archive").hasMessageContaining("altered");
    }

    @Test
    void aCraftedTrailerCannotMakeOpeningReadAHugeTable() throws IOException {
        Path pva = export(true, tmp.resolve("photos.pva"));
        byte[] good = Files.readAllBytes(pva);
        PvaLayout.Trailer t = PvaLayout.Trailer.decode(java.util.Arrays.copyOfRange(good,
                good.length - PvaLayout.TRAILER_BYTES, good.length));
        // A well-formed trailer (its checksum right) pointing at a 2 MiB "object table".
        byte[] junk = randomBytes(2 << 20, 5);
        byte[] head = java.util.Arrays.copyOf(good, (int) t.objectTableOffset());
        byte[] trailer = new PvaLayout.Trailer(t.flags(), t.chunkCount(), t.chunkTableOffset(), head.length,
                junk.length, t.chunkTableSha256(), PvaLayout.sha256(junk, 0, junk.length)).encode();
        java.io.ByteArrayOutputStream crafted = new java.io.ByteArrayOutputStream();
        crafted.write(head);
        crafted.write(junk);
        crafted.write(trailer);
        Path hostile = Files.write(tmp.resolve("hostile.pva"), crafted.toByteArray());
        assertThatThrownBy(() -> PortableArchive.open(hostile)).hasMessageContaining("object table claims")
                .hasMessageContaining("more than any archive's");
    }

    @Test
    void aCutShortOrForeignFileIsRefusedInOneLine() throws IOException {
        Path pva = export(false, tmp.resolve("photos.pva"));
        byte[] good = Files.readAllBytes(pva);
        Path cut = Files.write(tmp.resolve("cut.pva"), java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> PortableArchive.open(cut)).hasMessageContaining("trailer")
                .hasMessageContaining("cut short");
        Path tiny = Files.write(tmp.resolve("tiny.pva"), new byte[10]);
        assertThatThrownBy(() -> PortableArchive.open(tiny)).hasMessageContaining("cut short");
        Path foreign = Files.write(tmp.resolve("notes.pva"), randomBytes(4096, 9));
        assertThatThrownBy(() -> PortableArchive.open(foreign)).hasMessageContaining("not a photovault archive header");
        assertThatThrownBy(() -> PortableArchive.open(tmp.resolve("absent.pva"))).isInstanceOf(VaultException.class)
                .hasMessageContaining("no archive at");
    }

    @Test
    void listingALargeArchiveReadsOnlyItsTail() throws IOException {
        Path big = tmp.resolve("big");
        for (int i = 0; i < 24; i++) {
            write(big.resolve("Album " + (i % 3) + "/photo" + i + ".jpg"), randomBytes(1 << 20, 100 + i));
        }
        String id = new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(big)).snapshotId();
        Path pva = tmp.resolve("big.pva");
        try (OutputStream out = Files.newOutputStream(pva)) {
            new ArchiveExport(repository, 2, new Progress()).write(id, p -> true,
                    new ArchiveExport.KeySlot(ARCHIVE_PASSPHRASE.toCharArray(), TestRepository.CHEAP_KDF), out,
                    pva.toString());
        }
        try (PortableArchive archive = PortableArchive.open(pva)) {
            Repository r = Repository.open(archive, ARCHIVE_PASSPHRASE.toCharArray());
            SnapshotRef ref = r.resolveSnapshot("latest");
            assertThat(r.loadSnapshot(ref.id()).entries().stream().filter(Entry::isFile)).hasSize(24);
            long lowest = archive.lowestOffsetRead();
            long read = archive.bytesRead();
            long tailStart = archive.list("").stream().filter(o -> !o.key().startsWith("chunks/"))
                    .mapToLong(o -> span(archive.position(o.key()))[0]).min().orElseThrow();
            assertThat(archive.size()).isGreaterThan(24L << 20);
            // The header, and nothing before the objects that follow the chunk table.
            assertThat(lowest).isGreaterThanOrEqualTo(tailStart);
            assertThat(read).as("bytes read of %d", archive.size())
                    .isLessThan(archive.size() / 50);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Path export(boolean plaintext, Path pva) throws IOException {
        ArchiveExport.KeySlot slot = plaintext ? ArchiveExport.KeySlot.plaintext()
                : new ArchiveExport.KeySlot(ARCHIVE_PASSPHRASE.toCharArray(), TestRepository.CHEAP_KDF);
        try (OutputStream out = Files.newOutputStream(pva)) {
            new ArchiveExport(repository, 2, new Progress()).write(snapshotId, p -> true, slot, out, pva.toString());
        }
        return pva;
    }

    private static Repository open(PortableArchive archive, boolean plaintext) throws IOException {
        return Repository.open(archive, plaintext ? new char[0] : ARCHIVE_PASSPHRASE.toCharArray());
    }

    /** The message of the first failure in opening, listing, checking with read-data; null if all pass. */
    private static String failureOf(Path pva, boolean plaintext) {
        try (PortableArchive archive = PortableArchive.open(pva)) {
            Repository r = open(archive, plaintext);
            List<String> problems = new ArrayList<>();
            CheckResult result = new Checker(r, 1, new Progress()).check(true, 1.0, null);
            problems.addAll(result.errors());
            return problems.isEmpty() ? null : String.join("; ", problems);
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    private static final Pattern RANGE = Pattern.compile("(\\d+)–(\\d+)");

    private static List<long[]> ranges(String message) {
        List<long[]> out = new ArrayList<>();
        Matcher m = RANGE.matcher(message);
        while (m.find()) {
            out.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return out;
    }

    private static long[] span(String position) {
        List<long[]> r = ranges(position);
        assertThat(r).as(position).hasSize(1);
        return r.get(0);
    }


    static void assertSameTree(Path expected, Path actual) throws IOException {
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path other = actual.resolve(expected.relativize(f).toString());
                if (Files.isSymbolicLink(f)) {
                    assertThat(Files.readSymbolicLink(other)).isEqualTo(Files.readSymbolicLink(f));
                } else if (Files.isRegularFile(f)) {
                    assertThat(other).hasSameBinaryContentAs(f);
                    assertThat(Files.getLastModifiedTime(other)).isEqualTo(Files.getLastModifiedTime(f));
                }
            }
        }
    }
}
