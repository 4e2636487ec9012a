package dev.photovault.vault.core.restorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import dev.photovault.testing.TestData;
import dev.photovault.vault.core.snapshot.MediaInfo;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.TimeZone;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Dates and places written into a JPEG copy, everything else kept. */
class ExifEmbedderTest {

    static MediaInfo info(Instant taken, String source, Double lat, Double lon, Double alt) {
        return new MediaInfo(null, null, "image/jpeg", null, taken, null, null, null, null, null, lat, lon, alt,
                null, null, source, null, null, null, null, null, null);
    }

    static Metadata read(byte[] b) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(b));
    }

    @Test
    void writesTheDateAndPlaceAndKeepsTheCamera() throws Exception {
        byte[] original = TestData.sekienAkashita();
        Instant taken = Instant.parse("2023-10-06T06:30:00Z");
        byte[] out = ExifEmbedder.embed(original, info(taken, "sidecar", 46.2044, 6.1432, 375.0));
        Metadata md = read(out);
        assertThat(md.getFirstDirectoryOfType(ExifSubIFDDirectory.class).getDateOriginal(TimeZone.getTimeZone("UTC"))
                .toInstant()).isEqualTo(taken);
        var geo = md.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation();
        assertThat(geo.getLatitude()).isCloseTo(46.2044, Offset.offset(1e-6));
        assertThat(geo.getLongitude()).isCloseTo(6.1432, Offset.offset(1e-6));
        // What the original's EXIF said of its camera is still there.
        var before = read(original).getFirstDirectoryOfType(ExifIFD0Directory.class);
        var after = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (before != null && before.getString(ExifIFD0Directory.TAG_MAKE) != null) {
            assertThat(after.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo(before.getString(ExifIFD0Directory.TAG_MAKE));
        }
    }

    @Test
    void aBareJpegGetsAnExifSegment() throws Exception {
        byte[] bare = dev.photovault.takeout.TakeoutFixture.jpeg(1, 3_000, null);
        Instant taken = Instant.parse("2020-01-02T03:04:05Z");
        byte[] out = ExifEmbedder.embed(bare, info(taken, "sidecar", null, null, null));
        assertThat(read(out).getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                .getDateOriginal(TimeZone.getTimeZone("UTC")).toInstant()).isEqualTo(taken);
    }

    @Test
    void nothingToWriteLeavesTheBytesAlone() throws Exception {
        byte[] original = TestData.sekienAkashita();
        assertThat(ExifEmbedder.embed(original, info(Instant.now(), "exif", null, null, null))).isSameAs(original);
        assertThat(ExifEmbedder.embed(new byte[] {1, 2, 3}, info(Instant.now(), "sidecar", 1.0, 1.0, null)))
                .containsExactly(1, 2, 3);
    }
}
