package dev.photovault.takeout;

import static dev.photovault.takeout.TakeoutFixture.jpeg;
import static dev.photovault.takeout.TakeoutFixture.mp4;
import static dev.photovault.takeout.TakeoutFixture.png;
import static dev.photovault.takeout.TakeoutFixture.sidecar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.takeout.TakeoutFixture.Format;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.backup.ItemBackup;
import dev.photovault.vault.core.backup.ItemBackupOptions;
import dev.photovault.vault.core.backup.RunReport;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.MediaInfo;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated five-part export (streamed DEFLATED zip with data descriptors, STORED zip, GNU tgz, PAX tgz) that
 * exercises every rule of docs/takeout.md, sidecars in other parts than their media, copies in year and album
 * folders, localized names in several languages and NFD names in one part.
 */
class TakeoutImportTest {

    static final String R = "Google Photos/";
    static final String Y23 = R + "Photos from 2023/";
    static final String DE19 = R + "Fotos von 2019/";
    static final String FR20 = R + "Photos de 2020/";

    @TempDir
    Path tmp;
    Repository repository;
    Path repoDir;

    static Instant t(int n) {
        return Instant.ofEpochSecond(1_600_000_000L + n * 86_400L);
    }

    @BeforeEach
    void setUp() throws Exception {
        repoDir = tmp.resolve("repo");
        repository = TestRepository.create(repoDir);
    }

    record Imported(Snapshot snapshot, TakeoutReport report, RunReport run) {
        Entry byFile(String nameBelowTakeout) {
            return snapshot.entries().stream().filter(e -> e.media() != null && e.media().sourceFiles() != null
                    && e.media().sourceFiles().stream().anyMatch(f -> f.name().equals(nameBelowTakeout)))
                    .findFirst().orElseThrow(() -> new AssertionError("no entry holds " + nameBelowTakeout));
        }

        boolean holds(String nameBelowTakeout) {
            return snapshot.entries().stream().anyMatch(e -> e.media() != null && e.media().sourceFiles() != null
                    && e.media().sourceFiles().stream().anyMatch(f -> f.name().equals(nameBelowTakeout)));
        }
    }

    Imported importParts(List<Path> parts) throws Exception {
        ItemBackup backup = ItemBackup.open(repository, ItemBackupOptions.of("takeout", "takeout"));
        TakeoutReport report = TakeoutImport.run(parts, backup, TakeoutImport.Options.defaults());
        RunReport run = backup.commit();
        return new Imported(repository.loadSnapshot(run.snapshot()), report, run);
    }

    static final byte[] A = jpeg(1, 40_000, null);
    static final String LONG = "A_very_long_file_name_from_some_messenger_app_2.jpg";
    static final String EMOJI = "e".repeat(45) + "😀.jpg";
    static final String STEM40 = "Vacaciones_en_la_playa_con_la_familia_01";
    static final String CREME = "Crème brûlée.jpg";

    /** The export every test here starts from. */
    static TakeoutFixture export() {
        return export("20250301T120000Z");
    }

