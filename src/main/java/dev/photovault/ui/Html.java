package dev.photovault.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for the web UI's pages: every value that came from a snapshot or a request goes through here. */
final class Html {

    private Html() {
    }

    /** Text or an attribute value, with {@code & < > " '} escaped. */
    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A query parameter value. */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A whole page: the title, the body, and the sign-out form when signed in. */
    static String page(String title, String csrf, String body) {
        StringBuilder s = new StringBuilder(body.length() + 1024);
        s.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · photovault</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/app.css\">")
                .append("<script src=\"/static/app.js\" defer></script></head><body>")
                .append("<header><a class=\"brand\" href=\"/\">photovault</a>");
        if (csrf != null) {
            s.append("<nav><a href=\"/jobs\">Restores</a>")
                    .append("<form method=\"post\" action=\"/logout\" class=\"inline\">")
                    .append(csrfField(csrf)).append("<button type=\"submit\">Sign out</button></form></nav>");
        }
        s.append("</header><main>").append(body).append("</main></body></html>\n");
        return s.toString();
    }

    static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">";
    }
}
