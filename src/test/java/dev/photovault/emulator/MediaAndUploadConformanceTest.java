package dev.photovault.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photovault.testing.TestData;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MediaAndUploadConformanceTest extends EmulatorTestBase {

    @Test
    void anUploadedPngDownloadsBackIdentical() throws Exception {
        byte[] png = png(64, 48, 0x123456);
        JsonNode item = api.create(png, "image/png", "p.png", null).get("mediaItem");
        ApiClient.Response download = api.download(item.get("baseUrl").asText() + "=d");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(png);
    }

    @Test
    void aJpegLosesOnlyItsGpsOnDownload() throws Exception {
        byte[] original = JpegExif.withExif(TestData.sekienAkashita(), "Canon", "EOS", "2020:01:02 03:04:05",
                new JpegExif.Gps(46.2044, 6.1432));
        assertThat(JpegExif.readGps(original)).isPresent();
        JsonNode item = api.create(original, "image/jpeg", "geo.jpg", null).get("mediaItem");
        byte[] downloaded = api.download(item.get("baseUrl").asText() + "=d").body();
        assertThat(JpegExif.readGps(downloaded)).isEmpty();
        assertThat(downloaded).hasSameSizeAs(original);
        assertThat(emulator.original(item.get("id").asText())).isEqualTo(original);
        // Only the GPS directory differs: the image data after the EXIF segment is untouched.
        int exifEnd = 4 + ((original[4] & 0xff) << 8 | (original[5] & 0xff));
        assertThat(Arrays.copyOfRange(downloaded, exifEnd, downloaded.length))
                .isEqualTo(Arrays.copyOfRange(original, exifEnd, original.length));
        // A JPEG without GPS comes back bit-identical.
        JsonNode plain = api.create(TestData.sekienAkashita(), "image/jpeg", "plain.jpg", null).get("mediaItem");
        assertThat(api.download(plain.get("baseUrl").asText() + "=d").body()).isEqualTo(TestData.sekienAkashita());
    }

    @Test
    void headGivesTheContentLengthThatGetSends() throws Exception {
        JsonNode item = api.create(TestData.sekienAkashita(), "image/jpeg", "h.jpg", null).get("mediaItem");
        ApiClient.Response head = api.head(item.get("baseUrl").asText() + "=d");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("109466");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void sizedDownloadsFitTheBox() throws Exception {
        JsonNode item = api.create(png(400, 300, 5), "image/png", "big.png", null).get("mediaItem");
        byte[] small = api.download(item.get("baseUrl").asText() + "=w100-h100").body();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(small));
        assertThat(image.getWidth()).isEqualTo(100);
        assertThat(image.getHeight()).isEqualTo(75);
    }

    @Test
    void baseUrlsExpireAndUnknownOnesAre404WithAnImageType() throws Exception {
        JsonNode item = api.create(png(8, 8, 6), "image/png", "e.png", null).get("mediaItem");
        String url = item.get("baseUrl").asText();
        emulator.advanceClock(Duration.ofMinutes(61));
        assertThat(api.download(url + "=d").status()).isEqualTo(403);
        ApiClient.Response unknown = api.download(emulator.url() + "/lr/nothing=d");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("image/");
        // A fresh get gives a fresh base URL (the access token was refreshed meanwhile).
        api.login(emulator.credentials());
        String fresh = api.get("/v1/mediaItems/" + item.get("id").asText()).json().get("baseUrl").asText();
        assertThat(api.download(fresh + "=d").status()).isEqualTo(200);
    }

    @Test
    void aResumableUploadResumesAfterADroppedConnection() throws Exception {
        byte[] video = new byte[3 * 1024 * 1024 + 12345];
        new Random(1).nextBytes(video);
        System.arraycopy("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 0, video, 0, 12);
        ApiClient.Response start = api.send(api.auth(HttpRequest.newBuilder(URI.create(emulator.url() + "/v1/uploads")))
                .header("X-Goog-Upload-Command", "start").header("X-Goog-Upload-Protocol", "resumable")
                .header("X-Goog-Upload-Content-Type", "video/mp4")
                .header("X-Goog-Upload-Raw-Size", String.valueOf(video.length))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.header("X-Goog-Upload-Status")).isEqualTo("active");
        long granularity = Long.parseLong(start.header("X-Goog-Upload-Chunk-Granularity"));
        String uploadUrl = start.header("X-Goog-Upload-URL");

        // First chunk: one granularity, whole.
        ApiClient.Response first = chunk(uploadUrl, "upload", 0, Arrays.copyOfRange(video, 0, (int) granularity));
        assertThat(first.status()).isEqualTo(200);
        // Second chunk: the connection drops after 2.5 granularities of a 4-granularity chunk.
        URI uri = URI.create(uploadUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            String head = "POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost()
                    + ":" + uri.getPort() + "\r\nX-Goog-Upload-Command: upload\r\nX-Goog-Upload-Offset: " + granularity
                    + "\r\nContent-Length: " + 4 * granularity + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(video, (int) granularity, (int) (granularity * 5 / 2));
            out.flush();
        }
        ApiClient.Response query = null;
        for (int i = 0; i < 50; i++) { // the server notices the drop asynchronously
            query = chunk(uploadUrl, "query", -1, new byte[0]);
            if (!query.header("X-Goog-Upload-Size-Received").equals(String.valueOf(granularity))) {
                break;
            }
            Thread.sleep(50);
        }
        long received = Long.parseLong(query.header("X-Goog-Upload-Size-Received"));
        assertThat(received).isEqualTo(3 * granularity);
        ApiClient.Response last = chunk(uploadUrl, "upload, finalize", received,
                Arrays.copyOfRange(video, (int) received, video.length));
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.header("X-Goog-Upload-Status")).isEqualTo("final");
        String token = last.text().trim();
        JsonNode created = api.post("/v1/mediaItems:batchCreate", Map.of("newMediaItems", List.of(
                Map.of("simpleMediaItem", Map.of("uploadToken", token, "fileName", "v.mp4"))))).json();
        JsonNode item = created.at("/newMediaItemResults/0/mediaItem");
        assertThat(item.get("mimeType").asText()).isEqualTo("video/mp4");
        assertThat(api.download(item.get("baseUrl").asText() + "=dv").body()).isEqualTo(video);
    }

    @Test
    void aWrongOffsetIsRefusedAndCancelEndsTheUpload() throws Exception {
        ApiClient.Response start = api.send(api.auth(HttpRequest.newBuilder(URI.create(emulator.url() + "/v1/uploads")))
                .header("X-Goog-Upload-Command", "start").header("X-Goog-Upload-Protocol", "resumable")
                .header("X-Goog-Upload-Content-Type", "image/png").POST(HttpRequest.BodyPublishers.noBody()));
        String url = start.header("X-Goog-Upload-URL");
        assertThat(chunk(url, "upload", 5, new byte[10]).status()).isEqualTo(400);
        assertThat(chunk(url, "upload", 0, new byte[10]).status()).as("not a granularity multiple").isEqualTo(400);
        ApiClient.Response cancel = chunk(url, "cancel", -1, new byte[0]);
        assertThat(cancel.header("X-Goog-Upload-Status")).isEqualTo("cancelled");
    }

    @Test
    void aPhotoOverTheSizeCapIsRefused() throws Exception {
        ApiClient.Response start = api.send(api.auth(HttpRequest.newBuilder(URI.create(emulator.url() + "/v1/uploads")))
                .header("X-Goog-Upload-Command", "start").header("X-Goog-Upload-Protocol", "resumable")
                .header("X-Goog-Upload-Content-Type", "image/jpeg")
                .header("X-Goog-Upload-Raw-Size", String.valueOf(201L * 1024 * 1024))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(start.status()).isEqualTo(400);
    }

    @Test
    void uploadTokensExpireAfterADay() throws Exception {
        String token = api.upload(png(2, 2, 1), "image/png", "x.png").text();
        emulator.advanceClock(Duration.ofHours(25));
        api.login(emulator.credentials());
        JsonNode r = api.post("/v1/mediaItems:batchCreate", Map.of("newMediaItems", List.of(
                Map.of("simpleMediaItem", Map.of("uploadToken", token))))).json();
        assertThat(r.at("/newMediaItemResults/0/status/code").asInt()).isEqualTo(3);
    }

    private ApiClient.Response chunk(String url, String command, long offset, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("X-Goog-Upload-Command", command);
        if (offset >= 0) {
            b.header("X-Goog-Upload-Offset", String.valueOf(offset));
        }
        return api.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void downloadsStreamLargeVideosWithoutLoss() throws Exception {
        byte[] video = new byte[20 * 1024 * 1024];
        new Random(2).nextBytes(video);
        System.arraycopy("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 0, video, 0, 12);
        JsonNode item = api.create(video, "video/mp4", "big.mp4", null).get("mediaItem");
        try (InputStream in = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(item.get("baseUrl").asText() + "=dv")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream()).body()) {
            assertThat(in.readAllBytes()).isEqualTo(video);
        }
    }
}
