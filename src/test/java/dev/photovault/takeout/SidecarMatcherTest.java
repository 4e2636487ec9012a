package dev.photovault.takeout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.takeout.SidecarMatcher.Kind;
import dev.photovault.takeout.TakeoutListing.Folder;
import dev.photovault.takeout.TakeoutListing.JsonFile;
import dev.photovault.takeout.TakeoutListing.MediaFile;
import dev.photovault.takeout.TakeoutNames.Rule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One folder's matching, where the rules must say no. */
class SidecarMatcherTest {

    private static Folder folder(String path, List<String> media, List<String[]> json) throws Exception {
        TakeoutListing listing = new TakeoutListing();
        for (String m : media) {
            listing.add(new MediaFile("p1", path + "/" + m, path, m, 1, null));
        }
        for (String[] j : json) {
            listing.add(new JsonFile("p1", path + "/" + j[0], path, j[0],
                    TakeoutJson.parse(j[0], j[1].getBytes(StandardCharsets.UTF_8)), null));
        }
        return listing.folders().get(0);
    }

    private static String side(String title) {
        return TakeoutFixture.sidecar(title, Instant.parse("2020-01-01T00:00:00Z"), null, null);
    }

    private static Rule rule(Folder f, String media) {
        SidecarMatcher m = new SidecarMatcher(f, false);
        return m.match(f.media.stream().filter(x -> x.fileName.equals(media)).findFirst().orElseThrow()).rule();
    }

    @Test
    void aCounterSidecarNeverMatchesTheUncountedNameNorTheOtherWayRound() throws Exception {
        Folder onlyCounted = folder("G/Photos from 2020", List.of("photo.jpg"),
                List.<String[]>of(new String[] {"photo.jpg(1).json", side("photo.jpg")}));
        assertThat(rule(onlyCounted, "photo.jpg")).isEqualTo(Rule.NONE);
        Folder onlyPlain = folder("G/Photos from 2020", List.of("photo(1).jpg"),
                List.<String[]>of(new String[] {"photo.jpg.json", side("photo.jpg")}));
        assertThat(rule(onlyPlain, "photo(1).jpg")).isEqualTo(Rule.NONE);
    }

    @Test
    void anExtensionlessSidecarOfAnotherUploadIsNotTaken() throws Exception {
        Folder f = folder("G/Photos from 2020", List.of("photo.jpg"),
                List.<String[]>of(new String[] {"photo.json", side("photo.mp4")}));
        assertThat(rule(f, "photo.jpg")).isEqualTo(Rule.NONE);
    }

    @Test
    void foldersAreClassifiedByTheirMetadataNotTheirName() throws Exception {
        SidecarMatcher year = new SidecarMatcher(folder("G/Photos from 2019", List.of("a.jpg"), List.of()), false);
        assertThat(year.info().kind()).isEqualTo(Kind.YEAR);
        SidecarMatcher named = new SidecarMatcher(folder("G/Photos from 2019", List.of("a.jpg"),
                List.<String[]>of(new String[] {"metadati.json", "{\"title\":\"Photos from 2019\"}"})), false);
        assertThat(named.info()).isEqualTo(new SidecarMatcher.FolderInfo(Kind.ALBUM, "Photos from 2019", true));
        assertThat(new SidecarMatcher(folder("G/2019-07-04", List.of("a.jpg"), List.of()), false).info().kind())
                .isEqualTo(Kind.YEAR);
        assertThat(new SidecarMatcher(folder("G/Papierkorb", List.of("a.jpg"), List.of()), false).info().kind())
                .isEqualTo(Kind.TRASH);
        assertThat(new SidecarMatcher(folder("G/Untitled(1)", List.of("a.jpg"), List.of()), false).info())
                .isEqualTo(new SidecarMatcher.FolderInfo(Kind.ALBUM, "Untitled(1)", false));
    }
}
