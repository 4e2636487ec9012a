package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.Cli;
import dev.photovault.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a repository in S3 (S3Proxy), named by --store: init, backup, snapshots, restore, check. */
class S3StoreCommandLineTest {

    static S3ProxyServer s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void backsUpAndRestoresThroughAnS3Store() throws Exception {
        Path source = dir.resolve("photos");
        write(source.resolve("Summer/beach.jpg"), randomBytes(1_500_000, 1));
        write(source.resolve("Winter/snow.jpg"), randomBytes(600_000, 2));
        String uri = s3.camelUri("cli-store");
        Cli cli = new Cli(null, Map.of("PHOTOVAULT_PASSWORD", "s3 command line test"))
                .withEnv(S3ProxyServer.CLIENT_ENV);

        Cli.Result init = cli.run("init", "--store", uri, "--kdf-memory", "8", "--kdf-iterations", "1");
        assertThat(init.exitCode()).as(init.all()).isZero();
        assertThat(init.out()).contains("s3://cli-store").doesNotContain(S3ProxyServer.SECRET_KEY);
        Cli.Result backup = cli.run("backup", source.toString(), "--store", uri);
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        assertThat(cli.run("snapshots", "--store", uri).out()).contains("local");

        Path target = dir.resolve("restored");
        Cli.Result restore = cli.run("restore", "latest", "--target", target.toString(), "--store", uri);
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(Files.readAllBytes(target.resolve("Summer/beach.jpg"))).isEqualTo(randomBytes(1_500_000, 1));
        assertThat(Files.readAllBytes(target.resolve("Winter/snow.jpg"))).isEqualTo(randomBytes(600_000, 2));
        Cli.Result check = cli.run("check", "--read-data", "--store", uri);
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(backup.all() + restore.all() + check.all()).doesNotContain(S3ProxyServer.SECRET_KEY);

        Cli.Result wrong = cli.withEnv(Map.of("PHOTOVAULT_PASSWORD", "not it")).run("snapshots", "--store", uri);
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("wrong passphrase").doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    void importsATakeoutIntoAnS3Store() throws Exception {
        List<Path> parts = dev.photovault.takeout.TakeoutTestExports.small(dir.resolve("export"));
        String uri = s3.camelUri("cli-takeout");
        Cli cli = new Cli(null, Map.of("PHOTOVAULT_PASSWORD", "s3 takeout test")).withEnv(S3ProxyServer.CLIENT_ENV);
        assertThat(cli.run("init", "--store", uri, "--kdf-memory", "8", "--kdf-iterations", "1").exitCode()).isZero();

        Cli.Result imported = cli.run("backup", "--takeout", parts.get(0).toString(), parts.get(1).toString(),
                "--store", uri);

        assertThat(imported.exitCode()).as(imported.all()).isZero();
        assertThat(imported.out()).contains("4 media files → 3 items");
        Cli.Result ls = cli.run("ls", "latest", "--json", "--store", uri);
        assertThat(ls.out()).contains("\"path\":\"Trip/a.jpg\"").contains("\"takenTime\":\"2024-05-06T07:08:09Z\"");
        // Restore anywhere: into another bucket through the aws2-s3 producer, album folders in the keys.
        Cli.Result out = cli.run("restore", "latest", "--to", s3.camelUri("cli-restored"), "--store", uri);
        assertThat(out.exitCode()).as(out.all()).isZero();
        assertThat(out.out()).contains("3 files sent");
        Path local = dir.resolve("restored");
        assertThat(cli.run("restore", "latest", "--target", local.toString(), "--store", uri).exitCode()).isZero();
        assertThat(s3.object("cli-restored", "Trip/a.jpg")).isEqualTo(Files.readAllBytes(local.resolve("Trip/a.jpg")));
        assertThat(s3.object("cli-restored", "Photos from 2024/c.jpg")).isNotNull();
        assertThat(imported.all() + ls.all() + out.all()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    void readingCommandsWorkWithCredentialsThatMayOnlyRead() throws Exception {
        Path source = dir.resolve("photos");
        write(source.resolve("Summer/beach.jpg"), randomBytes(800_000, 3));
        Cli cli = new Cli(null, Map.of("PHOTOVAULT_PASSWORD", "s3 read-only test")).withEnv(S3ProxyServer.CLIENT_ENV);
        String writable = s3.camelUri("read-only-store");
        assertThat(cli.run("init", "--store", writable, "--kdf-memory", "8", "--kdf-iterations", "1").exitCode()).isZero();
        assertThat(cli.run("backup", source.toString(), "--store", writable).exitCode()).isZero();

        try (S3ProxyServer readOnly = s3.readOnlyView()) {
            String uri = readOnly.camelUri("read-only-store").replace("&autoCreateBucket=true", "");
            Cli.Result snapshots = cli.run("snapshots", "--store", uri);
            assertThat(snapshots.exitCode()).as(snapshots.all()).isZero();
            Cli.Result check = cli.run("check", "--read-data", "--store", uri);
            assertThat(check.exitCode()).as(check.all()).isZero();
            assertThat(check.err()).contains("cannot be written").contains("reading it without a lock");
            Path target = dir.resolve("restored-read-only");
            Cli.Result restore = cli.run("restore", "latest", "--target", target.toString(), "--store", uri);
            assertThat(restore.exitCode()).as(restore.all()).isZero();
            assertThat(Files.readAllBytes(target.resolve("Summer/beach.jpg"))).isEqualTo(randomBytes(800_000, 3));
            Cli.Result backup = cli.run("backup", source.toString(), "--store", uri);
            assertThat(backup.exitCode()).isEqualTo(1);
            assertThat(backup.err()).contains("cannot be written").doesNotContain(S3ProxyServer.SECRET_KEY);
        }
    }
}
