package dev.photovault.googlephotos;

import dev.photovault.googlephotos.api.GooglePhotosClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a {@code google-photos:} endpoint: the refresh token still yields an access token, and the API
 * answered. A request that succeeded in the last five minutes is proof enough; otherwise one cheap probe
 * (albums.list, one album) is made, at most every five minutes, so health checks do not eat the daily quota.
 */
final class GooglePhotosHealthCheck extends AbstractHealthCheck {

    private static final Duration RECENT = Duration.ofMinutes(5);

    private final GooglePhotosClient client;
    private Instant lastProbe;
    private String lastProbeFailure;

    GooglePhotosHealthCheck(GooglePhotosClient client, String id) {
        super("camel", id);
        this.client = client;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected synchronized void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("api.url", client.endpoints().apiUrl());
        builder.detail("requests.api", client.apiRequests());
        builder.detail("requests.media", client.mediaRequests());
        try {
            client.checkToken();
        } catch (RuntimeException e) {
            builder.message(e.getMessage()).down();
            return;
        }
        if (client.blockingProblem() != null) {
            builder.message(client.blockingProblem().getMessage()).down();
            return;
        }
        Instant now = Instant.now();
        Instant success = client.lastSuccess();
        if (success != null && success.plus(RECENT).isAfter(now)) {
            builder.up();
            return;
        }
        if (lastProbe == null || lastProbe.plus(RECENT).isBefore(now)) {
            lastProbe = now;
            try {
                client.listAlbums().hasNext();
                lastProbeFailure = null;
            } catch (RuntimeException e) {
                lastProbeFailure = e.getMessage();
            }
        }
        if (lastProbeFailure != null) {
            builder.message("Google Photos API unreachable: " + lastProbeFailure).down();
        } else {
            builder.up();
        }
    }
}
