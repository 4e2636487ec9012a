package dev.photovault.testing;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** A real S3 server (S3Proxy over an in-memory jclouds blob store) on a free loopback port. */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "photovault-test";
    public static final String SECRET_KEY = "photovault-test-secret-key";

    static {
        // AWS SDK 2.30+ sends CRC trailers in aws-chunked bodies by default; S3Proxy 2.6 checks the payload hash
        // and refuses them. Many S3-compatible servers need the same setting (see README, S3 stores).
        System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
        System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
    }

    private final S3Proxy proxy;
    private final BlobStoreContext blobs;

    public S3ProxyServer() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** A Camel aws2-s3 URI for this server and bucket (created on first use). */
    public String camelUri(String bucket) {
        return "aws2-s3://" + bucket + "?uriEndpointOverride=" + endpoint() + "&overrideEndpoint=true"
                + "&forcePathStyle=true&region=us-east-1&accessKey=" + ACCESS_KEY + "&secretKey=RAW(" + SECRET_KEY
                + ")&autoCreateBucket=true";
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobs.close();
    }
}
