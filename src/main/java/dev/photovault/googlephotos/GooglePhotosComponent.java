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

    /** The shared client for these settings. */
    GooglePhotosClient client(GooglePhotosConfiguration c) {
        List<Object> key = List.of(c.getApiUrl(), c.getPickerUrl(), c.getTokenUrl(), String.valueOf(c.getClientId()),
                String.valueOf(c.getClientSecret()), String.valueOf(c.getRefreshToken()), c.getMaxAttempts(),
                c.getInitialRetryDelay(), c.getMinRateLimitDelay(), c.getMaxRetryDelay(), c.getResumableThreshold(),
                c.getChunkSize(), c.getMaxBaseUrlAge(), c.getConnectTimeout(), c.getReadTimeout());
        return clients.computeIfAbsent(key, k -> new GooglePhotosClient(
                new PhotosEndpoints(c.getApiUrl(), c.getPickerUrl(), c.getTokenUrl()), c.getClientId(),
                c.getClientSecret(), c.getRefreshToken(),
                new RetryPolicy(c.getMaxAttempts(), Duration.ofMillis(c.getInitialRetryDelay()),
                        Duration.ofMillis(c.getMinRateLimitDelay()), Duration.ofMillis(c.getMaxRetryDelay())),
                new TransferSettings(c.getResumableThreshold(), c.getChunkSize(), Duration.ofMillis(c.getMaxBaseUrlAge()),
                        Duration.ofMillis(c.getConnectTimeout()), Duration.ofMillis(c.getReadTimeout()))));
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
