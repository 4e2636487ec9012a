package dev.photovault.googlephotos;

import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.PhotosEndpoints;
import dev.photovault.googlephotos.api.RetryPolicy;
import dev.photovault.googlephotos.api.TransferSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code google-photos:} component. Endpoints with the same credentials and addresses share one client, so
 * they share one access token (one refresh) and one set of request counters.
 */
@Component("google-photos")
public class GooglePhotosComponent extends HealthCheckComponent {

    @Metadata
    private GooglePhotosConfiguration configuration = new GooglePhotosConfiguration();

    private final Map<List<Object>, GooglePhotosClient> clients = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        GooglePhotosConfiguration endpointConfiguration = configuration.copy();
        GooglePhotosEndpoint endpoint = new GooglePhotosEndpoint(uri, this, remaining, endpointConfiguration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** OAuth credentials of one named account. */
    private record AccountCredentials(String clientId, String clientSecret, String refreshToken) {
        @Override
        public String toString() {
            return "AccountCredentials[clientId=" + clientId + ", secrets redacted]";
        }
    }

    private final Map<String, AccountCredentials> accounts = new ConcurrentHashMap<>();

    /**
     * Gives the component the credentials of a named account, for endpoints with {@code account=NAME}: set in Java
     * (never through URIs or property placeholders, which Camel may log).
     */
    public void addAccount(String name, String clientId, String clientSecret, String refreshToken) {
        accounts.put(name, new AccountCredentials(clientId, clientSecret, refreshToken));
    }

    /** The names of the accounts given with {@link #addAccount}. */
    public java.util.Set<String> accounts() {
        return java.util.Set.copyOf(accounts.keySet());
    }

    /** The shared client for these settings. */
    GooglePhotosClient client(GooglePhotosConfiguration settings) {
        GooglePhotosConfiguration c = settings;
        if (settings.getAccount() != null && !settings.getAccount().isBlank()) {
            AccountCredentials account = accounts.get(settings.getAccount());
            if (account == null) {
                throw new IllegalArgumentException("no credentials for the account " + settings.getAccount()
                        + ": run 'photovault auth --account " + settings.getAccount() + "'");
            }
            c = settings.copy();
            c.setClientId(account.clientId());
            c.setClientSecret(account.clientSecret());
            c.setRefreshToken(account.refreshToken());
        }
        GooglePhotosConfiguration f = c;
        List<Object> key = List.of(c.getApiUrl(), c.getPickerUrl(), c.getTokenUrl(), String.valueOf(c.getClientId()),
                String.valueOf(c.getClientSecret()), String.valueOf(c.getRefreshToken()), c.getMaxAttempts(),
                c.getInitialRetryDelay(), c.getMinRateLimitDelay(), c.getMaxRetryDelay(), c.getResumableThreshold(),
                c.getChunkSize(), c.getMaxBaseUrlAge(), c.getConnectTimeout(), c.getReadTimeout());
        return clients.computeIfAbsent(key, k -> new GooglePhotosClient(
                new PhotosEndpoints(f.getApiUrl(), f.getPickerUrl(), f.getTokenUrl()), f.getClientId(),
                f.getClientSecret(), f.getRefreshToken(),
                new RetryPolicy(f.getMaxAttempts(), Duration.ofMillis(f.getInitialRetryDelay()),
                        Duration.ofMillis(f.getMinRateLimitDelay()), Duration.ofMillis(f.getMaxRetryDelay())),
                new TransferSettings(f.getResumableThreshold(), f.getChunkSize(), Duration.ofMillis(f.getMaxBaseUrlAge()),
                        Duration.ofMillis(f.getConnectTimeout()), Duration.ofMillis(f.getReadTimeout()))));
    }

    /**
     * The shared client of the component's own settings (its credentials, addresses, retries and timeouts), for
     * what runs beside the routes and talks to the same account: the web UI's restores in {@code photovault run}.
     */
    public GooglePhotosClient defaultClient() {
        return client(configuration);
    }

    /** Every client this component made, for the dev console and run reports. */
    public java.util.Collection<GooglePhotosClient> clients() {
        return clients.values();
    }

    public GooglePhotosConfiguration getConfiguration() {
        return configuration;
    }

    /** The defaults of every endpoint: credentials, addresses, retries. */
    public void setConfiguration(GooglePhotosConfiguration configuration) {
        this.configuration = configuration;
    }
}