    static TakeoutFixture export(String id) {
        TakeoutFixture f = new TakeoutFixture(id);
        // Part 1: streamed DEFLATED zip.
        f.raw(1, "Takeout/archive_browser.html", "<html></html>".getBytes(StandardCharsets.UTF_8));
        f.file(1, Y23 + "IMG_0042.jpg", A);
        f.file(1, R + "Summer trip/IMG_0042.jpg", A);
        f.json(1, R + "Summer trip/IMG_0042.jpg.json", sidecar("IMG_0042.jpg", t(1), t(100),
                "\"geoDataExif\":{\"latitude\":46.2044,\"longitude\":6.1432,\"altitude\":375.0},"
                        + "\"people\":[{\"name\":\"Ana\"}],\"favorited\":true,"
                        + "\"googlePhotosOrigin\":{\"mobileUpload\":{\"deviceType\":\"ANDROID_PHONE\"}}")
                .replace("\"description\":\"\"", "\"description\":\"Lake Geneva\""));
        f.json(1, R + "Summer trip/metadata.json", "{\"title\":\"Summer trip 2023\",\"description\":\"\","
                + "\"access\":\"protected\",\"date\":{\"timestamp\":\"1690000000\",\"formatted\":\"x\"}}");
        f.file(1, Y23 + "holiday.jpg", jpeg(2, 20_000, null));
        f.file(1, Y23 + "holiday(1).jpg", jpeg(3, 20_000, null));
        f.json(1, Y23 + "holiday.jpg.supplemental-metadata.json", sidecar("holiday.jpg", t(2), null, null));
        f.json(1, Y23 + "holiday.jpg.supplemental-metadata(1).json", sidecar("holiday.jpg", t(3), null, null));
        f.file(1, Y23 + "photo.jpg", jpeg(4, 20_000, null));
        f.file(1, Y23 + "photo(1).jpg", jpeg(5, 20_000, null));
        f.json(1, Y23 + "photo.jpg.json", sidecar("photo.jpg", t(4), null, null));
        f.json(1, Y23 + "photo.jpg(1).json", sidecar("photo.jpg", t(5), null, null));
        f.file(1, Y23 + "Screenshot (38).png", png(6, 10_000));
        f.json(1, Y23 + "Screenshot (38).png.json", sidecar("Screenshot (38).png", t(6), null, null));
        f.file(1, Y23 + "photo_1.jpg", jpeg(7, 20_000, null));
        f.json(1, Y23 + "photo_1.jpg.json", sidecar("photo_1.jpg", t(7), null, null));
        f.file(1, Y23 + "2025-04-28(3516).jpg", jpeg(8, 20_000, null));
        f.json(1, Y23 + "2025-04-28.jpg.supplemental-metadata(3516).json", sidecar("2025-04-28.jpg", t(8), null, null));
        f.file(1, Y23 + "holiday (2).jpg", jpeg(9, 20_000, null));
        f.json(1, Y23 + "holiday (2).jpg.supplemental-metadata.json", sidecar("holiday (2).jpg", t(9), null, null));
        f.file(1, Y23 + "._IMG_0042.jpg", new byte[] {0, 5, 0x16, 7, 0, 2, 0, 0});
        f.json(1, Y23 + CREME + ".json", sidecar(CREME, t(23), null, null));
        // Part 2: STORED zip.
        f.json(2, R + "Clipping/métadonnées.json", "{\"title\":\"Clipping tests\"}");
        for (int length = 24; length <= 50; length++) {
            String name = ("c" + length + "_" + "x".repeat(60)).substring(0, length - 4) + ".jpg";
            f.file(2, R + "Clipping/" + name, jpeg(1000 + length, 5_000, null));
            f.json(2, R + "Clipping/" + TakeoutNames.clip(name + ".supplemental-metadata", 46) + ".json",
                    sidecar(name, t(1000 + length), null, null));
        }
        f.file(2, R + "Clipping/" + LONG, jpeg(30, 5_000, null));
        f.json(2, R + "Clipping/A_very_long_file_name_from_some_messenger_app_.json", sidecar(LONG, t(30), null, null));
        f.file(2, R + "Clipping/" + EMOJI, jpeg(31, 5_000, null));
        f.json(2, R + "Clipping/" + "e".repeat(45) + ".json", sidecar(EMOJI, t(31), null, null));
        f.file(2, DE19 + "IMG_0050.jpg", jpeg(10, 20_000, null));
        f.file(2, DE19 + "IMG_0050-bearbeitet.jpg", jpeg(11, 20_000, null));
        f.json(2, DE19 + "IMG_0050.jpg.json", sidecar("IMG_0050.jpg", t(10), null, null));
        f.file(2, DE19 + STEM40 + ".JPG", jpeg(12, 20_000, null));
        f.file(2, DE19 + STEM40 + "-ha edi.JPG", jpeg(13, 20_000, null));
        f.json(2, DE19 + TakeoutNames.clip(STEM40
                + ".JPG.supplemental-metadata", 46) + ".json", sidecar(STEM40 + ".JPG", t(11), null, null));
        // Part 3: GNU tgz; holds the sidecar of a photo in part 5.
        f.json(3, FR20 + "PXL_20230101_120000000.MP.jpg.supplemental-metadata.json",
                sidecar("PXL_20230101_120000000.MP.jpg", t(12), null, null));
        f.file(3, FR20 + "19990704.jpg", jpeg(14, 20_000, null));
        f.json(3, FR20 + "19990704.json", sidecar("19990704", t(13), null, null));
        f.file(3, FR20 + "MVIMG_20190101_101010.jpg", jpeg(15, 20_000, null));
        f.file(3, FR20 + "MVIMG_20190101_101010", mp4(16, 30_000));
        f.json(3, FR20 + "MVIMG_20190101_101010.jpg.json", sidecar("MVIMG_20190101_101010.jpg", t(14), null, null));
        f.file(3, FR20 + "IMG_1234.HEIC", jpeg(17, 20_000, null));
        f.file(3, FR20 + "IMG_1234.MOV", mp4(18, 30_000));
        f.json(3, FR20 + "IMG_1234.HEIC.supplemental-metadata.json", sidecar("IMG_1234.HEIC", t(15), null, null));
        f.file(3, R + "Trash/deleted.jpg", jpeg(19, 10_000, null));
        f.json(3, R + "Trash/deleted.jpg.json", sidecar("deleted.jpg", t(16), null, "\"trashed\":true"));
        f.file(3, R + "Archive/hidden.jpg", jpeg(20, 10_000, null));
        f.json(3, R + "Archive/hidden.jpg.json", sidecar("hidden.jpg", t(17), null, "\"archived\":true"));
        f.file(3, R + "Failed Videos/broken.mp4", mp4(21, 10_000));
        f.file(3, FR20 + "IMG_20190919_053857.jpg", jpeg(22, 10_000, null));
        f.json(3, FR20 + "IMG_20190919_053857.jpg.json", "{not json");
        // Part 4: PAX tgz, with one NFD name.
        f.file(4, R + "Photos from summer/beach.jpg", jpeg(23, 10_000, null));
        f.json(4, R + "Photos from summer/beach.jpg.json", sidecar("beach.jpg", t(18), null, null));
        f.json(4, R + "Old album/metadata.json", "{\"albumData\":{\"title\":\"Old album title\",\"date\":{}}}");
        f.file(4, R + "Old album/old.jpg", jpeg(24, 10_000, null));
        f.json(4, R + "Old album/old.jpg.json", sidecar("old.jpg", t(19), null, null));
        f.json(4, R + "Bare/album-info.json", "{\"title\":\"Bare album\"}");
        f.file(4, R + "Bare/bare.jpg", jpeg(25, 10_000, null));
        f.json(4, R + "Bare/bare.jpg.json", sidecar("bare.jpg", t(20), null, null));
        f.file(4, Y23 + "camera.jpg", jpeg(26, 10_000, Instant.parse("2021-07-04T10:11:12Z")));
        f.file(4, Y23 + "upload.jpg", jpeg(27, 10_000, null));
        f.json(4, Y23 + "upload.jpg.json", sidecar("upload.jpg", null, t(21), null));
        f.file(4, Y23 + "random.png", png(28, 10_000));
        f.json(4, Y23 + "ghost.jpg.json", sidecar("ghost.jpg", t(40), null, null));
        f.file(4, Y23 + "title-only.jpg", jpeg(29, 10_000, null));
        f.json(4, Y23 + "xyz-sidecar.json", sidecar("title-only.jpg", t(22), null, null));
        f.file(4, Normalizer.normalize(Y23 + CREME, Normalizer.Form.NFD), jpeg(32, 10_000, null));
        f.file(4, R + "Family/IMG_0042.jpg", A);
        f.json(4, R + "Family/IMG_0042.jpg.json", sidecar("IMG_0042.jpg", t(1), null, null));
        f.json(4, R + "Family/Metadaten.json", "{\"title\":\"Family\"}");
        // Part 5: streamed zip; its motion photo's sidecar is in part 3.
        f.file(5, FR20 + "PXL_20230101_120000000.MP.jpg", jpeg(33, 20_000, null));
        f.file(5, FR20 + "PXL_20230101_120000000.MP", mp4(34, 30_000));
        f.file(5, Y23 + "IMG_0042.jpg", A);
        return f;
    }

