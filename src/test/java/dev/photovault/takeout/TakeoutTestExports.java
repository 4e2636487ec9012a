package dev.photovault.takeout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small ready-made exports for tests outside this package (routes, command line). */
public final class TakeoutTestExports {

    /** The taken time of {@code a.jpg} in {@link #small}. */
    public static final Instant TAKEN = Instant.parse("2024-05-06T07:08:09Z");

    private TakeoutTestExports() {
    }

    /**
     * Two parts (a zip and a tgz) of export 20250301T120000Z: {@code a.jpg} in the album "Trip" and its year folder
     * (sidecar in part 2, with geo and a description), {@code b.jpg} (favourite) and {@code c.jpg} (no sidecar).
     */
    public static List<Path> small(Path dir) throws IOException {
        TakeoutFixture f = new TakeoutFixture("20250301T120000Z");
        String y = "Google Photos/Photos from 2024/";
        byte[] a = TakeoutFixture.jpeg(1, 30_000, null);
        f.file(1, y + "a.jpg", a);
        f.file(1, "Google Photos/Trip/a.jpg", a);
        f.json(1, "Google Photos/Trip/metadata.json", "{\"title\":\"Trip\"}");
        f.file(1, y + "b.jpg", TakeoutFixture.jpeg(2, 20_000, null));
        f.json(2, y + "a.jpg.supplemental-metadata.json", TakeoutFixture.sidecar("a.jpg", TAKEN, null,
                "\"geoDataExif\":{\"latitude\":46.5,\"longitude\":6.5,\"altitude\":400.0}")
                .replace("\"description\":\"\"", "\"description\":\"Lake\""));
        f.json(2, y + "b.jpg.json", TakeoutFixture.sidecar("b.jpg", Instant.parse("2024-01-01T00:00:00Z"), null,
                "\"favorited\":true"));
        f.file(2, y + "c.jpg", TakeoutFixture.jpeg(3, 20_000, null));
        return f.write(dir, Map.of(1, TakeoutFixture.Format.ZIP_DEFLATED_STREAMED, 2, TakeoutFixture.Format.TGZ_GNU));
    }
}
