package dev.photovault.emulator;

/**
 * What a client needs to talk to the emulator: an OAuth client and a refresh token granted to it.
 *
 * @param clientId     the OAuth client id
 * @param clientSecret the OAuth client secret
 * @param refreshToken a refresh token for that client
 */
public record EmulatorCredentials(String clientId, String clientSecret, String refreshToken) {

    @Override
    public String toString() {
        return "EmulatorCredentials[clientId=" + clientId + ", secrets redacted]";
    }
}
