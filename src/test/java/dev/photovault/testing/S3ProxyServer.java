package dev.photovault.testing;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.CreateContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.domain.Location;
import org.jclouds.rest.AuthorizationException;

/** A real S3 server (S3Proxy over an in-memory jclouds blob store) on a free loopback port. */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "photovault-test";
    public static final String SECRET_KEY = "photovault-test-secret-key";
    /**
     * What a child photovault needs to talk to S3Proxy 2.6, which does not take the checksum trailers AWS SDK 2.30+
     * sends (README, S3 stores).
     */
    public static final java.util.Map<String, String> CLIENT_ENV = java.util.Map.of(
            "AWS_REQUEST_CHECKSUM_CALCULATION", "when_required", "AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");

    static {
        // AWS SDK 2.30+ sends CRC trailers in aws-chunked bodies by default; S3Proxy 2.6 checks the payload hash
        // and refuses them. Many S3-compatible servers need the same setting (see README, S3 stores).
        System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
        System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
    }

    private final S3Proxy proxy;
    private final BlobStoreContext blobs;

    private final boolean ownsBlobs;

    public S3ProxyServer() throws Exception {
        this(ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY).build(BlobStoreContext.class),
                null, true);
    }

    private S3ProxyServer(BlobStoreContext blobs, java.util.function.UnaryOperator<BlobStore> view, boolean ownsBlobs)
            throws Exception {
        this.blobs = blobs;
        this.ownsBlobs = ownsBlobs;
        BlobStore store = view == null ? blobs.getBlobStore() : view.apply(blobs.getBlobStore());
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /**
     * A second server on the same buckets whose credentials may only read: every write or delete is answered
     * 403 Access Denied, as an S3 server answers a read-only IAM policy.
     */
    public S3ProxyServer readOnlyView() throws Exception {
        return new S3ProxyServer(blobs, DenyingWrites::new, false);
    }

    /**
     * A second server on the same buckets whose credentials may write and read but delete only under
     * {@code locks/}: the append-only IAM policy of README's 3-2-1 section. Other deletes are answered 403.
     */
    public S3ProxyServer appendOnlyView() throws Exception {
        return new S3ProxyServer(blobs, DenyingDeletes::new, false);
    }

    /** Refuses deletes but of locks, the way S3Proxy reports an authorization failure (403). */
    private static final class DenyingDeletes extends ForwardingBlobStore {
        DenyingDeletes(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public void removeBlob(String container, String name) {
            if (!name.startsWith("locks/")) {
                throw new AuthorizationException("these credentials may not delete " + name);
            }
            super.removeBlob(container, name);
        }
    }

    /** Refuses writes the way S3Proxy reports an authorization failure (403). */
    private static final class DenyingWrites extends ForwardingBlobStore {
        DenyingWrites(BlobStore delegate) {
            super(delegate);
        }

        private static AuthorizationException denied() {
            return new AuthorizationException("these credentials may only read");
        }

        @Override
        public String putBlob(String container, Blob blob) {
            throw denied();
        }

        @Override
        public String putBlob(String container, Blob blob, PutOptions options) {
            throw denied();
        }

        @Override
        public void removeBlob(String container, String name) {
            throw denied();
        }

        @Override
        public boolean createContainerInLocation(Location location, String container) {
            throw denied();
        }

        @Override
        public boolean createContainerInLocation(Location location, String container, CreateContainerOptions options) {
            throw denied();
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** A Camel aws2-s3 URI for this server and bucket (created on first use). */
    /** An object's bytes as the server holds them, or null. */
    public byte[] object(String bucket, String key) throws java.io.IOException {
        var blob = blobs.getBlobStore().getBlob(bucket, key);
        if (blob == null) {
            return null;
        }
        try (var in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    public String camelUri(String bucket) {
        return "aws2-s3://" + bucket + "?uriEndpointOverride=" + endpoint() + "&overrideEndpoint=true"
                + "&forcePathStyle=true&region=us-east-1&accessKey=" + ACCESS_KEY + "&secretKey=RAW(" + SECRET_KEY
                + ")&autoCreateBucket=true";
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        if (ownsBlobs) {
            blobs.close();
        }
    }
}
