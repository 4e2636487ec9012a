package dev.photovault.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LibraryConformanceTest extends EmulatorTestBase {

    private String createAlbum(String title) throws Exception {
        ApiClient.Response r = api.post("/v1/albums", Map.of("album", Map.of("title", title)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    @Test
    void theServerAnswersWithoutNaglesPause() {
        // Not timed here (timings belong in bench/): the switch that takes the ~40 ms per kept-alive request away
        // is on once an emulator runs, unless the JVM was started with its own choice.
        assertThat(System.getProperty(GooglePhotosEmulator.NO_DELAY)).isEqualTo("true");
    }

    @Test
    void albumsHaveGooglesShapeAndLongIds() throws Exception {
        String id = createAlbum("Summer");
        JsonNode created = api.get("/v1/albums/" + id).json();
        assertThat(id).matches("[A-Za-z0-9_-]{55,}");
        assertThat(created.get("productUrl").asText()).isEqualTo("https://photos.google.com/lr/album/" + id);
        assertThat(created.get("isWriteable").asBoolean()).isTrue();
        assertThat(created.has("mediaItemsCount")).isFalse();
        api.create(png(8, 8, 1), "image/png", "a.png", id);
        JsonNode withItem = api.get("/v1/albums/" + id).json();
        assertThat(withItem.get("mediaItemsCount").isTextual()).isTrue();
        assertThat(withItem.get("mediaItemsCount").asText()).isEqualTo("1");
        assertThat(withItem.get("coverPhotoBaseUrl").asText()).startsWith(emulator.url() + "/lr/");
    }

    @Test
    void albumListPagesThroughToTheLastPage() throws Exception {
        for (int i = 0; i < 55; i++) {
            createAlbum("Album " + i);
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/v1/albums?pageSize=50" + (token == null ? "" : "&pageToken=" + token)).json();
            page.get("albums").forEach(a -> seen.add(a.get("id").asText()));
            token = page.has("nextPageToken") ? page.get("nextPageToken").asText() : null;
            pages++;
        } while (token != null);
        assertThat(seen).hasSize(55);
        assertThat(pages).isEqualTo(2);
        assertThat(api.get("/v1/albums").json().get("albums")).hasSize(20);
        assertThat(api.get("/v1/albums?pageSize=500").json().get("albums")).hasSize(50);
    }

    @Test
    void titlesOver500CharactersAreRefused() throws Exception {
        ApiClient.Response r = api.post("/v1/albums", Map.of("album", Map.of("title", "x".repeat(501))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(r.json().at("/error/code").asInt()).isEqualTo(400);
    }

    @Test
    void albumTitleAndCoverCanBePatched() throws Exception {
        String id = createAlbum("Old");
        String item = api.create(png(4, 4, 2), "image/png", "c.png", id).at("/mediaItem/id").asText();
        JsonNode patched = api.patch("/v1/albums/" + id + "?updateMask=title,coverPhotoMediaItemId",
                Map.of("title", "New", "coverPhotoMediaItemId", item)).json();
        assertThat(patched.get("title").asText()).isEqualTo("New");
        assertThat(patched.get("coverPhotoMediaItemId").asText()).isEqualTo(item);
    }

    @Test
    void mediaItemsCarryInt64sAsStringsAndTheirMetadata() throws Exception {
        JsonNode result = api.create(png(40, 30, 3), "image/png", "pic.png", null);
        assertThat(result.at("/status/message").asText()).isEqualTo("Success");
        assertThat(result.at("/status/code").isMissingNode()).isTrue();
        String id = result.at("/mediaItem/id").asText();
        JsonNode item = api.get("/v1/mediaItems/" + id).json();
        assertThat(item.get("filename").asText()).isEqualTo("pic.png");
        assertThat(item.get("mimeType").asText()).isEqualTo("image/png");
        assertThat(item.get("productUrl").asText()).isEqualTo("https://photos.google.com/lr/photo/" + id);
        assertThat(item.at("/mediaMetadata/width").isTextual()).isTrue();
        assertThat(item.at("/mediaMetadata/width").asText()).isEqualTo("40");
        assertThat(item.at("/mediaMetadata/height").asText()).isEqualTo("30");
        assertThat(item.at("/mediaMetadata/photo").isObject()).isTrue();
    }

    @Test
    void onlyTheDescriptionOfAnItemCanBePatched() throws Exception {
        String id = api.create(png(3, 3, 8), "image/png", "d.png", null).at("/mediaItem/id").asText();
        JsonNode patched = api.patch("/v1/mediaItems/" + id + "?updateMask=description", Map.of("description", "Beach")).json();
        assertThat(patched.get("description").asText()).isEqualTo("Beach");
        assertThat(api.get("/v1/mediaItems/" + id).json().get("description").asText()).isEqualTo("Beach");
        assertThat(api.patch("/v1/mediaItems/" + id + "?updateMask=filename", Map.of("filename", "x")).status())
                .isEqualTo(400);
        assertThat(api.patch("/v1/mediaItems/" + id + "?updateMask=description", Map.of("description", "x".repeat(1000)))
                .status()).isEqualTo(400);
    }

    @Test
    void bytesThatAreNotMediaAreABadImage() throws Exception {
        JsonNode result = api.create("just text".getBytes(), "image/jpeg", "fake.jpg", null);
        assertThat(result.at("/status/code").asInt()).isEqualTo(3);
        assertThat(result.at("/status/message").asText()).startsWith("BAD_IMAGE:");
        assertThat(result.has("mediaItem")).isFalse();
    }

    @Test
    void identicalBytesAreOneItemKeepingTheFirstName() throws Exception {
        byte[] bytes = png(10, 10, 4);
        String first = api.create(bytes, "image/png", "first.png", null).at("/mediaItem/id").asText();
        JsonNode second = api.create(bytes, "image/png", "second.png", null).get("mediaItem");
        assertThat(second.get("id").asText()).isEqualTo(first);
        assertThat(second.get("filename").asText()).isEqualTo("first.png");
    }

    @Test
    void batchCreateTakesAtMost50() throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            items.add(Map.of("simpleMediaItem", Map.of("uploadToken", "t" + i)));
        }
        ApiClient.Response r = api.post("/v1/mediaItems:batchCreate", Map.of("newMediaItems", items));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("Request must have less than 50 items.");
    }

    @Test
    void onlyTheCallersOwnItemsAndAlbumsAreVisible() throws Exception {
        List<String> userLibrary = emulator.seed(5, 1, null, 1);
        EmulatorCredentials other = emulator.registerClient("other-app", Scopes.CURRENT);
        ApiClient otherApi = new ApiClient(emulator.url()).login(other);
        String theirs = otherApi.create(png(5, 5, 9), "image/png", "theirs.png", null).at("/mediaItem/id").asText();
        String mine = api.create(png(6, 6, 9), "image/png", "mine.png", null).at("/mediaItem/id").asText();

        JsonNode list = api.get("/v1/mediaItems").json();
        assertThat(list.get("mediaItems")).hasSize(1);
        assertThat(list.get("mediaItems").get(0).get("id").asText()).isEqualTo(mine);
        assertThat(api.get("/v1/mediaItems/" + theirs).status()).isEqualTo(404);
        assertThat(api.get("/v1/mediaItems/" + userLibrary.get(0)).status()).isEqualTo(404);
        assertThat(api.get("/v1/albums").json().has("albums")).isFalse();

        String album = createAlbum("Mine");
        ApiClient.Response add = api.post("/v1/albums/" + album + ":batchAddMediaItems",
                Map.of("mediaItemIds", List.of(theirs)));
        assertThat(add.status()).isEqualTo(400);
        assertThat(add.json().at("/error/message").asText()).isEqualTo("Request contains an invalid media item id.");
        assertThat(add.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void batchGetAnswersInInputOrderWithPerItemStatuses() throws Exception {
        String a = api.create(png(3, 3, 1), "image/png", "a.png", null).at("/mediaItem/id").asText();
        String b = api.create(png(3, 3, 2), "image/png", "b.png", null).at("/mediaItem/id").asText();
        JsonNode results = api.get("/v1/mediaItems:batchGet?mediaItemIds=" + b + "&mediaItemIds=nope&mediaItemIds=" + a)
                .json().get("mediaItemResults");
        assertThat(results.get(0).at("/mediaItem/id").asText()).isEqualTo(b);
        assertThat(results.get(1).at("/status/code").asInt()).isEqualTo(3);
        assertThat(results.get(1).at("/status/message").asText()).isEqualTo("Invalid media item ID.");
        assertThat(results.get(2).at("/mediaItem/id").asText()).isEqualTo(a);
        assertThat(api.get("/v1/mediaItems:batchGet?mediaItemIds=" + a + "&mediaItemIds=" + a).status()).isEqualTo(400);
    }

    @Test
    void searchRefusesAlbumIdWithFiltersAndFiltersByType() throws Exception {
        emulator.seed(20, 2, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 3);
        ApiClient.Response both = api.post("/v1/mediaItems:search", Map.of("albumId", "x",
                "filters", Map.of("mediaTypeFilter", Map.of("mediaTypes", List.of("VIDEO")))));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        JsonNode videos = api.post("/v1/mediaItems:search",
                Map.of("filters", Map.of("mediaTypeFilter", Map.of("mediaTypes", List.of("VIDEO"))))).json();
        assertThat(videos.get("mediaItems")).hasSize(2).allMatch(i -> i.at("/mediaMetadata/video/status").asText().equals("READY"));
        String album = api.get("/v1/albums").json().get("albums").get(0).get("id").asText();
        JsonNode inAlbum = api.post("/v1/mediaItems:search", Map.of("albumId", album, "pageSize", 100)).json();
        assertThat(inAlbum.get("mediaItems")).hasSize(10);
        ApiClient.Response orderWithoutDate = api.post("/v1/mediaItems:search",
                Map.of("orderBy", "MediaMetadata.creation_time"));
        assertThat(orderWithoutDate.status()).isEqualTo(400);
    }

    @Test
    void albumsHoldAtMost20000Items() throws Exception {
        List<String> ids = emulator.seed(20_001, 0, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 4, true);
        String album = createAlbum("Full");
        for (int i = 0; i < 20_000; i += 50) {
            ApiClient.Response r = api.post("/v1/albums/" + album + ":batchAddMediaItems",
                    Map.of("mediaItemIds", ids.subList(i, i + 50)));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
        }
        assertThat(api.get("/v1/albums/" + album).json().get("mediaItemsCount").asText()).isEqualTo("20000");
        ApiClient.Response over = api.post("/v1/albums/" + album + ":batchAddMediaItems",
                Map.of("mediaItemIds", List.of(ids.get(20_000))));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void tenThousandItemsListPageByPage() throws Exception {
        emulator.seed(10_000, 0, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 5, true);
        Set<String> seen = new HashSet<>();
        String token = null;
        do {
            JsonNode page = api.get("/v1/mediaItems?pageSize=100" + (token == null ? "" : "&pageToken=" + token)).json();
            page.get("mediaItems").forEach(i -> seen.add(i.get("id").asText()));
            token = page.has("nextPageToken") ? page.get("nextPageToken").asText() : null;
        } while (token != null);
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void removingItemsFromAnAlbumFollowsTheRules() throws Exception {
        String album = createAlbum("R");
        String item = api.create(png(3, 3, 7), "image/png", "r.png", album).at("/mediaItem/id").asText();
        assertThat(api.post("/v1/albums/" + album + ":batchRemoveMediaItems", Map.of("mediaItemIds", List.of()))
                .status()).isEqualTo(400);
        assertThat(api.post("/v1/albums/" + album + ":batchRemoveMediaItems",
                Map.of("mediaItemIds", List.of(item, item))).status()).isEqualTo(400);
        assertThat(api.post("/v1/albums/" + album + ":batchRemoveMediaItems", Map.of("mediaItemIds", List.of(item)))
                .status()).isEqualTo(200);
        assertThat(api.get("/v1/albums/" + album).json().has("mediaItemsCount")).isFalse();
    }
}
