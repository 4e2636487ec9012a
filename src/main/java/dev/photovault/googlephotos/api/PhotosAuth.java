package dev.photovault.googlephotos.api;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.UserCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The refresh-token flow through google-auth-library's {@link UserCredentials}: one access token shared by all
 * callers, refreshed shortly before it expires (concurrent callers wait for one refresh), and refused refresh
 * tokens turned into {@link ReauthorizationRequiredException}.
 */
public final class PhotosAuth {

    private final UserCredentials credentials;

    public PhotosAuth(String clientId, String clientSecret, String refreshToken, String tokenUrl, HttpTransport transport) {
        this.credentials = UserCredentials.newBuilder()
                .setClientId(clientId)
                .setClientSecret(clientSecret)
                .setRefreshToken(refreshToken)
                .setTokenServerUri(URI.create(tokenUrl))
                .setHttpTransportFactory(() -> transport)
                .build();
    }

    /** A live access token. */
    public String accessToken() {
        try {
            credentials.refreshIfExpired();
            return credentials.getAccessToken().getTokenValue();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * The server refused {@code rejectedHeader} ("Bearer …"): fetches a new access token, unless another caller
     * already replaced that one, so that concurrent callers share one refresh.
     */
    public synchronized void refreshAfterRejection(String rejectedHeader) {
        try {
            var current = credentials.getAccessToken();
            if (current == null || rejectedHeader.equals("Bearer " + current.getTokenValue())) {
                credentials.refresh();
            }
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("invalid_grant")) {
            return new ReauthorizationRequiredException();
        }
        if (message.contains("invalid_client")) {
            return new PhotosApiException("Google refused the OAuth client id or secret: check google-photos.client-id"
                    + " and google-photos.client-secret", 401, "invalid_client");
        }
        // Network failures say which host and why (their messages hold no secrets); others only their type,
        // because a token endpoint's error text may echo the request.
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof java.net.UnknownHostException ? "unknown host " + root.getMessage()
                : root instanceof java.net.ConnectException || root instanceof java.net.SocketTimeoutException
                        ? root.getClass().getSimpleName() + ": " + root.getMessage()
                        : e.getClass().getSimpleName();
        return new UncheckedIOException("could not get an access token from the token endpoint (" + why
                + "): check google-photos.token-url and the network", e);
    }

    @Override
    public String toString() {
        return "PhotosAuth[tokens redacted]";
    }
}
