package dev.photovault.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OAuthConformanceTest extends EmulatorTestBase {

    @Test
    void aRefreshTokenBuysABearerTokenShapedLikeGooglesAnswer() throws Exception {
        EmulatorCredentials c = emulator.credentials();
        JsonNode token = api.token(c.clientId(), c.clientSecret(), c.refreshToken()).json();
        assertThat(token.get("expires_in").asInt()).isEqualTo(3599);
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("scope").asText().split(" ")).containsExactlyInAnyOrderElementsOf(Scopes.CURRENT);
        assertThat(token.has("refresh_token")).isFalse();
    }

    @Test
    void aRevokedOrUnknownRefreshTokenIsInvalidGrant() throws Exception {
        EmulatorCredentials c = emulator.credentials();
        emulator.revoke(c.refreshToken());
        ApiClient.Response r = api.token(c.clientId(), c.clientSecret(), c.refreshToken());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(r.json().get("error_description").asText()).isEqualTo("Token has been expired or revoked.");
        assertThat(api.token(c.clientId(), c.clientSecret(), "1//nonsense").json().get("error").asText())
                .isEqualTo("invalid_grant");
    }

    @Test
    void aWrongClientSecretIsInvalidClient() throws Exception {
        EmulatorCredentials c = emulator.credentials();
        ApiClient.Response r = api.token(c.clientId(), "wrong", c.refreshToken());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void accessTokensExpire() throws Exception {
        assertThat(api.get("/v1/albums").status()).isEqualTo(200);
        emulator.advanceClock(Duration.ofSeconds(3600));
        ApiClient.Response r = api.get("/v1/albums");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aTokenWithOnlyRemovedScopesIsRefused() throws Exception {
        String refresh = emulator.grant(Set.of("https://www.googleapis.com/auth/photoslibrary.readonly"));
        ApiClient old = new ApiClient(emulator.url()).login(emulator.credentials().clientId(),
                emulator.credentials().clientSecret(), refresh);
        ApiClient.Response r = old.get("/v1/mediaItems");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").get("message").asText()).isEqualTo("Request had insufficient authentication scopes.");
        assertThat(r.json().get("error").get("status").asText()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void eachCallNeedsItsOwnScope() throws Exception {
        String refresh = emulator.grant(Set.of(Scopes.READONLY_APP_CREATED));
        ApiClient reader = new ApiClient(emulator.url()).login(emulator.credentials().clientId(),
                emulator.credentials().clientSecret(), refresh);
        assertThat(reader.get("/v1/albums").status()).isEqualTo(200);
        assertThat(reader.post("/v1/albums", java.util.Map.of("album", java.util.Map.of("title", "x"))).status())
                .isEqualTo(403);
        ApiClient.Response upload = reader.upload(new byte[] {1}, "image/jpeg", "x.jpg");
        assertThat(upload.status()).isEqualTo(401);
        assertThat(upload.text()).isEqualTo("{\"code\":16,\"message\":\"Authentication session is not defined.\"}");
    }
}
