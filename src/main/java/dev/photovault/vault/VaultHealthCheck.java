package dev.photovault.vault;

import dev.photovault.vault.core.store.ObjectStore;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a backup's store: the repository's {@code config} can be read (one small request; no passphrase
 * needed). DOWN says why: unreachable endpoint, wrong credentials, no repository yet.
 */
final class VaultHealthCheck extends AbstractHealthCheck {

    private final VaultEndpoint endpoint;

    VaultHealthCheck(VaultEndpoint endpoint) {
        super("photovault", "vault-store-" + Integer.toHexString(System.identityHashCode(endpoint)));
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            ObjectStore store = endpoint.getComponent().store(endpoint.getConfiguration());
            builder.detail("store", store.location());
            if (store.exists("config")) {
                builder.up();
            } else if (endpoint.getConfiguration().isInitialize()) {
                builder.up().message("no repository yet; the first backup creates it");
            } else {
                builder.down().message("no repository at " + store.location() + ": run 'photovault init'");
            }
        } catch (Exception e) {
            builder.down().message("store unreachable: " + e.getMessage());
        }
    }
}
