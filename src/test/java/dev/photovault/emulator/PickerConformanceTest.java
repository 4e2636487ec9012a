package dev.photovault.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PickerConformanceTest extends EmulatorTestBase {

    private JsonNode newSession() throws Exception {
        ApiClient.Response r = api.post(emulator.pickerUrl() + "/v1/sessions?requestId=" + java.util.UUID.randomUUID(),
                Map.of("pickingConfig", Map.of("maxItemCount", "2000")));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aSessionLooksLikeGooglesUntilTheUserPicks() throws Exception {
        JsonNode session = newSession();
        String id = session.get("id").asText();
        assertThat(session.get("pickerUri").asText()).isEqualTo(emulator.url() + "/picker/ui/" + id);
        assertThat(session.at("/pollingConfig/pollInterval").asText()).isEqualTo("5s");
        assertThat(session.at("/pollingConfig/timeoutIn").asText()).matches("\\d+s");
        assertThat(session.get("mediaItemsSet").asBoolean()).isFalse();
        assertThat(session.at("/pickingConfig/maxItemCount").asText()).isEqualTo("2000");
        assertThat(session.has("expireTime")).isTrue();

        ApiClient.Response early = api.get(emulator.pickerUrl() + "/v1/mediaItems?sessionId=" + id);
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().at("/error/status").asText()).isEqualTo("FAILED_PRECONDITION");

        List<String> library = emulator.seed(120, 3, null, 7, true);
        emulator.pick(id, library);
        JsonNode picked = api.get(emulator.pickerUrl() + "/v1/sessions/" + id).json();
        assertThat(picked.get("mediaItemsSet").asBoolean()).isTrue();
        assertThat(picked.has("pollingConfig")).isFalse();

        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = api.get(emulator.pickerUrl() + "/v1/mediaItems?sessionId=" + id
                    + (token == null ? "" : "&pageToken=" + token)).json();
            page.get("mediaItems").forEach(i -> seen.add(i.get("id").asText()));
            token = page.has("nextPageToken") ? page.get("nextPageToken").asText() : null;
            pages++;
        } while (token != null);
        assertThat(seen).hasSize(120);
        assertThat(pages).isEqualTo(3); // 50 per page by default
        assertThat(api.get(emulator.pickerUrl() + "/v1/mediaItems?sessionId=" + id + "&pageSize=-1").status())
                .isEqualTo(400);
    }

    @Test
    void pickedItemsHaveIntegerSizesAndBaseUrlsThatNeedTheBearer() throws Exception {
        String id = newSession().get("id").asText();
        List<String> library = emulator.seed(3, 1, null, 8);
        emulator.pick(id, library.subList(0, 1));
        JsonNode item = api.get(emulator.pickerUrl() + "/v1/mediaItems?sessionId=" + id).json().at("/mediaItems/0");
        assertThat(item.get("type").asText()).isEqualTo("PHOTO");
        assertThat(item.at("/mediaFile/mediaFileMetadata/width").isInt()).isTrue();
        String baseUrl = item.at("/mediaFile/baseUrl").asText();
        assertThat(api.download(baseUrl + "=d").status()).isEqualTo(401);
        ApiClient.Response withBearer = api.send(api.auth(HttpRequest.newBuilder(URI.create(baseUrl + "=d"))).GET());
        assertThat(withBearer.status()).isEqualTo(200);
        assertThat(JpegExif.readGps(withBearer.body())).isEmpty();
        assertThat(JpegExif.readGps(emulator.original(library.get(0)))).isPresent();
    }

    @Test
    void theUsersLibraryIsPickableButInvisibleToTheLibraryApi() throws Exception {
        List<String> library = emulator.seed(4, 1, null, 9, true);
        assertThat(api.get("/v1/mediaItems").json().has("mediaItems")).isFalse();
        String id = newSession().get("id").asText();
        ApiClient control = new ApiClient(emulator.url());
        assertThat(control.post("/emulator/sessions/" + id + ":pick", Map.of("all", true)).status()).isEqualTo(200);
        assertThat(api.get(emulator.pickerUrl() + "/v1/mediaItems?sessionId=" + id).json().get("mediaItems"))
                .hasSize(library.size());
    }

    @Test
    void sessionsCanBeDeletedAndExpire() throws Exception {
        String a = newSession().get("id").asText();
        assertThat(api.delete(emulator.pickerUrl() + "/v1/sessions/" + a).status()).isEqualTo(200);
        assertThat(api.get(emulator.pickerUrl() + "/v1/sessions/" + a).json().at("/error/status").asText())
                .isEqualTo("NOT_FOUND");
        String b = newSession().get("id").asText();
        emulator.advanceClock(Duration.ofMinutes(61));
        api.login(emulator.credentials());
        assertThat(api.get(emulator.pickerUrl() + "/v1/sessions/" + b).json().at("/error/status").asText())
                .isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void thePickerNeedsItsScope() throws Exception {
        String refresh = emulator.grant(Set.of(Scopes.READONLY_APP_CREATED));
        ApiClient noPicker = new ApiClient(emulator.url()).login(emulator.credentials().clientId(),
                emulator.credentials().clientSecret(), refresh);
        assertThat(noPicker.post(emulator.pickerUrl() + "/v1/sessions", Map.of()).status()).isEqualTo(403);
    }
}
