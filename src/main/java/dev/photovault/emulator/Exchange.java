package dev.photovault.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One HTTP request and its answer, with the parsing and writing every handler needs. */
final class Exchange {

    final HttpExchange http;
    final String method;
    final String path;
    final Map<String, List<String>> query;

    Exchange(HttpExchange http) {
        this.http = http;
        // Google's APIs honour the override header, which is how Java's HttpURLConnection sends PATCH.
        String override = http.getRequestHeaders().getFirst("X-HTTP-Method-Override");
        this.method = override != null && http.getRequestMethod().equals("POST") ? override.toUpperCase(java.util.Locale.ROOT)
                : http.getRequestMethod();
        this.path = http.getRequestURI().getRawPath();
        this.query = parseQuery(http.getRequestURI().getRawQuery());
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** The bearer token, or null. */
    String bearer() {
        String auth = header("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    }

    InputStream body() {
        return buffered != null ? buffered : http.getRequestBody();
    }

    private InputStream buffered;

    /**
     * Reads the whole request body now, so that a handler can then work on it under a lock without a slow or
     * stalled client holding that lock (Google's servers do not let one stuck request block the others). A body
     * cut off on the way reads back what arrived, then fails as the connection did.
     */
    void bufferBody() {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        IOException failure = null;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = http.getRequestBody()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                got.write(buffer, 0, n);
            }
        } catch (IOException e) {
            failure = e;
        }
        IOException cut = failure;
        java.io.ByteArrayInputStream bytes = new java.io.ByteArrayInputStream(got.toByteArray());
        buffered = new InputStream() {
            @Override
            public int read() throws IOException {
                int b = bytes.read();
                if (b < 0 && cut != null) {
                    throw cut;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = bytes.read(b, off, len);
                if (n < 0 && cut != null) {
                    throw cut;
                }
                return n;
            }
        };
    }

    JsonNode json() throws IOException {
        byte[] bytes = http.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return EmulatorState.JSON.createObjectNode();
        }
        try {
            return EmulatorState.JSON.readTree(bytes);
        } catch (IOException e) {
            throw ApiError.invalidArgument("Invalid JSON payload received.");
        }
    }

    Map<String, String> form() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        parseQuery(new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                .forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    void header(String name, String value) {
        http.getResponseHeaders().set(name, value);
    }

    void sendJson(int status, JsonNode body) throws IOException {
        sendBytes(status, "application/json; charset=UTF-8", EmulatorState.JSON.writeValueAsBytes(body));
    }

    void sendText(int status, String body) throws IOException {
        sendBytes(status, "text/plain; charset=UTF-8", body.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(int status, String contentType, byte[] body) throws IOException {
        header("Content-Type", contentType);
        boolean head = method.equals("HEAD");
        http.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
        http.close();
    }

    void sendError(ApiError e) throws IOException {
        if (e.rawBody != null) {
            sendBytes(e.http, "application/json; charset=UTF-8", e.rawBody.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode error = EmulatorState.JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode body = error.putObject("error");
        body.put("code", e.http).put("message", e.getMessage()).put("status", e.status);
        if (e.quotaLimit != null) {
            // Google's quota errors carry an ErrorInfo saying which quota, and a Help link.
            com.fasterxml.jackson.databind.node.ArrayNode details = body.putArray("details");
            com.fasterxml.jackson.databind.node.ObjectNode info = details.addObject();
            info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "RATE_LIMIT_EXCEEDED")
                    .put("domain", "googleapis.com");
            info.putObject("metadata").put("service", "photoslibrary.googleapis.com")
                    .put("quota_metric", e.quotaMetric).put("quota_limit", e.quotaLimit)
                    .put("quota_limit_value", String.valueOf(e.quotaLimitValue))
                    .put("consumer", "projects/100000000001").put("quota_location", "global");
            details.addObject().put("@type", "type.googleapis.com/google.rpc.Help").putArray("links").addObject()
                    .put("description", "Request a higher quota limit.")
                    .put("url", "https://cloud.google.com/docs/quotas/help/request_increase");
        }
        sendJson(e.http, error);
    }

    /**
     * The emulator's address as the client reached it, for absolute URLs in answers (base URLs, upload URLs,
     * picker URIs). A client that reached it under Google's own host names (through a TLS-intercepting proxy)
     * gets the emulator's direct address instead, as Google hands out base URLs on another host.
     */
    String origin() {
        String host = header("Host");
        String direct = http.getLocalAddress().getHostString() + ":" + http.getLocalAddress().getPort();
        if (host == null || host.contains("googleapis.com") || host.contains("google.com")) {
            host = direct;
        }
        return "http://" + host;
    }
}
