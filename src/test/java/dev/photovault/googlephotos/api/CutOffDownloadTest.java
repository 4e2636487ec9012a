package dev.photovault.googlephotos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.photovault.emulator.GooglePhotosEmulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A media host that closes the connection cleanly in mid-body: to the reader that looks like the end of the file.
 * The download must see that the body is shorter than its Content-Length and resume with a Range request, never
 * hand on the first part as the whole photo (seen under the network-fault test: an item stored empty).
 */
class CutOffDownloadTest {

    /** Closed after the headers (the reader saw an empty photo) and after 40,000 of 100,000 bytes. */
    @ParameterizedTest
    @ValueSource(ints = {0, 40_000})
    void aBodyShorterThanItsContentLengthIsResumedNotTakenForTheWholeFile(int cut) throws Exception {
        byte[] photo = new byte[100_000];
        new Random(7).nextBytes(photo);
        List<String> ranges = new CopyOnWriteArrayList<>();
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            if (ranges.size() == 1) {
                exchange.sendResponseHeaders(200, photo.length);
                OutputStream out = exchange.getResponseBody();
                out.write(photo, 0, cut);
                out.flush();
                exchange.close(); // fewer bytes than announced: the server drops the connection
                return;
            }
            int from = range == null ? 0 : Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (photo.length - 1) + "/" + photo.length);
            exchange.sendResponseHeaders(range == null ? 200 : 206, photo.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(photo, from, photo.length - from);
            }
        });
        host.start();
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            var c = emulator.credentials();
            GooglePhotosClient client = new GooglePhotosClient(
                    new PhotosEndpoints(emulator.apiUrl(), emulator.pickerUrl(), emulator.tokenUrl()),
                    c.clientId(), c.clientSecret(), c.refreshToken(), GooglePhotosClientTest.FAST);
            MediaItem item = new MediaItem("item-1", "cut.jpg", "image/jpeg", null, null,
                    "http://127.0.0.1:" + host.getAddress().getPort() + "/media/item-1", Instant.now(), 1, 1, null,
                    null, false, Instant.now(), null);
            try (InputStream in = client.download(item)) {
                byte[] got = in.readAllBytes();
                assertThat(got.length).as("bytes downloaded").isEqualTo(photo.length);
                assertThat(java.util.Arrays.equals(got, photo)).as("the same bytes").isTrue();
            }
            // Resuming at byte 0 asks for the whole file again.
            assertThat(ranges).containsExactly("null", cut == 0 ? "null" : "bytes=" + cut + "-");
        } finally {
            host.stop(0);
        }
    }
}
