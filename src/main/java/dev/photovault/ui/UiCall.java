package dev.photovault.ui;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * One request to the web UI and its answer, over a platform-http exchange. Path parameters are read from the
 * request path by the route's own template (platform-http mixes query parameters of the same name into its
 * headers), and every answer replaces all headers, so nothing of the request is echoed back.
 */
final class UiCall {

    /** Sent with every answer: the pages load nothing from elsewhere and cannot be framed. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                    + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            // Not even thumbnails go to the browser's disk cache: they show what the photos show.
            "Cache-Control", "no-store");

    final Exchange exchange;
    final Map<String, String> path;
    final Map<String, List<String>> query;
    private Map<String, List<String>> form;
    UiSessions.Session session;

    UiCall(Exchange exchange, String template) {
        this.exchange = exchange;
        this.path = pathParams(template, exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class));
        this.query = parse(exchange.getIn().getHeader(Exchange.HTTP_RAW_QUERY, String.class));
    }

    String header(String name) {
        return exchange.getIn().getHeader(name, String.class);
    }

    /** The first value of query parameter {@code name}, or null when absent or blank. */
    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    /** The values of form field {@code name} of a POST. */
    List<String> formValues(String name) {
        return form().getOrDefault(name, List.of());
    }

    String formValue(String name) {
        List<String> values = formValues(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<String>> form() {
        if (form == null) {
            Object body = exchange.getIn().getBody();
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (body instanceof Map<?, ?> map) { // platform-http has parsed the url-encoded form
                map.forEach((k, v) -> {
                    List<String> values = out.computeIfAbsent(String.valueOf(k), x -> new ArrayList<>());
                    if (v instanceof List<?> list) {
                        list.forEach(item -> values.add(String.valueOf(item)));
                    } else if (v != null) {
                        values.add(String.valueOf(v));
                    }
                });
            } else {
                String text = exchange.getIn().getBody(String.class);
                out.putAll(parse(text));
            }
            form = out;
        }
        return form;
    }

    void html(int status, String html) {
        reply(status, "text/html; charset=utf-8").setBody(html.getBytes(StandardCharsets.UTF_8));
    }

    void text(int status, String text) {
        reply(status, "text/plain; charset=utf-8").setBody((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void json(int status, String json) {
        reply(status, "application/json").setBody(json.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(String contentType, byte[] body) {
        reply(200, contentType).setBody(body);
    }

    /** A file to save, whole. */
    void download(String contentType, String disposition, byte[] body) {
        reply(200, contentType).setHeader("Content-Disposition", disposition);
        exchange.getMessage().setBody(body);
    }

    /** A streamed answer (chunked: platform-http sends no Content-Length of ours). */
    void stream(String contentType, String disposition, InputStream body) {
        Message m = reply(200, contentType);
        m.setHeader("Content-Disposition", disposition);
        m.setBody(body);
    }

    void redirect(String location) {
        reply(303, "text/plain; charset=utf-8").setHeader("Location", location);
        exchange.getMessage().setBody(new byte[0]);
    }

    Message reply(int status, String contentType) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        SECURITY_HEADERS.forEach(m::setHeader);
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, contentType);
        return m;
    }

    /** {@code {name}} segments of {@code template} as they appear in {@code path}. */
    static Map<String, String> pathParams(String template, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (path == null) {
            return out;
        }
        String[] t = template.split("/");
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return out;
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                out.put(t[i].substring(1, t[i].length() - 1), p[i]);
            }
        }
        return out;
    }

    /** An {@code application/x-www-form-urlencoded} string (a query or a form body). */
    static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, x -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformed) {
                // a broken %-escape: the parameter is ignored
            }
        }
        return out;
    }
}
