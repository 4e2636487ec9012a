package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher ({@code target/photovault}): reached through a link, as an install into {@code ~/bin}
 * would, it runs the shaded jar with the class-data-sharing archive built beside it, and a Java the archive was
 * not made for still runs the command. Runs in {@code mvn verify}, after {@code package} made the launcher.
 */
class LauncherTest {

    @TempDir
    Path tmp;

    private static Path launcher() {
        var launcher = dev.photovault.testing.Cli.packagedLauncher();
        assumeTrue(launcher.isPresent(), "runs after package, against the packaged launcher");
        return launcher.get();
    }

    @Test
    void throughALinkTheLauncherRunsTheJarWithItsClassDataArchive() throws Exception {
        assumeTrue(Files.exists(launcher().resolveSibling("photovault.jsa")), "built without -Dcds.skip");
        Path link = Files.createSymbolicLink(tmp.resolve("bin-photovault"), launcher().toAbsolutePath());
        Path loaded = tmp.resolve("class-load.log");
        String out = run(link, System.getProperty("java.home"), "-Xlog:class+load=info:file=" + loaded);

        assertThat(out).contains("photovault");
        String log = Files.readString(loaded);
        assertThat(log).as("the command's own classes come from the archive")
                .containsPattern("dev\\.photovault\\.cli\\.PhotovaultCommand source: shared objects file");
    }

    @Test
    void aJavaWithoutTheArchiveOptionsStillRunsTheCommandQuietly() throws Exception {
        // A damaged archive stands for one made by another Java: the JVM must ignore it without a word.
        Path copy = tmp.resolve("install");
        Files.createDirectories(copy);
        Path jar = launcher().toAbsolutePath().getParent().resolve("photovault.jar");
        Files.copy(launcher(), copy.resolve("photovault"));
        Files.createSymbolicLink(copy.resolve("photovault.jar"), jar);
        Files.write(copy.resolve("photovault.jsa"), new byte[4096]);

        String out = run(copy.resolve("photovault"), System.getProperty("java.home"), "");

        assertThat(out).startsWith("photovault ");
        assertThat(out.lines().count()).as(out).isEqualTo(1);
    }

    @Test
    void theSerialCollectorIsTheDefaultAndACollectorOfTheUsersReplacesIt() throws Exception {
        Path serial = tmp.resolve("serial.log");
        run(launcher(), System.getProperty("java.home"), "-Xlog:gc:file=" + serial);
        assertThat(Files.readString(serial)).contains("Using Serial");

        Path parallel = tmp.resolve("parallel.log");
        run(launcher(), System.getProperty("java.home"), "-Xmx128m -XX:+UseParallelGC -Xlog:gc:file=" + parallel);
        assertThat(Files.readString(parallel)).as("no clash of two collectors: the user's is used")
                .contains("Using Parallel").doesNotContain("Serial");
    }

    private static String run(Path launcher, String javaHome, String options) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "--version")).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome);
        builder.environment().put("PHOTOVAULT_JAVA_OPTS", options);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
