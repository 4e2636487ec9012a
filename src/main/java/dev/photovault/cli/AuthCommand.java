package dev.photovault.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.VaultJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The installed-app OAuth flow: a loopback redirect on 127.0.0.1, PKCE (S256), the Photos scopes that still exist
 * since March 2025; the refresh token is written with the client id and secret to a properties file only its owner
 * can read. Tokens are never printed.
 */
@Command(name = "auth", description = {"Authorize photovault to use your Google Photos (installed-app OAuth flow with PKCE)",
    "and save the client id, client secret and refresh token to a file only you can read."})
final class AuthCommand implements Callable<Integer> {

    static final String SCOPES = "https://www.googleapis.com/auth/photoslibrary.appendonly"
            + " https://www.googleapis.com/auth/photoslibrary.readonly.appcreateddata"
            + " https://www.googleapis.com/auth/photoslibrary.edit.appcreateddata"
            + " https://www.googleapis.com/auth/photospicker.mediaitems.readonly";

    @Spec
    CommandSpec spec;

    @Option(names = "--client-id", required = true, paramLabel = "ID",
            description = "OAuth client id of a Desktop-app client in your Google Cloud project.")
    String clientId;

    @Option(names = "--client-secret-file", paramLabel = "FILE",
            description = "File holding the client secret (else PHOTOVAULT_CLIENT_SECRET, else a prompt).")
    Path clientSecretFile;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the credentials (default ~/.config/photovault/google-photos.properties).")
    Path output;

    @Option(names = "--account", paramLabel = "NAME", description = "One of several accounts (accounts= in the"
            + " configuration): write to ~/.config/photovault/accounts/NAME.properties instead.")
    String account;

    @Option(names = "--no-browser", description = "Print the address to open (on any device) instead of opening a browser.")
    boolean noBrowser;

    @Option(names = "--auth-url", paramLabel = "URL",
            description = "Authorization endpoint (default Google's; the emulator's for tests).")
    String authUrl = "https://accounts.google.com/o/oauth2/auth";

    @Option(names = "--token-url", paramLabel = "URL", description = "Token endpoint (default Google's).")
    String tokenUrl = "https://oauth2.googleapis.com/token";

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for the consent (default 300).")
    long timeoutSeconds = 300;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String secret = clientSecret();
        if (account != null && !account.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new VaultException("--account " + account + " is not an account name: use lower-case letters,"
                    + " digits and dashes");
        }
        Path target = output != null ? output
                : account != null ? dev.photovault.app.Accounts.defaultSecretsFile(account) : defaultOutput();
        SecureRandom random = new SecureRandom();
        String verifier = token(random, 48);
        String state = token(random, 24);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            boolean ok = query.containsKey("code") && state.equals(query.get("state"));
            byte[] page = (ok ? "<html><body>photovault is authorized. You can close this tab.</body></html>"
                    : "<html><body>photovault was not authorized. Go back to the terminal.</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
            callback.complete(query);
        });
        server.start();
        try {
            String redirect = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            String url = authUrl + "?response_type=code&access_type=offline&prompt=consent"
                    + "&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirect) + "&scope=" + enc(SCOPES)
                    + "&code_challenge=" + challenge + "&code_challenge_method=S256&state=" + state;
            if (noBrowser || !openBrowser(url)) {
                out.println("Open this address in a browser, sign in and allow access:");
            } else {
                out.println("A browser window asks you to allow access. If none opened, open this address:");
            }
            out.println("  " + url);
            out.println("Waiting for Google to send the browser back to " + redirect + " …");
            out.flush();
            Map<String, String> answer;
            try {
                answer = callback.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new VaultException("no answer from the browser within " + timeoutSeconds + " s: run"
                        + " 'photovault auth' again (with --no-browser to open the address elsewhere)");
            }
            if (answer.containsKey("error")) {
                throw new VaultException("Google did not authorize photovault (" + answer.get("error") + "): run"
                        + " 'photovault auth' again and allow access");
            }
            if (!state.equals(answer.get("state")) || !answer.containsKey("code")) {
                throw new VaultException("the browser came back with an unexpected answer (state mismatch):"
                        + " run 'photovault auth' again");
            }
            String refreshToken = exchange(answer.get("code"), secret, redirect, verifier);
            write(target, secret, refreshToken);
            out.println("Saved the client id, client secret and refresh token to " + target + " (readable only by you).");
            out.println("If your OAuth consent screen is still in \"Testing\", Google expires this token after 7 days.");
            return 0;
        } finally {
            server.stop(0);
        }
    }

    private String clientSecret() throws IOException {
        if (clientSecretFile != null) {
            return Files.readString(clientSecretFile).strip();
        }
        String env = System.getenv("PHOTOVAULT_CLIENT_SECRET");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        if (System.console() == null) {
            throw new VaultException("no client secret: give --client-secret-file or set PHOTOVAULT_CLIENT_SECRET");
        }
        return new String(System.console().readPassword("Client secret: ")).strip();
    }

    private String exchange(String code, String secret, String redirect, String verifier) throws Exception {
        String form = "grant_type=authorization_code&code=" + enc(code) + "&client_id=" + enc(clientId)
                + "&client_secret=" + enc(secret) + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + enc(verifier);
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()
                .send(HttpRequest.newBuilder(URI.create(tokenUrl)).header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode json = VaultJson.MAPPER.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() != 200) {
            throw new VaultException("the token endpoint refused the code (" + json.path("error").asText("HTTP "
                    + response.statusCode()) + ": " + json.path("error_description").asText("") + "): check the client id"
                    + " and secret and run 'photovault auth' again");
        }
        String refresh = json.path("refresh_token").asText(null);
        if (refresh == null) {
            throw new VaultException("Google sent no refresh token: remove photovault's access at"
                    + " https://myaccount.google.com/permissions and run 'photovault auth' again");
        }
        return refresh;
    }

    private void write(Path target, String secret, String refreshToken) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("google-photos.client-id", clientId);
        props.put("google-photos.client-secret", secret);
        props.put("google-photos.refresh-token", refreshToken);
        if (!tokenUrl.equals("https://oauth2.googleapis.com/token")) {
            props.put("google-photos.token-url", tokenUrl);
        }
        StringBuilder text = new StringBuilder("# Written by 'photovault auth'. Keep this file private.\n");
        props.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(tmp, text);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean openBrowser(String url) {
        try {
            if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(
                    java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(URI.create(url));
                return true;
            }
        } catch (IOException | RuntimeException e) {
            // fall back to printing the address
        }
        return false;
    }

    static Path defaultOutput() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("photovault").resolve("google-photos.properties");
    }

    private static String token(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
