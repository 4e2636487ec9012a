package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShippedRoutesTest {

    @Test
    void everyRouteFileOfTheJarIsNamedInTheListThatStartLoads() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/routes"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())))
                    .containsExactlyInAnyOrderElementsOf(PhotovaultApplication.SHIPPED_ROUTES);
        }
        for (String name : PhotovaultApplication.SHIPPED_ROUTES) {
            assertThat(getClass().getResource("/photovault/routes/" + name + ".yaml")).as(name).isNotNull();
        }
    }
}
