package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.testing.Cli;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.repository.Repository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentBackupTest {

    @TempDir
    Path tmp;

    @Test
    void twoBackupsAtOnceBothSucceedAndShareChunks() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepository.create(repo);
        Path phone = tmp.resolve("phone");
        Path camera = tmp.resolve("camera");
        for (int i = 0; i < 4; i++) {
            byte[] shared = randomBytes(6 * 1024 * 1024, i);
            write(phone.resolve("Shared/p" + i + ".jpg"), shared);
            write(camera.resolve("Shared/c" + i + ".jpg"), shared);
            write(camera.resolve("Own/c" + i + ".jpg"), randomBytes(3 * 1024 * 1024, 100 + i));
        }
        Cli cli = Cli.forRepository(repo);
        Process a = cli.start("backup", phone.toString());
        Process b = cli.start("backup", camera.toString());
        String outA = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(a.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String outB = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(b.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(a.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(b.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(a.exitValue()).as(outA).isZero();
        assertThat(b.exitValue()).as(outB).isZero();

        Repository repository = TestRepository.reopen(repo);
        assertThat(repository.listSnapshots()).hasSize(2);
        assertThat(new Checker(repository, 2, new Progress()).check(true, 1.0).errors()).isEmpty();
        Path restored = tmp.resolve("restored");
        Cli.Result restore = cli.run("restore", repository.listSnapshots().get(0).id(), "--target", restored.toString());
        assertThat(restore.exitCode()).as(restore.all()).isZero();
    }
}
