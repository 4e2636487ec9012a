package dev.photovault.googlephotos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.googlephotos.api.PickerSession;
import dev.photovault.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** producer.yaml: upload into an album by title, list it with a streaming split, start a Picker session. */
class ProducerRouteTest extends GooglePhotosRouteTestSupport {

    @TempDir
    Path dir;

    @Override
    String routes() {
        return "classpath:googlephotos/producer.yaml";
    }

    @Test
    void uploadedFilesComeBackFromTheAlbumTheyWereUploadedInto() throws Exception {
        byte[] photo = TestData.sekienAkashita();
        MediaItem first = template.requestBodyAndHeader("direct:upload", photo, GooglePhotosConstants.FILE_NAME,
                "akashita.jpg", MediaItem.class);
        assertThat(first.filename()).isEqualTo("akashita.jpg");

        // Google keeps one item per distinct content: the second photo differs by a trailing byte.
        byte[] other = java.util.Arrays.copyOf(photo, photo.length + 1);
        Path a = Files.write(dir.resolve("a.jpg"), other);
        Path b = Files.write(dir.resolve("b.txt"), "not a photo".getBytes());
        @SuppressWarnings("unchecked")
        List<MediaItem> batch = template.request("direct:upload", e -> e.getMessage().setBody(List.of(a.toFile(), b.toFile())))
                .getMessage().getBody(List.class);
        assertThat(batch).hasSize(1);
        assertThat(emulator.stats().path("byEndpoint").path("albums.create").asLong()).as("album created once")
                .isEqualTo(1);

        MockEndpoint listed = getMockEndpoint("mock:listed");
        listed.expectedMessageCount(2);
        template.sendBody("direct:list", null);
        listed.assertIsSatisfied();
        assertThat(listed.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(byte[].class))
                .containsExactlyInAnyOrder(photo, other);
        assertThat(listed.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader(GooglePhotosConstants.ALBUM_TITLE))
                .containsOnly("Uploads");
    }

    @Test
    void theDevConsoleShowsTheRequestsSpent() {
        template.request("direct:picker", e -> { });
        GooglePhotosConsole console = new GooglePhotosConsole();
        console.setCamelContext(context);
        var json = (org.apache.camel.util.json.JsonObject) console.call(
                org.apache.camel.console.DevConsole.MediaType.JSON, Map.of());
        var clients = json.getCollection("clients");
        assertThat(clients).hasSize(1);
        assertThat(((Map<?, ?>) clients.iterator().next()).get("apiRequests")).isEqualTo(1L);
        assertThat((String) console.call(org.apache.camel.console.DevConsole.MediaType.TEXT, Map.of()))
                .contains("api requests 1").doesNotContain(emulator.credentials().refreshToken());
    }

    @Test
    void aRefusedSingleUploadFailsTheExchangeWithGooglesReason() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:upload", "text".getBytes(),
                GooglePhotosConstants.FILE_NAME, "x.jpg")).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("Google refused x.jpg: BAD_IMAGE: There was an error while trying to create this"
                        + " media item.");
    }

    @Test
    void aPickerSessionIsCreatedWithItsUri() {
        var exchange = template.request("direct:picker", e -> { });
        PickerSession session = exchange.getMessage().getBody(PickerSession.class);
        assertThat(session.pickerUri()).isNotBlank();
        assertThat(exchange.getMessage().getHeaders()).containsAllEntriesOf(Map.of(
                GooglePhotosConstants.PICKER_SESSION_ID, session.id(), GooglePhotosConstants.PICKER_URI, session.pickerUri()));
    }
}
