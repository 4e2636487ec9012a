package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.Cli;
import dev.photovault.testing.S3ProxyServer;
import dev.photovault.testing.TestRepository;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code photovault copy} between real repositories with different passphrases: file → S3 and file → file. */
class CopyCommandLineTest {

    static final String TARGET_PASSPHRASE = "offsite passphrase, not the NAS one";
    static S3ProxyServer s3;

    @TempDir
    Path tmp;
    Path repo;
    Path photos;
    Cli cli;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        repo = tmp.resolve("nas");
        photos = tmp.resolve("photos");
        cli = Cli.forRepository(repo).withEnv(Map.of("PHOTOVAULT_TO_PASSWORD", TARGET_PASSPHRASE))
                .withEnv(S3ProxyServer.CLIENT_ENV);
        assertThat(cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1").exitCode()).isZero();
    }

    @Test
    void aCopyToS3RestoresFromTheTargetAloneAndASecondCopyWritesNothing() throws Exception {
        write(photos.resolve("Summer/beach.jpg"), randomBytes(1_500_000, 1));
        write(photos.resolve("Winter/snow.jpg"), randomBytes(600_000, 2));
        assertThat(cli.run("backup", photos.toString()).exitCode()).isZero();
        write(photos.resolve("Winter/ice.jpg"), randomBytes(300_000, 3));
        assertThat(cli.run("backup", photos.toString()).exitCode()).isZero();

        String uri = s3.camelUri("offsite");
        Cli offsite = new Cli(null, Map.of("PHOTOVAULT_PASSWORD", TARGET_PASSPHRASE)).withEnv(S3ProxyServer.CLIENT_ENV);
        assertThat(offsite.run("init", "--store", uri, "--kdf-memory", "1", "--kdf-iterations", "1").exitCode()).isZero();

        Cli.Result copy = cli.run("copy", "--to-store", uri);
        assertThat(copy.exitCode()).as(copy.all()).isZero();
        assertThat(copy.out()).contains("2 snapshots copied, 0 already in the target");
        assertThat(copy.all()).doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(TARGET_PASSPHRASE);

        Cli.Result again = cli.run("copy", "--to-store", uri);
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("0 snapshots copied, 2 already in the target");

        Path restored = tmp.resolve("restored");
        Cli.Result restore = offsite.run("restore", "latest", "--store", uri, "--target", restored.toString());
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(restored.resolve("Summer/beach.jpg")).hasBinaryContent(randomBytes(1_500_000, 1));
        assertThat(restored.resolve("Winter/ice.jpg")).hasBinaryContent(randomBytes(300_000, 3));
        Cli.Result check = offsite.run("check", "--read-data", "--store", uri);
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(offsite.run("snapshots", "--store", uri).out()).contains("local");

        Cli.Result wrong = cli.withEnv(Map.of("PHOTOVAULT_TO_PASSWORD", "not it")).run("copy", "--to-store", uri);
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("wrong passphrase").hasLineCount(1);
    }

    @Test
    void aCopyKilledHalfwayResumesWithoutWritingItsChunksAgain() throws Exception {
        for (int i = 0; i < 24; i++) {
            write(photos.resolve("Album/photo" + i + ".jpg"), randomBytes(2_000_000, 10 + i));
        }
        assertThat(cli.run("backup", photos.toString()).exitCode()).isZero();
        Path target = tmp.resolve("usb");
        Cli usb = Cli.forRepository(target).withEnv(Map.of("PHOTOVAULT_PASSWORD", TARGET_PASSPHRASE));
        assertThat(usb.run("init", "--kdf-memory", "1", "--kdf-iterations", "1").exitCode()).isZero();

        Process copy = cli.start("copy", "--to-repo", target.toString(), "--workers", "1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (TestRepository.chunkCount(target) < 12 && copy.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        copy.destroyForcibly(); // SIGKILL
        copy.waitFor();
        // Stored: chunk objects, and the chunks of the packs written (the small last pieces of the photos that
        // were still in the pack being filled at the kill were never stored, and are written by the next copy).
        long afterKill = TestRepository.storedChunkCount(target, TARGET_PASSPHRASE);
        assertThat(afterKill).as("killed after it stored some chunks").isPositive();
        assertThat(usb.run("snapshots").out()).doesNotContain("local");
        Cli.Result checkAfterKill = usb.run("check");
        assertThat(checkAfterKill.exitCode()).as(checkAfterKill.all()).isZero();

        Cli.Result resumed = cli.run("copy", "--to-repo", target.toString());
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        Matcher written = Pattern.compile("(\\d+) chunks written").matcher(resumed.out());
        assertThat(written.find()).as(resumed.out()).isTrue();
        long total = TestRepository.storedChunkCount(target, TARGET_PASSPHRASE);
        assertThat(Long.parseLong(written.group(1))).as("chunks written again: none of the %d there", afterKill)
                .isLessThanOrEqualTo(total - afterKill + 4); // at most the few in flight, unindexed at the kill
        Cli.Result check = usb.run("check", "--read-data");
        assertThat(check.exitCode()).as(check.all()).isZero();
        Path restored = tmp.resolve("restored");
        assertThat(usb.run("restore", "latest", "--target", restored.toString()).exitCode()).isZero();
        for (int i = 0; i < 24; i++) {
            assertThat(restored.resolve("Album/photo" + i + ".jpg")).hasBinaryContent(randomBytes(2_000_000, 10 + i));
        }
    }

    @Test
    void aTargetThatCannotBeReachedIsOneLineWithoutItsSecret() throws Exception {
        String unreachable = "aws2-s3://nowhere?uriEndpointOverride=http://127.0.0.1:1&overrideEndpoint=true"
                + "&forcePathStyle=true&region=us-east-1&accessKey=someone&secretKey=RAW(target-secret-4711)";
        Cli.Result copy = cli.run("copy", "--to-store", unreachable);
        assertThat(copy.exitCode()).isEqualTo(1);
        assertThat(copy.err()).startsWith("photovault: ").hasLineCount(1).doesNotContain("target-secret-4711")
                .doesNotContain("Exception");
        Cli.Result bogus = cli.run("copy", "--to-store", unreachable + "&noSuchOption=1");
        assertThat(bogus.exitCode()).isEqualTo(1);
        assertThat(bogus.err()).hasLineCount(1).doesNotContain("target-secret-4711");
    }
}
