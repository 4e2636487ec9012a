package dev.photovault.vault;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.store.LocalObjectStore;
import dev.photovault.vault.core.store.ObjectStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.util.URISupport;
import org.apache.camel.Endpoint;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.component.file.FileEndpoint;

/**
 * Turns a store URI ({@code file:/srv/photovault} or {@code aws2-s3://bucket?…}) into an {@link ObjectStore}.
 * <p>
 * A {@code file:} endpoint gives the folder; objects are then written by {@link LocalObjectStore} (temporary file,
 * fsync, hard link: never an overwrite, never a half-written object), because the file component's producer can
 * neither fsync nor refuse atomically to replace a file. An {@code aws2-s3:} endpoint is used as it is configured,
 * through its producer and client ({@link S3ObjectStore}).
 */
final class StoreEndpoints {

    private StoreEndpoints() {
    }

    static ObjectStore open(CamelContext context, String uri) throws Exception {
        return open(context, uri, null);
    }

    /** The store URI option (ours, taken out before Camel sees the URI) bounding one S3 request attempt. */
    static final String REQUEST_TIMEOUT = "requestTimeout";

    private static java.time.Duration requestTimeout(String value) {
        long millis;
        try {
            millis = value.startsWith("P") || value.startsWith("p") ? java.time.Duration.parse(value).toMillis()
                    : org.apache.camel.util.TimeUtils.toMilliSeconds(value);
        } catch (RuntimeException e) {
            millis = -1;
        }
        if (millis <= 0) {
            throw new VaultException(REQUEST_TIMEOUT + "=" + value + " is not a positive duration: write e.g. 30s, 5m"
                    + " or PT5M");
        }
        return java.time.Duration.ofMillis(millis);
    }

    /**
     * @param lock an Object Lock from the settings (vault.object-lock-*), or null; the store URI's own
     *             {@code objectLock}/{@code objectLockDays} options win
     */
    static ObjectStore open(CamelContext context, String uri, ObjectLock lock) throws Exception {
        if (uri == null || uri.isBlank()) {
            throw new VaultException("no store configured: set vault.store to a file: or aws2-s3: endpoint URI");
        }
        // An endpoint of the store's own, not the context's shared one: the S3 store sets options on it
        // (conditional writes, no multipart) that must not change an endpoint the user's routes use.
        Endpoint endpoint;
        java.time.Duration requestTimeout = S3ObjectStore.DEFAULT_REQUEST_TIMEOUT;
        try {
            String resolved = context.resolvePropertyPlaceholders(uri);
            int query = resolved.indexOf('?');
            if (query > 0) {
                java.util.Map<String, Object> options = URISupport.parseQuery(resolved.substring(query + 1), true, true);
                ObjectLock own = ObjectLock.take(options);
                Object timeout = options.remove(REQUEST_TIMEOUT);
                if (own != null || timeout != null) {
                    lock = own != null ? own : lock;
                    resolved = URISupport.appendParametersToURI(resolved.substring(0, query), options);
                }
                if (timeout != null) {
                    requestTimeout = requestTimeout(timeout.toString());
                }
            }
            int colon = resolved.indexOf(':');
            Component component = colon < 1 ? null : context.getComponent(resolved.substring(0, colon));
            if (component == null) {
                throw new VaultException("the store URI names no Camel component: use file: or aws2-s3:");
            }
            endpoint = component.createEndpoint(resolved);
        } catch (VaultException e) {
            throw e;
        } catch (Exception e) {
            throw new VaultException("the store URI is not a usable Camel endpoint: "
                    + URISupport.sanitizeUri(String.valueOf(e.getMessage())));
        }
        if (endpoint instanceof FileEndpoint file) {
            if (lock != null) {
                throw new VaultException("Object Lock (objectLock=…) is an S3 feature: a file: store cannot lock objects");
            }
            return new LocalObjectStore(file.getFile().toPath().toAbsolutePath());
        }
        if (endpoint instanceof AWS2S3Endpoint s3) {
            return new S3ObjectStore(s3, lock, requestTimeout);
        }
        throw new VaultException("the store must be a file: or aws2-s3: endpoint, not " + endpoint.getEndpointBaseUri());
    }
}
