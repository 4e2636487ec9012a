package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.photovault.takeout.TakeoutFixture;
import dev.photovault.takeout.TakeoutTestExports;
import dev.photovault.testing.Cli;
import dev.photovault.vault.core.VaultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `photovault backup --takeout` as a user runs it, then ls --json, report, snapshots --json and restore. */
class TakeoutCommandLineTest {

    @TempDir
    Path tmp;
    Cli cli;
    List<Path> parts;

    @BeforeEach
    void setUp() throws Exception {
        cli = Cli.forRepository(tmp.resolve("repo"));
        parts = TakeoutTestExports.small(tmp.resolve("export"));
        ok(cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1"));
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.all()).isZero();
        return r;
    }

    private Cli.Result backup(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("backup", "--takeout"));
        args.addAll(List.of(more));
        parts.forEach(p -> args.add(p.toString()));
        return cli.run(args.toArray(String[]::new));
    }

    static JsonNode json(String s) {
        try {
            return VaultJson.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(s, e);
        }
    }

    @Test
    void importsListsReportsAndRestoresWithDatesPlacesAndSidecars() throws Exception {
        Cli.Result dry = ok(backup("--dry-run"));
        assertThat(dry.out()).contains("dry run");
        assertThat(json(ok(cli.run("snapshots", "--json")).out())).isEmpty();

        Cli.Result run = ok(backup());
        assertThat(run.out()).contains("takeout 20250301T120000Z: 4 media files → 3 items (1 duplicate copies merged");
        assertThat(run.out()).contains("albums: 1 (Trip)");

        Map<String, JsonNode> ls = ok(cli.run("ls", "latest", "--json")).out().lines().map(TakeoutCommandLineTest::json)
                .collect(Collectors.toMap(n -> n.get("path").asText(), n -> n));
        JsonNode a = ls.get("Trip/a.jpg");
        assertThat(a.get("albums").get(0).asText()).isEqualTo("Trip");
        assertThat(a.get("takenTime").asText()).isEqualTo("2024-05-06T07:08:09Z");
        assertThat(a.get("takenTimeSource").asText()).isEqualTo("sidecar");
        assertThat(a.get("geo").get("latitude").asDouble()).isEqualTo(46.5);
        assertThat(a.get("geo").get("altitude").asDouble()).isEqualTo(400.0);
        assertThat(a.get("description").asText()).isEqualTo("Lake");
        assertThat(a.get("mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(a.get("sidecar").asText()).isEqualTo("supplemental");
        assertThat(a.get("favorite").asBoolean()).isFalse();
        assertThat(a.get("motionOf").isNull()).isTrue();
        assertThat(a.has("size") && a.has("sha256") && a.has("people") && a.has("trashed") && a.has("archived")).isTrue();
        assertThat(ls.get("Photos from 2024/b.jpg").get("favorite").asBoolean()).isTrue();
        JsonNode c = ls.get("Photos from 2024/c.jpg");
        assertThat(c.get("takenTime").isNull()).isTrue();
        assertThat(c.get("takenTimeSource").asText()).isEqualTo("none");
        assertThat(c.get("sidecar").asText()).isEqualTo("none");

        assertThat(ok(cli.run("report", "latest")).out()).contains("sidecars by rule: legacy 1, none 1, supplemental 1")
                .contains("media without sidecar: 1");
        assertThat(json(ok(cli.run("report", "latest", "--json")).out()).get("items").asInt()).isEqualTo(3);
        JsonNode snapshot = json(ok(cli.run("snapshots", "--json")).out()).get(0);
        assertThat(snapshot.get("source").asText()).isEqualTo("takeout");
        assertThat(snapshot.get("tags").get(0).asText()).isEqualTo("takeout");
        assertThat(snapshot.get("report").get("albums").get(0).asText()).isEqualTo("Trip");

        Path xmpTarget = tmp.resolve("restored-xmp");
        ok(cli.run("restore", "latest", "--target", xmpTarget.toString(), "--sidecars", "xmp"));
        Path restoredA = xmpTarget.resolve("Trip/a.jpg");
        assertThat(Files.getLastModifiedTime(restoredA).toInstant()).isEqualTo(TakeoutTestExports.TAKEN);
        XMPMeta xmp = XMPMetaFactory.parseFromBuffer(Files.readAllBytes(xmpTarget.resolve("Trip/a.jpg.xmp")));
        assertThat(xmp.getPropertyString(XMPConst.NS_EXIF, "DateTimeOriginal")).isEqualTo("2024-05-06T07:08:09Z");
        assertThat(xmp.getPropertyString(XMPConst.NS_EXIF, "GPSLatitude")).isEqualTo("46,30.000000N");
        assertThat(xmp.getPropertyString(XMPConst.NS_EXIF, "GPSLongitude")).isEqualTo("6,30.000000E");
        assertThat(xmp.getLocalizedText(XMPConst.NS_DC, "description", null, XMPConst.X_DEFAULT).getValue())
                .isEqualTo("Lake");
        assertThat(xmp.getArrayItem(XMPConst.NS_DC, "subject", 1).getValue()).isEqualTo("Trip");
        XMPMeta fav = XMPMetaFactory.parseFromBuffer(Files.readAllBytes(xmpTarget.resolve("Photos from 2024/b.jpg.xmp")));
        assertThat(fav.getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(5);
        assertThat(xmpTarget.resolve("Photos from 2024/c.jpg.xmp")).as("nothing to say about c.jpg").doesNotExist();

        Path jsonTarget = tmp.resolve("restored-json");
        ok(cli.run("restore", "latest", "--target", jsonTarget.toString(), "--sidecars", "json"));
        JsonNode sidecar = json(Files.readString(jsonTarget.resolve("Trip/a.jpg.json")));
        assertThat(sidecar.get("takenTime").asText()).isEqualTo("2024-05-06T07:08:09Z");
        assertThat(sidecar.get("albums").get(0).asText()).isEqualTo("Trip");

        // Restore through any Camel producer: a file: endpoint that keeps the times.
        Path viaCamel = tmp.resolve("via-camel");
        Cli.Result camel = ok(cli.run("restore", "latest", "--to", "file:" + viaCamel + "?keepLastModified=true"));
        assertThat(camel.out()).contains("3 files sent");
        assertThat(viaCamel.resolve("Trip/a.jpg")).hasBinaryContent(Files.readAllBytes(restoredA));
        assertThat(Files.getLastModifiedTime(viaCamel.resolve("Trip/a.jpg")).toInstant())
                .isEqualTo(TakeoutTestExports.TAKEN);
        Cli.Result badUri = cli.run("restore", "latest", "--to", "nosuchscheme:x");
        assertThat(badUri.exitCode()).isEqualTo(1);
        assertThat(badUri.err()).contains("is not an endpoint photovault can write to");

        // export: one plain zip (read back by the JDK's own reader), one tar on stdout (read back by GNU tar).
        Path zipFile = tmp.resolve("photos.zip");
        Cli.Result zipped = ok(cli.run("export", "latest", "--format", "zip", "--output", zipFile.toString(),
                "--sidecars", "xmp"));
        assertThat(zipped.err()).contains("3 files");
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zipFile.toFile())) {
            assertThat(z.getInputStream(z.getEntry("Trip/a.jpg")).readAllBytes()).isEqualTo(Files.readAllBytes(restoredA));
            assertThat(z.getEntry("Trip/a.jpg").getLastModifiedTime().toInstant()).isEqualTo(TakeoutTestExports.TAKEN);
            assertThat(z.getEntry("Trip/a.jpg.xmp")).isNotNull();
            assertThat(z.getEntry("Photos from 2024/c.jpg")).isNotNull();
        }
        Process tarOut = cli.start("export", "latest", "--format", "tar", "--output", "-");
        Path untarred = Files.createDirectories(tmp.resolve("untarred"));
        Process untar = new ProcessBuilder("tar", "-x", "-C", untarred.toString()).start();
        try (var in = tarOut.getInputStream(); var to = untar.getOutputStream()) {
            in.transferTo(to);
        }
        assertThat(tarOut.waitFor()).isZero();
        assertThat(untar.waitFor()).isZero();
        assertThat(untarred.resolve("Trip/a.jpg")).hasBinaryContent(Files.readAllBytes(restoredA));
        assertThat(Files.getLastModifiedTime(untarred.resolve("Trip/a.jpg")).toInstant())
                .isEqualTo(TakeoutTestExports.TAKEN);

        // dump: one file's exact bytes on standard output.
        Process dump = cli.start("dump", "latest", "Trip/a.jpg");
        byte[] dumped = dump.getInputStream().readAllBytes();
        assertThat(dump.waitFor()).isZero();
        assertThat(dumped).isEqualTo(Files.readAllBytes(restoredA));
        Cli.Result missing = cli.run("dump", "latest", "Trip/nope.jpg");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("has no entry Trip/nope.jpg");

        Cli.Result again = ok(backup());
        assertThat(again.out()).contains("3 unchanged and not inflated");
    }

    @Test
    void rejectedEntriesExitWithThreeAndAnIncompleteExportIsRefusedInOneLine() throws Exception {
        TakeoutFixture hostile = new TakeoutFixture("20250301T120000Z");
        hostile.file(1, "Google Photos/Photos from 2024/ok.jpg", TakeoutFixture.jpeg(1, 5_000, null));
        hostile.link(1, "Takeout/Google Photos/Photos from 2024/link.jpg", "/etc/passwd");
        hostile.file(3, "Google Photos/Photos from 2024/three.jpg", TakeoutFixture.jpeg(2, 5_000, null));
        List<Path> files = hostile.write(tmp.resolve("hostile"), Map.of(1, TakeoutFixture.Format.TGZ_PAX));

        Cli.Result refused = cli.run("backup", "--takeout", files.get(0).toString(), files.get(1).toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("photovault: the export is incomplete: takeout-20250301T120000Z-002"
                + " is missing; add it, or import anyway with --allow-missing-parts (the snapshot is then partial)");

        Cli.Result r = cli.run("backup", "--takeout", "--allow-missing-parts", files.get(0).toString(),
                files.get(1).toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out()).contains("link.jpg: a symbolic link (to /etc/passwd): links are never followed");
        assertThat(r.err()).contains("1 archive entries were rejected").contains("part takeout-20250301T120000Z-002");
    }
}