    static final Map<Integer, Format> FORMATS = Map.of(1, Format.ZIP_DEFLATED_STREAMED, 2, Format.ZIP_STORED,
            3, Format.TGZ_GNU, 4, Format.TGZ_PAX, 5, Format.ZIP_DEFLATED_STREAMED);

    @Test
    void everyRuleOfTheSpecGivesTheRightDateAlbumsGeoAndFlags() throws Exception {
        List<Path> parts = export().write(tmp.resolve("in"), FORMATS);
        List<Path> reversed = new java.util.ArrayList<>(parts);
        java.util.Collections.reverse(reversed);
        Imported im = importParts(reversed); // any order
        assertThat(im.run().status()).isEqualTo(RunReport.COMPLETE);

        // One entry for A, in three folders and two parts, with both albums from their metadata files.
        Entry a = im.byFile(Y23 + "IMG_0042.jpg");
        assertThat(a.albums()).containsExactly("Family", "Summer trip 2023");
        assertThat(a.path()).isEqualTo("Family/IMG_0042.jpg");
        assertThat(a.media().sourceFiles()).extracting(MediaInfo.SourceFile::name)
                .containsExactlyInAnyOrder(Y23 + "IMG_0042.jpg", R + "Summer trip/IMG_0042.jpg", R + "Family/IMG_0042.jpg");
        String shaA = sha(A);
        assertThat(im.snapshot().entries().stream().filter(e -> e.sha256().equals(shaA))).hasSize(1);
        assertThat(a.media().taken()).isEqualTo(t(1));
        assertThat(a.media().takenSource()).isEqualTo("sidecar");
        assertThat(a.media().latitude()).isEqualTo(46.2044);
        assertThat(a.media().longitude()).isEqualTo(6.1432);
        assertThat(a.media().favorite()).isTrue();
        assertThat(a.media().people()).containsExactly("Ana");
        assertThat(a.media().description()).isEqualTo("Lake Geneva");
        assertThat(a.media().origin()).isEqualTo("mobileUpload:ANDROID_PHONE");

        // Counters in both places, and never across duplicates.
        assertTaken(im, Y23 + "holiday.jpg", t(2), "supplemental");
        assertTaken(im, Y23 + "holiday(1).jpg", t(3), "counter-supplemental");
        assertTaken(im, Y23 + "photo.jpg", t(4), "legacy");
        assertTaken(im, Y23 + "photo(1).jpg", t(5), "counter-legacy");
        assertTaken(im, Y23 + "Screenshot (38).png", t(6), "legacy");
        assertTaken(im, Y23 + "photo_1.jpg", t(7), "legacy");
        assertTaken(im, Y23 + "2025-04-28(3516).jpg", t(8), "counter-supplemental");
        assertTaken(im, Y23 + "holiday (2).jpg", t(9), "supplemental");
        assertThat(im.byFile(Y23 + "Screenshot (38).png").media().mimeType()).isEqualTo("image/png");
        // Clipping at every length, and a surrogate pair the clip does not split.
        for (int length = 24; length <= 50; length++) {
            String name = ("c" + length + "_" + "x".repeat(60)).substring(0, length - 4) + ".jpg";
            Entry e = im.byFile(R + "Clipping/" + name);
            assertThat(e.media().taken()).as(name).isEqualTo(t(1000 + length));
            assertThat(e.albums()).containsExactly("Clipping tests");
        }
        assertTaken(im, R + "Clipping/" + LONG, t(30), "legacy-clipped");
        assertTaken(im, R + "Clipping/" + EMOJI, t(31), "legacy-clipped");
        // Edited copies: their own entries, with their original's metadata; a clipped localized suffix too.
        assertTaken(im, DE19 + "IMG_0050.jpg", t(10), "legacy");
        assertTaken(im, DE19 + "IMG_0050-bearbeitet.jpg", t(10), "edited");
        assertTaken(im, DE19 + STEM40 + "-ha edi.JPG", t(11), "edited");
        assertThat(im.byFile(DE19 + "IMG_0050.jpg").path()).isEqualTo("Fotos von 2019/IMG_0050.jpg");
        assertThat(im.byFile(DE19 + "IMG_0050.jpg").albums()).isEmpty();
        // Extensionless upload; a sidecar in part 3 for a photo in part 5; motion and live companions.
        assertTaken(im, FR20 + "19990704.jpg", t(13), "extensionless");
        assertTaken(im, FR20 + "PXL_20230101_120000000.MP.jpg", t(12), "supplemental");
        Entry pixelVideo = im.byFile(FR20 + "PXL_20230101_120000000.MP");
        assertThat(pixelVideo.media().sidecar()).isEqualTo("companion");
        assertThat(pixelVideo.media().taken()).isEqualTo(t(12));
        assertThat(pixelVideo.media().companionOf())
                .isEqualTo(im.byFile(FR20 + "PXL_20230101_120000000.MP.jpg").media().sourceId());
        assertThat(pixelVideo.media().mimeType()).isEqualTo("video/mp4");
        assertTaken(im, FR20 + "MVIMG_20190101_101010", t(14), "companion");
        assertThat(im.byFile(FR20 + "MVIMG_20190101_101010").media().companionOf())
                .isEqualTo(im.byFile(FR20 + "MVIMG_20190101_101010.jpg").media().sourceId());
        assertTaken(im, FR20 + "IMG_1234.MOV", t(15), "companion");
        // A .HEIC that is a JPEG is typed by its bytes.
        assertThat(im.byFile(FR20 + "IMG_1234.HEIC").media().mimeType()).isEqualTo("image/jpeg");
        // Trash, Archive, Failed Videos are not albums; the JSON flags are kept.
        assertThat(im.byFile(R + "Trash/deleted.jpg").media().trashed()).isTrue();
        assertThat(im.byFile(R + "Trash/deleted.jpg").albums()).isEmpty();
        assertThat(im.byFile(R + "Archive/hidden.jpg").media().archived()).isTrue();
        assertThat(im.byFile(R + "Failed Videos/broken.mp4").albums()).isEmpty();
        assertThat(im.byFile(R + "Failed Videos/broken.mp4").media().takenSource()).isNull();
        // Invalid JSON: the media still imports, dated from its name; the JSON is rejected.
        assertTaken(im, FR20 + "IMG_20190919_053857.jpg", Instant.parse("2019-09-19T05:38:57Z"), "none");
        assertThat(im.byFile(FR20 + "IMG_20190919_053857.jpg").media().takenSource()).isEqualTo("filename");
        assertThat(im.report().rejected()).anySatisfy(r -> {
            assertThat(r.part()).endsWith("-003.tgz");
            assertThat(r.entry()).endsWith("IMG_20190919_053857.jpg.json");
            assertThat(r.reason()).contains("not valid JSON");
        });
        // An album folder named like a year folder without digits; wrapped and bare album metadata.
        assertThat(im.byFile(R + "Photos from summer/beach.jpg").albums()).containsExactly("Photos from summer");
        assertThat(im.byFile(R + "Old album/old.jpg").albums()).containsExactly("Old album title");
        assertThat(im.byFile(R + "Old album/old.jpg").path()).isEqualTo("Old album title/old.jpg");
        assertThat(im.byFile(R + "Bare/bare.jpg").albums()).containsExactly("Bare album");
        // No sidecar: EXIF, then nothing; the title fallback; sidecar with only an upload time.
        assertThat(im.byFile(Y23 + "camera.jpg").media().taken()).isEqualTo(Instant.parse("2021-07-04T10:11:12Z"));
        assertThat(im.byFile(Y23 + "camera.jpg").media().takenSource()).isEqualTo("exif");
        assertThat(im.byFile(Y23 + "camera.jpg").media().cameraMake()).isEqualTo("TestCam");
        assertThat(im.byFile(Y23 + "random.png").media().taken()).isNull();
        assertTaken(im, Y23 + "title-only.jpg", t(22), "title");
        assertThat(im.byFile(Y23 + "upload.jpg").media().taken()).isEqualTo(t(21));
        assertThat(im.byFile(Y23 + "upload.jpg").media().takenSource()).isEqualTo("creationTime");
        // NFD names (part 4) meet their NFC sidecar (part 1).
        assertTaken(im, Y23 + CREME, t(23), "legacy");
        // Not media; orphans.
        assertThat(im.holds(Y23 + "._IMG_0042.jpg")).isFalse();
        Map<String, Object> r = im.report().toMap();
        assertThat(list(r, "notMedia")).contains("Takeout/" + Y23 + "._IMG_0042.jpg");
        assertThat(list(r, "orphanSidecars")).containsExactly("Takeout/" + Y23 + "ghost.jpg.json");
        assertThat(list(r, "unmatched")).contains("Takeout/" + Y23 + "random.png",
                "Takeout/" + Y23 + "camera.jpg", "Takeout/" + R + "Failed Videos/broken.mp4");
        assertThat(list(r, "albums")).containsExactly("Bare album", "Clipping tests", "Family",
                "Old album title", "Photos from summer", "Summer trip 2023");
        assertThat(((Number) r.get("duplicatesMerged")).longValue()).isEqualTo(3);
        assertThat(r.get("rejectedCount")).isEqualTo(1L);
        // Every media file of the export is in exactly one entry; nothing twice.
        long distinct = im.snapshot().entries().stream().map(Entry::sha256).distinct().count();
        assertThat(im.snapshot().entries()).hasSize((int) distinct);
        assertThat(im.snapshot().entries()).hasSize(((Number) r.get("items")).intValue());
        // The report travels with the snapshot.
        assertThat(repository.listSnapshots().get(0).header().report()).containsEntry("items", r.get("items"));
    }

