package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.Cli;
import dev.photovault.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly host of README's 3-2-1 section, whose S3 credentials may not delete (but its locks):
 * backup, check and copy work; forget and prune fail in one line and change nothing.
 */
class AppendOnlyTest {

    @TempDir
    Path tmp;

    @Test
    void backupCheckAndCopyRunWithoutDeleteRightsAndForgetSaysWhereToRunIt() throws Exception {
        try (S3ProxyServer full = new S3ProxyServer(); S3ProxyServer nightly = full.appendOnlyView()) {
            Map<String, String> env = Map.of("PHOTOVAULT_PASSWORD", "append only", "PHOTOVAULT_TO_PASSWORD", "offsite");
            Cli cli = new Cli(null, env).withEnv(S3ProxyServer.CLIENT_ENV);
            assertThat(cli.run("init", "--store", full.camelUri("nas"), "--kdf-memory", "1", "--kdf-iterations", "1")
                    .exitCode()).isZero();
            assertThat(cli.withEnv(Map.of("PHOTOVAULT_PASSWORD", "offsite")).run("init", "--store",
                    full.camelUri("offsite"), "--kdf-memory", "1", "--kdf-iterations", "1").exitCode()).isZero();
            Path photos = tmp.resolve("photos");
            write(photos.resolve("Summer/beach.jpg"), randomBytes(900_000, 1));
            String nas = nightly.camelUri("nas");
            for (int i = 0; i < 2; i++) {
                write(photos.resolve("Summer/new" + i + ".jpg"), randomBytes(300_000, 10 + i));
                Cli.Result backup = cli.run("backup", photos.toString(), "--store", nas);
                assertThat(backup.exitCode()).as(backup.all()).isZero();
            }
            Cli.Result check = cli.run("check", "--read-data", "--store", nas);
            assertThat(check.exitCode()).as(check.all()).isZero();
            Cli.Result copy = cli.run("copy", "--store", nas, "--to-store", nightly.camelUri("offsite"));
            assertThat(copy.exitCode()).as(copy.all()).isZero();
            assertThat(copy.out()).contains("2 snapshots copied");

            Cli.Result forget = cli.run("forget", "--keep-last", "1", "--prune", "--store", nas);
            assertThat(forget.exitCode()).isEqualTo(1);
            assertThat(forget.err()).contains("may not delete").contains("run forget and prune with credentials that may")
                    .hasLineCount(1).doesNotContain(S3ProxyServer.SECRET_KEY);
            assertThat(cli.run("snapshots", "--store", nas).out().lines().filter(l -> l.contains("local"))).hasSize(2);

            Cli.Result allowed = cli.run("forget", "--keep-last", "1", "--prune", "--store", full.camelUri("nas"));
            assertThat(allowed.exitCode()).as(allowed.all()).isZero();
            assertThat(cli.run("check", "--store", full.camelUri("nas")).exitCode()).isZero();
        }
    }
}
