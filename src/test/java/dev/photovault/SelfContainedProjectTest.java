package dev.photovault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A user's clone has nothing beside it: no build file, test, benchmark or script may reach outside the project. */
class SelfContainedProjectTest {

    @Test
    void nothingInTheBuildTestsBenchmarksOrScriptsReadsASiblingFolder() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        List<Path> places = List.of(root.resolve("pom.xml"), root.resolve("src"), root.resolve("bench"),
                root.resolve(".ci"), root.resolve("config"));
        String sibling = ".." + "/shared"; // spelled in two parts so that this file does not find itself
        try (Stream<Path> files = places.stream().filter(Files::exists).flatMap(SelfContainedProjectTest::walk)) {
            // bench/work holds generated libraries and exports (git ignores it); no script or source is 1 MiB.
            Path work = root.resolve("bench").resolve("work");
            List<String> offenders = files.filter(Files::isRegularFile).filter(f -> !f.startsWith(work))
                    .filter(f -> !f.toString().matches(".*\\.(jpg|png|gz|tgz|zip|jar|class)$"))
                    .filter(f -> size(f) < (1 << 20))
                    .filter(f -> read(f).contains(sibling)).map(root::relativize).map(Path::toString).toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static Stream<Path> walk(Path p) {
        try {
            return Files.walk(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
