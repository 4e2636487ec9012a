package dev.photovault.googlephotos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.photovault.emulator.GooglePhotosEmulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A media host that closes the connection cleanly in mid-body: to the reader that looks like the end of the file.
 * The download must see that the body is shorter than its Content-Length and resume with a Range request, never
 * hand on the first part as the whole photo (seen under the network-fault test: an item stored empty). The resumed
 * answer is taken from where its Content-Range says it starts.
 */
class CutOffDownloadTest {

    /** Closed after the headers (the reader saw an empty photo) and after 40,000 of 100,000 bytes. */
    @ParameterizedTest
    @ValueSource(ints = {0, 40_000})
    void aBodyShorterThanItsContentLengthIsResumedNotTakenForTheWholeFile(int cut) throws Exception {
        List<String> ranges = new CopyOnWriteArrayList<>();
        byte[] got = download(cut, from -> from, ranges);
        assertThat(got.length).as("bytes downloaded").isEqualTo(PHOTO.length);
        assertThat(Arrays.equals(got, PHOTO)).as("the same bytes").isTrue();
        // Resuming at byte 0 asks for the whole file again.
        assertThat(ranges).containsExactly("null", cut == 0 ? "null" : "bytes=" + cut + "-");
    }

    /** A host may answer a range request from an earlier byte (a cache's block boundary): the overlap is skipped. */
    @Test
    void aResumedAnswerThatStartsEarlierIsSkippedForward() throws Exception {
        byte[] got = download(40_000, from -> from - 7_000, new CopyOnWriteArrayList<>());
        assertThat(Arrays.equals(got, PHOTO)).as("the same bytes").isTrue();
    }

    /** An answer that starts after the byte asked for would leave a hole in the photo: the download is refused. */
    @Test
    void aResumedAnswerThatStartsLaterIsRefusedNotStoredWithAHole() {
        assertThatThrownBy(() -> download(40_000, from -> from + 1_000, new CopyOnWriteArrayList<>()))
                .hasMessageContaining("cut.jpg")
                .hasMessageContaining("answered a request for bytes 40000- with bytes from 41000");
    }

    private static final byte[] PHOTO = new byte[100_000];

    static {
        new Random(7).nextBytes(PHOTO);
    }

    /**
     * Downloads {@link #PHOTO} from a host that drops its first answer after {@code cut} bytes and answers the
     * range request that follows from byte {@code answerFrom.apply(asked)}, saying so in its Content-Range.
     */
    private static byte[] download(int cut, IntUnaryOperator answerFrom, List<String> ranges) throws Exception {
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            if (ranges.size() == 1) {
                exchange.sendResponseHeaders(200, PHOTO.length);
                OutputStream out = exchange.getResponseBody();
                out.write(PHOTO, 0, cut);
                out.flush();
                exchange.close(); // fewer bytes than announced: the server drops the connection
                return;
            }
            int from = range == null ? 0 : answerFrom.applyAsInt(
                    Integer.parseInt(range.replace("bytes=", "").replace("-", "")));
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (PHOTO.length - 1) + "/" + PHOTO.length);
            exchange.sendResponseHeaders(range == null ? 200 : 206, PHOTO.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(PHOTO, from, PHOTO.length - from);
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
                return in.readAllBytes();
            }
        } finally {
            host.stop(0);
        }
    }
}
