package dev.photovault.takeout;

import static dev.photovault.takeout.TakeoutFixture.jpeg;
import static dev.photovault.takeout.TakeoutFixture.sidecar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.takeout.TakeoutFixture.Format;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.backup.ItemBackup;
import dev.photovault.vault.core.backup.ItemBackupOptions;
import dev.photovault.vault.core.backup.RunReport;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and damaged exports: each refused entry is named with its part, everything else imports. */
class TakeoutHostileTest {

    static final String Y = "Google Photos/Photos from 2023/";

    @TempDir
    Path tmp;
    Repository repository;

    @BeforeEach
    void setUp() throws Exception {
        repository = TestRepository.create(tmp.resolve("repo"));
    }

    record Result(Snapshot snapshot, TakeoutReport report, RunReport run) {
        List<String> paths() {
            return snapshot.entries().stream().map(Entry::path).toList();
        }

        List<String> rejected() {
            return report.rejected().stream().map(r -> r.part() + " | " + r.entry() + " | " + r.reason()).toList();
        }
    }

    Result run(List<Path> parts, boolean allowMissing) throws Exception {
        ItemBackup backup = ItemBackup.open(repository, ItemBackupOptions.of("takeout", "takeout"));
        TakeoutReport report;
        try {
            report = TakeoutImport.run(parts, backup, new TakeoutImport.Options(allowMissing, 2));
        } catch (RuntimeException e) {
            backup.abort(e);
            throw e;
        }
        RunReport run = backup.commit();
        return new Result(repository.loadSnapshot(run.snapshot()), report, run);
    }

