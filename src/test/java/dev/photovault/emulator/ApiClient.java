package dev.photovault.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A deliberately plain HTTP client for the conformance tests: it speaks the wire protocol as documented by
 * Google, so the tests check the emulator's HTTP behaviour, not some library's.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An answer.
     *
     * @param status  HTTP status
     * @param body    raw body
     * @param headers response headers
     */
    record Response(int status, byte[] body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    final String base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String accessToken;

    ApiClient(String base) {
        this.base = base;
    }

    /** Refreshes an access token with the given client and refresh token and keeps it. */
    ApiClient login(String clientId, String clientSecret, String refreshToken) throws Exception {
        Response r = token(clientId, clientSecret, refreshToken);
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.text());
        }
        accessToken = r.json().get("access_token").asText();
        return this;
    }

    ApiClient login(EmulatorCredentials c) throws Exception {
        return login(c.clientId(), c.clientSecret(), c.refreshToken());
    }

    Response token(String clientId, String clientSecret, String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&refresh_token=" + enc(refreshToken) + "&client_id=" + enc(clientId)
                + "&client_secret=" + enc(clientSecret);
        return send(HttpRequest.newBuilder(URI.create(base + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Response get(String path) throws Exception {
        return send(auth(HttpRequest.newBuilder(URI.create(url(path)))).GET());
    }

    Response head(String url) throws Exception {
        return send(auth(HttpRequest.newBuilder(URI.create(url))).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    Response post(String path, Object json) throws Exception {
        return send(auth(HttpRequest.newBuilder(URI.create(url(path)))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json))));
    }

    Response patch(String path, Object json) throws Exception {
        return send(auth(HttpRequest.newBuilder(URI.create(url(path)))).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json))));
    }

    Response delete(String path) throws Exception {
        return send(auth(HttpRequest.newBuilder(URI.create(url(path)))).DELETE());
    }

    /** A raw upload; returns the response whose body is the upload token. */
    Response upload(byte[] bytes, String mime, String fileName) throws Exception {
        HttpRequest.Builder b = auth(HttpRequest.newBuilder(URI.create(base + "/v1/uploads")))
                .header("Content-type", "application/octet-stream")
                .header("X-Goog-Upload-Content-Type", mime)
                .header("X-Goog-Upload-Protocol", "raw");
        if (fileName != null) {
            b.header("X-Goog-Upload-File-Name", fileName);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** Uploads and creates one media item; returns the batchCreate result entry. */
    JsonNode create(byte[] bytes, String mime, String fileName, String albumId) throws Exception {
        Response up = upload(bytes, mime, fileName);
        if (up.status() != 200) {
            throw new IllegalStateException("upload failed: " + up.status() + " " + up.text());
        }
        Map<String, Object> item = Map.of("description", "", "simpleMediaItem",
                Map.of("uploadToken", up.text().trim(), "fileName", fileName));
        Map<String, Object> body = albumId == null ? Map.of("newMediaItems", java.util.List.of(item))
                : Map.of("albumId", albumId, "newMediaItems", java.util.List.of(item));
        Response r = post("/v1/mediaItems:batchCreate", body);
        if (r.status() != 200) {
            throw new IllegalStateException("batchCreate failed: " + r.text());
        }
        return r.json().get("newMediaItemResults").get(0);
    }

    Response download(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.body(), r.headers());
    }

    HttpRequest.Builder auth(HttpRequest.Builder b) {
        return accessToken == null ? b : b.header("Authorization", "Bearer " + accessToken);
    }

    private String url(String path) {
        return path.startsWith("http") ? path : base + path;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
