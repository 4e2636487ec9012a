package dev.photovault.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The token endpoint ({@code POST /token}, refresh-token grant, as at {@code oauth2.googleapis.com}) and the
 * checks every API call makes: a live access token whose grant carries one of the scopes the call needs.
 */
final class OAuthServer {

    private final EmulatorState state;
    private final EmulatorClock clock;
    private final Duration accessTokenLifetime;
    private final Map<String, Code> codes = new java.util.HashMap<>();

    OAuthServer(EmulatorState state, EmulatorClock clock, Duration accessTokenLifetime) {
        this.state = state;
        this.clock = clock;
        this.accessTokenLifetime = accessTokenLifetime;
    }

    void token(Exchange ex) throws IOException {
        if (!ex.method.equals("POST")) {
            ex.sendBytes(405, "text/plain", new byte[0]);
            return;
        }
        Map<String, String> form = ex.form();
        String grantType = form.get("grant_type");
        if (!"refresh_token".equals(grantType) && !"authorization_code".equals(grantType)) {
            oauthError(ex, 400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
            return;
        }
        ObjectNode answer;
        synchronized (state) {
            EmulatorState.Client client = state.clients.get(form.get("client_id"));
            if (client == null || !client.secret.equals(form.get("client_secret"))) {
                oauthError(ex, 401, "invalid_client", "The OAuth client was not found.");
                return;
            }
            EmulatorState.Grant grant;
            if (grantType.equals("authorization_code")) {
                Code code = codes.remove(String.valueOf(form.get("code")));
                String problem = code == null || !code.expires.isAfter(clock.instant()) ? "Malformed auth code."
                        : !code.clientId.equals(client.id) ? "Unauthorized."
                        : !code.redirectUri.equals(form.get("redirect_uri")) ? "Bad Request"
                        : !code.challengeMatches(form.get("code_verifier")) ? "Invalid code verifier." : null;
                if (problem != null) {
                    oauthError(ex, 400, "invalid_grant", problem);
                    return;
                }
                grant = state.grants.get(register(state, client.id, client.secret, code.scopes).refreshToken());
            } else {
                grant = state.grants.get(form.get("refresh_token"));
            }
            if (grant == null || grant.revoked || !grant.clientId.equals(client.id)) {
                oauthError(ex, 400, "invalid_grant", "Token has been expired or revoked.");
                return;
            }
            EmulatorState.AccessToken token = new EmulatorState.AccessToken();
            token.token = "ya29.emu-" + Ids.token(48);
            token.clientId = client.id;
            token.scopes.addAll(grant.scopes);
            token.expires = clock.instant().plus(accessTokenLifetime);
            state.accessTokens.put(token.token, token);
            answer = EmulatorState.JSON.createObjectNode();
            answer.put("access_token", token.token);
            answer.put("expires_in", accessTokenLifetime.toSeconds());
            answer.put("scope", String.join(" ", grant.scopes));
            answer.put("token_type", "Bearer");
            if (grantType.equals("authorization_code")) {
                answer.put("refresh_token", grant.refreshToken);
            }
        }
        ex.sendJson(200, answer);
    }

    /**
     * The consent page ({@code GET /o/oauth2/auth}, as at {@code accounts.google.com}) of the installed-app flow.
     * The emulator's user consents at once: the browser is sent straight back to the loopback redirect URI with a
     * code, which the token endpoint exchanges (checking the PKCE verifier) for a refresh token.
     */
    void consent(Exchange ex) throws IOException {
        String clientId = ex.param("client_id");
        String redirect = String.valueOf(ex.param("redirect_uri"));
        synchronized (state) {
            if (clientId == null || !state.clients.containsKey(clientId)) {
                ex.sendBytes(401, "text/html; charset=UTF-8",
                        "<html><body>Error 401: invalid_client. The OAuth client was not found.</body></html>"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
        }
        if (!redirect.matches("http://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?(/.*)?")) {
            ex.sendBytes(400, "text/html; charset=UTF-8",
                    "<html><body>Error 400: invalid_request. Installed apps must redirect to a loopback address.</body></html>"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        Set<String> scopes = new java.util.LinkedHashSet<>(java.util.Arrays.asList(
                String.valueOf(ex.param("scope")).trim().split("\\s+")));
        String error = !"code".equals(ex.param("response_type")) ? "unsupported_response_type"
                : !Scopes.CURRENT.containsAll(scopes) ? "invalid_scope"
                : ex.param("code_challenge") != null && !"S256".equals(ex.param("code_challenge_method"))
                        ? "invalid_request" : null;
        StringBuilder location = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?');
        if (error != null) {
            location.append("error=").append(error);
        } else {
            Code code = new Code(clientId, redirect, ex.param("code_challenge"), Set.copyOf(scopes),
                    clock.instant().plus(Duration.ofMinutes(10)));
            String value = "4/emu-" + Ids.token(40);
            synchronized (state) {
                codes.put(value, code);
            }
            location.append("code=").append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8))
                    .append("&scope=").append(java.net.URLEncoder.encode(String.join(" ", scopes),
                            java.nio.charset.StandardCharsets.UTF_8));
        }
        if (ex.param("state") != null) {
            location.append("&state=").append(java.net.URLEncoder.encode(ex.param("state"),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        ex.header("Location", location.toString());
        ex.sendBytes(302, "text/html; charset=UTF-8", new byte[0]);
    }

    /** An authorization code waiting to be exchanged; lives ten minutes, used once. */
    private record Code(String clientId, String redirectUri, String challenge, Set<String> scopes,
            java.time.Instant expires) {
        boolean challengeMatches(String verifier) {
            if (challenge == null) {
                return true;
            }
            if (verifier == null) {
                return false;
            }
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(challenge);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void oauthError(Exchange ex, int status, String error, String description) throws IOException {
        ObjectNode body = EmulatorState.JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        ex.sendJson(status, body);
    }

    /**
     * The client id behind the request's access token, if the token is live and carries one of {@code scopes}.
     *
     * @throws ApiError 401 without a live token, 403 without a suitable scope
     */
    String authorize(Exchange ex, Set<String> scopes) {
        String bearer = ex.bearer();
        synchronized (state) {
            EmulatorState.AccessToken token = bearer == null ? null : state.accessTokens.get(bearer);
            if (token == null || !token.expires.isAfter(clock.instant())) {
                throw ApiError.unauthenticated();
            }
            for (String scope : token.scopes) {
                if (scopes.contains(scope)) {
                    return token.clientId;
                }
            }
            throw ApiError.insufficientScopes();
        }
    }

    /** Registers a client and a refresh token with {@code scopes}. */
    static EmulatorCredentials register(EmulatorState state, String clientId, String clientSecret, Set<String> scopes) {
        synchronized (state) {
            EmulatorState.Client client = state.clients.get(clientId);
            if (client == null) {
                client = new EmulatorState.Client();
                client.id = clientId;
                client.secret = clientSecret;
                state.clients.put(clientId, client);
            }
            EmulatorState.Grant grant = new EmulatorState.Grant();
            grant.refreshToken = "1//emu-" + Ids.token(40);
            grant.clientId = clientId;
            grant.scopes.addAll(scopes);
            state.grants.put(grant.refreshToken, grant);
            return new EmulatorCredentials(client.id, client.secret, grant.refreshToken);
        }
    }

}
