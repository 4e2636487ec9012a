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
        if (!"refresh_token".equals(grantType)) {
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
            EmulatorState.Grant grant = state.grants.get(form.get("refresh_token"));
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
        }
        ex.sendJson(200, answer);
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
