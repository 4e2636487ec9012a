package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.indexOf;
import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.Cli;
import dev.photovault.testing.TestData;
import dev.photovault.testing.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --output FILE.pva}, then every reading command with {@code --repo FILE.pva}, as a user runs them. */
class PortableArchiveCommandLineTest {

    static final String ARCHIVE_PASSPHRASE = "what the recipient is told";

    @TempDir
    Path tmp;

    Path repo;
    Path source;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        repo = tmp.resolve("repo");
        source = tmp.resolve("photos");
        cli = Cli.forRepository(repo);
        write(source.resolve("Summer/beach.jpg"), TestData.sekienAkashita());
        write(source.resolve("Summer/sea.jpg"), randomBytes(1_700_000, 1));
        write(source.resolve("Winter/snow.jpg"), randomBytes(900_000, 2));
        assertThat(cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1").exitCode()).isZero();
        Cli.Result backup = cli.run("backup", source.toString());
        assertThat(backup.exitCode()).as(backup.all()).isZero();
    }

    @Test
    void anEncryptedArchiveNeedsOnlyItselfAndItsPassphrase() throws Exception {
        Path pva = tmp.resolve("out/photos.pva");
        Files.createDirectories(pva.getParent());
        Cli.Result export = cli.withEnv(Map.of("PHOTOVAULT_NEW_PASSWORD", ARCHIVE_PASSPHRASE))
                .run("export", "latest", "--output", pva.toString(), "--kdf-memory", "1", "--kdf-iterations", "1");
        assertThat(export.exitCode()).as(export.all()).isZero();
        assertThat(export.err()).contains("3 files").contains("encrypted archive").contains(pva.toString());
        assertThat(Files.list(pva.getParent())).containsExactly(pva);

        // The repository is gone: the archive is all there is.
        TestRepository.deleteTree(repo);
        Cli archive = new Cli(pva, Map.of("PHOTOVAULT_PASSWORD", ARCHIVE_PASSPHRASE));
        Cli.Result snapshots = archive.run("snapshots");
        assertThat(snapshots.exitCode()).as(snapshots.all()).isZero();
        assertThat(snapshots.out()).contains("local");
        Cli.Result ls = archive.run("ls", "latest");
        assertThat(ls.exitCode()).as(ls.all()).isZero();
        assertThat(ls.out()).contains("Summer/beach.jpg").contains("Winter/snow.jpg");
        assertThat(ls.all()).doesNotContain("lock");

        Path target = tmp.resolve("restored");
        Cli.Result restore = archive.run("restore", "latest", "--target", target.toString());
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(target.resolve("Summer/beach.jpg")).hasSameBinaryContentAs(source.resolve("Summer/beach.jpg"));
        assertThat(target.resolve("Summer/sea.jpg")).hasSameBinaryContentAs(source.resolve("Summer/sea.jpg"));
        assertThat(target.resolve("Winter/snow.jpg")).hasSameBinaryContentAs(source.resolve("Winter/snow.jpg"));

        Cli.Result check = archive.run("check", "--read-data");
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).contains("no errors");

        Cli.Result dump = archive.run("dump", "latest", "Summer/beach.jpg");
        assertThat(dump.exitCode()).isZero();

        Cli.Result wrong = new Cli(pva, Map.of("PHOTOVAULT_PASSWORD", TestRepository.PASSPHRASE)).run("ls", "latest");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("wrong passphrase").hasLineCount(1);

        Cli.Result backup = archive.run("backup", source.toString());
        assertThat(backup.exitCode()).isNotZero();
        assertThat(backup.err()).contains("read-only").hasLineCount(1);
    }

    @Test
    void aPlaintextArchiveOpensWithoutAPassphraseAndADamagedByteIsNamed() throws Exception {
        Path pva = tmp.resolve("plain.pva");
        Cli.Result export = cli.run("export", "latest", "--output", pva.toString(), "--plaintext");
        assertThat(export.exitCode()).as(export.all()).isZero();
        assertThat(export.err()).contains("plaintext archive");

        Cli archive = new Cli(pva, Map.of());
        Cli.Result ls = archive.run("ls", "latest");
        assertThat(ls.exitCode()).as(ls.all()).isZero();
        assertThat(ls.out()).contains("Summer/sea.jpg");

        // A byte in the middle of sea.jpg's content (stored as it is) flipped.
        byte[] bytes = Files.readAllBytes(pva);
        byte[] sea = Files.readAllBytes(source.resolve("Summer/sea.jpg"));
        int at = indexOf(bytes, java.util.Arrays.copyOfRange(sea, 800_000, 800_064));
        assertThat(at).isPositive();
        bytes[at + 10] ^= 1;
        Files.write(pva, bytes);
        Cli.Result check = archive.run("check", "--read-data");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("of " + pva).contains("damaged: snapshot").contains("Summer/sea.jpg")
                .doesNotContain("Summer/beach.jpg");
        Cli.Result restore = archive.run("restore", "latest", "--target", tmp.resolve("r").toString());
        assertThat(restore.exitCode()).isEqualTo(PhotovaultCommand.INCOMPLETE);
        assertThat(restore.err()).contains("Summer/sea.jpg");
        assertThat(tmp.resolve("r/Winter/snow.jpg")).hasSameBinaryContentAs(source.resolve("Winter/snow.jpg"));

        Path cut = Files.write(tmp.resolve("cut.pva"), java.util.Arrays.copyOf(bytes, bytes.length - 1));
        Cli.Result cutLs = new Cli(cut, Map.of()).run("ls", "latest");
        assertThat(cutLs.exitCode()).isNotZero();
        assertThat(cutLs.err()).contains("trailer").hasLineCount(1);
    }

    @Test
    void aPvaCanGoToStandardOutputAndTheFormatIsTakenFromTheName() throws Exception {
        Cli.Result refused = cli.run("export", "latest", "--output", tmp.resolve("photos.bin").toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("--format pva|zip|tar").hasLineCount(1);
        Cli.Result sidecars = cli.run("export", "latest", "--output", tmp.resolve("p.pva").toString(),
                "--sidecars", "json", "--plaintext");
        assertThat(sidecars.exitCode()).isNotZero();
        assertThat(sidecars.err()).contains("--sidecars is for zip and tar");

        Process process = cli.start("export", "latest", "--format", "pva", "--plaintext", "--output", "-");
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] streamed = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        assertThat(new String(err.join(), java.nio.charset.StandardCharsets.UTF_8)).contains("exported snapshot");
        Path pva = Files.write(tmp.resolve("streamed.pva"), streamed);
        Cli.Result check = new Cli(pva, Map.of()).run("check", "--read-data");
        assertThat(check.exitCode()).as(check.all()).isZero();
    }


    @Test
    void anOutputThatIsAFolderOrHasNoFolderIsRefusedBeforeAnythingIsRead() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("exports"));
        Cli.Result folder = cli.run("export", "latest", "--format", "zip", "--output", tmp.resolve("exports").toString());
        assertThat(folder.exitCode()).isEqualTo(1);
        assertThat(folder.err()).contains("is a folder").contains("photos.zip").hasLineCount(1);
        assertThat(tmp.resolve("exports")).isEmptyDirectory();
        Cli.Result missing = cli.run("export", "latest", "--output", tmp.resolve("no/such/dir/p.pva").toString(),
                "--plaintext");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no folder " + tmp.resolve("no/such/dir")).contains("create it first")
                .hasLineCount(1);
    }
}