    @Test
    void reimportingTheSameExportInflatesNoUnchangedZipEntryAndWritesNoChunk() throws Exception {
        TakeoutFixture fixture = export();
        List<Path> parts = fixture.write(tmp.resolve("in"), FORMATS);
        Imported first = importParts(parts);
        long chunks = TestRepository.storedChunkCount(repoDir);

        Imported again = importParts(parts);

        assertThat(TestRepository.storedChunkCount(repoDir)).isEqualTo(chunks);
        assertThat(again.run().chunksWritten()).isZero();
        // Only the tgz parts' media were read (a tgz has no directory to skip by); no zip entry was inflated.
        long tgzMedia = 0;
        long zipMedia = 0;
        for (int part = 1; part <= 5; part++) {
            for (TakeoutFixture.Item i : fixture.items(part)) {
                boolean media = !i.name().endsWith(".json") && !i.name().endsWith(".html") && !i.name().contains("/._");
                if (media && FORMATS.get(part).name().startsWith("TGZ")) {
                    tgzMedia += i.bytes().length;
                } else if (media) {
                    zipMedia++;
                }
            }
        }
        assertThat(again.run().bytesRead()).isEqualTo(tgzMedia);
        assertThat(again.report().toMap().get("reusedUnread")).isEqualTo(zipMedia);
        assertThat(again.snapshot().entries()).isEqualTo(first.snapshot().entries().stream()
                .map(e -> e.withPath(e.path())).toList());
        assertThat(list(again.report().toMap(), "added")).isEmpty();
        assertThat(list(again.report().toMap(), "removed")).isEmpty();
    }