    @Test
    void traversalAbsoluteNamesAndLinksAreRefusedByName() throws Exception {
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        f.file(1, Y + "good.jpg", jpeg(1, 5_000, null));
        f.raw(1, "Takeout/../../evil.jpg", jpeg(2, 5_000, null));
        f.raw(1, "/etc/cron.d/evil", jpeg(3, 100, null));
        f.raw(1, "C:\\Windows\\evil.jpg", jpeg(4, 100, null));
        f.link(1, "Takeout/" + Y + "zip-link.jpg", "/etc/passwd");
        f.file(2, Y + "good2.jpg", jpeg(5, 5_000, null));
        f.raw(2, "Takeout/Google Photos/../../../tar-evil.jpg", jpeg(6, 5_000, null));
        f.raw(2, "/abs-tar.jpg", jpeg(7, 100, null));
        f.link(2, "Takeout/" + Y + "tar-link.jpg", "../../../../etc/shadow");
        f.hardLink(2, "Takeout/" + Y + "tar-hard.jpg", "/etc/shadow");
        f.raw(2, "Outside/x.jpg", jpeg(8, 100, null));
        List<Path> parts = f.write(tmp.resolve("in"), Map.of(1, Format.ZIP_DEFLATED_STREAMED, 2, Format.TGZ_PAX));

        Result r = run(parts, false);

        assertThat(r.paths()).containsExactlyInAnyOrder("Photos from 2023/good.jpg", "Photos from 2023/good2.jpg");
        String zip = parts.get(0).getFileName().toString();
        String tgz = parts.get(1).getFileName().toString();
        assertThat(r.rejected()).containsExactlyInAnyOrder(
                zip + " | Takeout/../../evil.jpg | a '..' in its path, which would point outside the archive",
                zip + " | /etc/cron.d/evil | an absolute path",
                zip + " | C:/Windows/evil.jpg | an absolute path",
                zip + " | Takeout/" + Y + "zip-link.jpg | a symbolic link: links are never followed or imported",
                tgz + " | Takeout/Google Photos/../../../tar-evil.jpg | a '..' in its path, which would point outside"
                        + " the archive",
                tgz + " | /abs-tar.jpg | an absolute path",
                tgz + " | Takeout/" + Y + "tar-link.jpg | a symbolic link (to ../../../../etc/shadow): links are"
                        + " never followed or imported",
                tgz + " | Takeout/" + Y + "tar-hard.jpg | a hard link (to /etc/shadow): links are never followed or"
                        + " imported",
                tgz + " | Outside/x.jpg | outside the archive's Takeout folder");
        assertThat(r.report().rejectedCount()).isEqualTo(9);
        // Nothing was written anywhere but the repository: no file outside it appeared.
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains("evil"))).isEmpty();
        }
    }

    @Test
    void zipBombsAreRefusedByTheBytesTheyReallyInflateTo() throws Exception {
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        f.file(1, Y + "good.jpg", jpeg(1, 5_000, null));
        f.file(1, Y + "bomb.jpg", new byte[64 << 20]); // 64 MiB of zeros: ~64 KiB deflated
        f.file(2, Y + "liar.jpg", new byte[8 << 20]);
        f.file(2, Y + "after.jpg", jpeg(2, 5_000, null));
        f.file(3, Y + "tar-bomb.jpg", new byte[32 << 20]);
        f.file(3, Y + "after-tar-bomb.jpg", jpeg(3, 5_000, null));
        Path dir = tmp.resolve("in");
        List<Path> parts = f.write(dir, Map.of(1, Format.ZIP_DEFLATED_STREAMED, 2, Format.ZIP_DEFLATED_STREAMED,
                3, Format.TGZ_GNU));
        // Part 2's headers lie: liar.jpg claims 1,000 bytes (in the local and the central header).
        lieAboutSize(parts.get(1), "liar.jpg", 1_000);
        // Part 2 written with data descriptors: its sizes live in the central directory only.

        Result r = run(parts, false);

        assertThat(r.paths()).contains("Photos from 2023/good.jpg", "Photos from 2023/after.jpg")
                .doesNotContain("Photos from 2023/bomb.jpg", "Photos from 2023/liar.jpg",
                        "Photos from 2023/tar-bomb.jpg", "Photos from 2023/after-tar-bomb.jpg");
        assertThat(r.rejected()).anyMatch(s -> s.contains("bomb.jpg") && s.contains("zip bomb"));
        assertThat(r.rejected()).anyMatch(s -> s.contains("liar.jpg") && s.contains("inflates past the 1000 bytes"));
        assertThat(r.rejected()).anyMatch(s -> s.contains("-003.tgz | Takeout/" + Y + "tar-bomb.jpg")
                && s.contains("100 times") && s.contains("the rest of this part was not read"));
        assertThat(r.run().status()).isEqualTo(RunReport.PARTIAL);
    }

    /** Rewrites an entry's uncompressed size in its central directory record (and local header, if set there). */
    private static void lieAboutSize(Path zip, String nameSuffix, int size) throws Exception {
        byte[] b = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        boolean patched = false;
        for (int i = 0; i + 46 < b.length; i++) {
            if (buf.getInt(i) == 0x02014b50) {
                int nameLen = buf.getShort(i + 28) & 0xffff;
                String name = new String(b, i + 46, nameLen, java.nio.charset.StandardCharsets.UTF_8);
                if (name.endsWith(nameSuffix)) {
                    buf.putInt(i + 24, size);
                    int local = buf.getInt(i + 42);
                    if (buf.getInt(local + 22) != 0) {
                        buf.putInt(local + 22, size);
                    }
                    patched = true;
                }
            }
        }
        assertThat(patched).isTrue();
        Files.write(zip, b);
    }

    @Test
    void aTruncatedPartImportsTheEntriesBeforeTheCutAndNamesTheCut() throws Exception {
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        f.file(1, Y + "first.jpg", jpeg(1, 50_000, null));
        f.json(1, Y + "first.jpg.json", sidecar("first.jpg", Instant.parse("2020-01-01T00:00:00Z"), null, null));
        f.file(1, Y + "cut.jpg", jpeg(2, 400_000, null));
        f.file(1, Y + "never.jpg", jpeg(3, 50_000, null));
        f.file(2, Y + "zfirst.jpg", jpeg(4, 50_000, null));
        f.file(2, Y + "zcut.jpg", jpeg(5, 400_000, null));
        f.file(2, Y + "znever.jpg", jpeg(6, 50_000, null));
        List<Path> parts = f.write(tmp.resolve("in"), Map.of(1, Format.TGZ_GNU, 2, Format.ZIP_STORED));
        for (Path p : parts) {
            byte[] b = Files.readAllBytes(p);
            Files.write(p, Arrays.copyOf(b, (int) (b.length * 0.4)));
        }

        Result r = run(parts, false);

        assertThat(r.paths()).containsExactlyInAnyOrder("Photos from 2023/first.jpg", "Photos from 2023/zfirst.jpg");
        assertThat(r.snapshot().entries().get(0).media().taken()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        String tgz = parts.get(0).getFileName().toString();
        String zip = parts.get(1).getFileName().toString();
        assertThat(r.rejected()).anyMatch(s -> s.startsWith(tgz + " | Takeout/" + Y + "cut.jpg | ")
                && s.contains("the rest of this part was not read"));
        assertThat(r.rejected()).anyMatch(s -> s.startsWith(zip + " | Takeout/" + Y + "zcut.jpg | "));
        assertThat(r.run().status()).isEqualTo(RunReport.PARTIAL);
        assertThat(r.run().missing()).anyMatch(m -> m.contains(tgz) && m.contains("cut.jpg"));
        assertThat(list(r.report().toMap(), "notes")).anyMatch(n -> n.startsWith(zip + ": its central directory"));
    }

    @Test
    void theSameNameTwiceInOneArchiveImportsBothAndSaysSo() throws Exception {
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        f.file(1, Y + "dup.jpg", jpeg(1, 5_000, null));
        f.file(1, Y + "dup.jpg", jpeg(2, 5_000, null));
        f.file(2, Y + "tdup.jpg", jpeg(3, 5_000, null));
        f.file(2, Y + "tdup.jpg", jpeg(4, 5_000, null));
        List<Path> parts = f.write(tmp.resolve("in"), Map.of(1, Format.ZIP_STORED, 2, Format.TGZ_GNU));

        Result r = run(parts, false);

        assertThat(r.snapshot().entries()).hasSize(4);
        assertThat(r.paths()).contains("Photos from 2023/dup.jpg", "Photos from 2023/tdup.jpg");
        assertThat(list(r.report().toMap(), "duplicateNames")).containsExactlyInAnyOrder(
                parts.get(0).getFileName() + ": Takeout/" + Y + "dup.jpg",
                parts.get(1).getFileName() + ": Takeout/" + Y + "tdup.jpg");
    }

    @Test
    void aGapOrAForeignPartIsRefusedUnlessMissingPartsAreAllowed() throws Exception {
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        f.file(1, Y + "a.jpg", jpeg(1, 5_000, null));
        f.file(2, Y + "b.jpg", jpeg(2, 5_000, null));
        f.file(3, Y + "c.jpg", jpeg(3, 5_000, null));
        List<Path> parts = f.write(tmp.resolve("in"), Map.of());
        List<Path> gap = List.of(parts.get(0), parts.get(2));
        assertThatThrownBy(() -> run(gap, false)).isInstanceOf(TakeoutException.class)
                .hasMessage("the export is incomplete: takeout-20250301T120000Z-002 is missing; add it, or import"
                        + " anyway with --allow-missing-parts (the snapshot is then partial)");
        assertThatThrownBy(() -> run(List.of(parts.get(1)), false)).isInstanceOf(TakeoutException.class)
                .hasMessageContaining("takeout-20250301T120000Z-001 is missing");

        Result partial = run(gap, true);
        assertThat(partial.run().status()).isEqualTo(RunReport.PARTIAL);
        assertThat(partial.run().missing()).containsExactly("part takeout-20250301T120000Z-002 (not given)");
        assertThat(partial.paths()).containsExactly("Photos from 2023/a.jpg", "Photos from 2023/c.jpg");

        TakeoutFixture other = new TakeoutFixture("20251101T080000Z");
        other.file(2, Y + "x.jpg", jpeg(9, 5_000, null));
        Path foreign = other.write(tmp.resolve("other"), Map.of()).get(0);
        assertThatThrownBy(() -> run(List.of(parts.get(0), parts.get(1), foreign), true))
                .isInstanceOf(TakeoutException.class)
                .hasMessageContaining("takeout-20251101T080000Z-002.zip is not of export 20250301T120000Z");

        Path notAnArchive = Files.writeString(tmp.resolve("takeout-20250301T120000Z-004.zip"), "<html>");
        assertThatThrownBy(() -> run(List.of(parts.get(0), notAnArchive), true)).isInstanceOf(TakeoutException.class)
                .hasMessageContaining("is neither a zip nor a tgz archive");
    }

    @Test
    void absurdTimestampsAndDeeplyNestedJsonAreNoDateAndInvalidJson() throws Exception {
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        f.file(1, Y + "min.jpg", jpeg(1, 5_000, null));
        f.json(1, Y + "min.jpg.json", "{\"title\":\"min.jpg\",\"photoTakenTime\":{\"timestamp\":\""
                + Long.MIN_VALUE + "\"},\"creationTime\":{\"timestamp\":" + Long.MAX_VALUE + "}}");
        f.file(1, Y + "deep.jpg", jpeg(2, 5_000, null));
        f.json(1, Y + "deep.jpg.json", "{\"title\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        List<Path> parts = f.write(tmp.resolve("in"), Map.of());

        Result r = run(parts, false);

        assertThat(r.paths()).containsExactlyInAnyOrder("Photos from 2023/min.jpg", "Photos from 2023/deep.jpg");
        assertThat(r.snapshot().entries()).allSatisfy(e -> assertThat(e.media().taken()).isNull());
        assertThat(r.rejected()).singleElement().satisfies(s -> assertThat(s).contains("deep.jpg.json")
                .contains("not valid JSON"));
    }

    @SuppressWarnings("unchecked")
    static List<String> list(Map<String, Object> report, String key) {
        return (List<String>) report.getOrDefault(key, List.of());
    }
}
