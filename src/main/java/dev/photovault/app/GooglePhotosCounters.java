package dev.photovault.app;

import dev.photovault.googlephotos.GooglePhotosComponent;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.vault.core.backup.RequestCounters;
import java.util.Map;
import org.apache.camel.CamelContext;

/** The google-photos component's request counters, for the vault's run reports. */
public final class GooglePhotosCounters implements RequestCounters {

    private final CamelContext context;

    public GooglePhotosCounters(CamelContext context) {
        this.context = context;
    }

    @Override
    public Map<String, Long> counters() {
        long api = 0;
        long media = 0;
        GooglePhotosComponent component = context.hasComponent("google-photos") instanceof GooglePhotosComponent c ? c : null;
        if (component != null) {
            for (GooglePhotosClient client : component.clients()) {
                api += client.apiRequests();
                media += client.mediaRequests();
            }
        }
        return Map.of("API requests", api, "media requests", media);
    }
}
