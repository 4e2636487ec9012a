package dev.photovault.vault;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Backs up into and reads from a photovault repository: {@code open}, {@code store} and {@code commit} make a
 * snapshot; {@code list} and {@code read} give its entries and their content; {@code check} and {@code forget}
 * keep the repository healthy and thin.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "vault", title = "photovault repository", syntax = "vault:operation",
        producerOnly = true, category = {Category.FILE, Category.CLOUD}, headersClass = VaultConstants.class)
public class VaultEndpoint extends DefaultEndpoint {

    @UriPath(enums = "open,store,commit,list,read,restore,copy,check,forget")
    @Metadata(required = true)
    private VaultOperation operation;
    @UriParam
    private VaultConfiguration configuration;

    private VaultHealthCheck healthCheck;

    public VaultEndpoint(String uri, VaultComponent component, String operation, VaultConfiguration configuration) {
        super(uri, component);
        this.operation = VaultOperation.parse(operation);
        this.configuration = configuration;
    }

    @Override
    public VaultComponent getComponent() {
        return (VaultComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new VaultProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("vault: endpoints only take messages (use them in to:)");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (configuration.getStore() == null || configuration.getStore().isBlank()) {
            throw new IllegalArgumentException("vault:" + operation.uriName()
                    + " needs a store: set vault.store (camel.component.vault.configuration.store) or store=...");
        }
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (registry != null && operation == VaultOperation.OPEN) {
            healthCheck = new VaultHealthCheck(this);
            healthCheck.setEnabled(getComponent().isHealthCheckProducerEnabled());
            registry.register(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (registry != null && healthCheck != null) {
            registry.unregister(healthCheck);
        }
        super.doStop();
    }

    public VaultOperation getOperation() {
        return operation;
    }

    /** What to do: open, store, commit, list, read, check or forget. */
    public void setOperation(VaultOperation operation) {
        this.operation = operation;
    }

    public VaultConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(VaultConfiguration configuration) {
        this.configuration = configuration;
    }
}