    @Test
    void aNewerExportStoresOnlyWhatIsNewAndReportsWhatWasAddedAndRemoved() throws Exception {
        Map<Integer, Format> allZip = Map.of(3, Format.ZIP_STORED, 4, Format.ZIP_DEFLATED_STREAMED);
        importParts(export().write(tmp.resolve("old"), allZip));
        byte[] fresh = jpeg(99, 30_000, null);
        TakeoutFixture newer = export("20251101T080000Z").remove(Y23 + "holiday.jpg")
                .remove(Y23 + "holiday.jpg.supplemental-metadata.json");
        newer.file(5, Y23 + "new.jpg", fresh).json(5, Y23 + "new.jpg.json", sidecar("new.jpg", t(50), null, null));

        Imported im = importParts(newer.write(tmp.resolve("new"), allZip));

        assertThat(im.run().bytesRead()).isEqualTo(fresh.length);
        assertThat(list(im.report().toMap(), "added")).containsExactly("Photos from 2023/new.jpg");
        assertThat(list(im.report().toMap(), "removed")).containsExactly("Photos from 2023/holiday.jpg");
        assertThat(im.report().toMap().get("export")).isEqualTo("20251101T080000Z");
        assertThat(im.byFile(Y23 + "new.jpg").media().taken()).isEqualTo(t(50));
        assertThat(im.byFile(Y23 + "IMG_0042.jpg").path()).isEqualTo("Family/IMG_0042.jpg");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "Google Fotos|Fotos von 2019|Metadaten.json",
        "Fotky Google|Fotky z roku 2019|metadata.json",
        "Google Фото|Фото за 2019 г.|метаданные.json",
        "Zdjęcia Google|Zdjęcia z 2019|metadane.json",
        "Google Fotografije|Fotografije iz 2019|metadata.json"})
    void localizedRootsYearFoldersAndAlbumMetadata(String root, String year, String metadata) throws Exception {
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        byte[] photo = jpeg(1, 10_000, null);
        f.file(1, root + "/" + year + "/IMG_1.jpg", photo);
        f.json(1, root + "/" + year + "/IMG_1.jpg.supplemental-metadata.json", sidecar("IMG_1.jpg", t(1), null, null));
        f.file(2, root + "/Urlaub/IMG_1.jpg", photo);
        f.json(2, root + "/Urlaub/IMG_1.jpg.supplemental-metadata.json", sidecar("IMG_1.jpg", t(1), null, null));
        f.json(2, root + "/Urlaub/" + metadata, "{\"title\":\"Urlaub am See\"}");
        f.file(2, "Drive/notes.pdf", new byte[100]);
        Imported im = importParts(f.write(tmp.resolve("in"), Map.of(2, Format.TGZ_PAX)));

        assertThat(im.snapshot().entries()).hasSize(1);
        Entry e = im.byFile(root + "/" + year + "/IMG_1.jpg");
        assertThat(e.albums()).containsExactly("Urlaub am See");
        assertThat(e.media().taken()).isEqualTo(t(1));
        assertThat(im.report().toMap().get("otherProducts")).isEqualTo(Map.of("Drive", 1L));
    }

    private static void assertTaken(Imported im, String file, Instant taken, String rule) {
        Entry e = im.byFile(file);
        assertThat(e.media().taken()).as(file).isEqualTo(taken);
        assertThat(e.media().sidecar()).as(file).isEqualTo(rule);
    }

    @SuppressWarnings("unchecked")
    static List<String> list(Map<String, Object> report, String key) {
        return (List<String>) report.get(key);
    }

    static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
