package dev.photovault.vault;

import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import dev.photovault.vault.core.store.ObjectStore;
import dev.photovault.vault.core.store.StoreReadOnlyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import org.apache.camel.support.service.ServiceHelper;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A repository in an S3 bucket, reached through a Camel {@code aws2-s3:} endpoint: the endpoint's URI options
 * (credentials, region, endpoint override, path style, storage class, KMS) apply to every object. Writes go
 * through the endpoint's producer as conditional puts ({@code If-None-Match: *}), so an existing key is never
 * overwritten, with the content length known up front. Listings page through the endpoint's client, because
 * the producer's listObjects returns one page only.
 */
final class S3ObjectStore implements ObjectStore {

    private static final int PRECONDITION_FAILED = 412;
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;

    private final AWS2S3Endpoint endpoint;
    private final Producer producer;
    private final String bucket;

    S3ObjectStore(AWS2S3Endpoint endpoint) throws Exception {
        this.endpoint = endpoint;
        endpoint.getConfiguration().setConditionalWritesEnabled(true);
        endpoint.getConfiguration().setMultiPartUpload(false);
        ServiceHelper.startService(endpoint);
        this.producer = endpoint.createProducer();
        ServiceHelper.startService(producer);
        this.bucket = endpoint.getConfiguration().getBucketName();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws IOException {
        // Some S3-compatible servers (S3Proxy 2.6, older MinIO and Ceph) ignore If-None-Match on PUT. Metadata
        // objects are therefore looked up first; chunks are looked up by their writer already, and rewriting a
        // chunk would be harmless anyway (its key is the MAC of its plaintext).
        if (!key.startsWith("chunks/") && exists(key)) {
            return false;
        }
        Exchange exchange = endpoint.createExchange();
        exchange.getIn().setHeader(AWS2S3Constants.KEY, key);
        exchange.getIn().setHeader(AWS2S3Constants.CONTENT_LENGTH, (long) data.length);
        exchange.getIn().setBody(new ByteArrayInputStream(data));
        try {
            run(exchange, key);
            return true;
        } catch (S3Exception e) {
            // 412: the key exists. 409: a concurrent conditional write of the same key is in progress; since
            // keys are content addresses or unique ids, the other writer is writing the same bytes.
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONFLICT) {
                return false;
            }
            if (e.statusCode() == FORBIDDEN) {
                throw new StoreReadOnlyException(location(), "the credentials may not write: "
                        + (e.awsErrorDetails() == null ? "403" : e.awsErrorDetails().errorCode()), e);
            }
            throw failure("write", key, e);
        }
    }

    @Override
    public byte[] get(String key) throws IOException {
        Exchange exchange = endpoint.createExchange();
        exchange.getIn().setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.getObject);
        exchange.getIn().setHeader(AWS2S3Constants.KEY, key);
        try {
            run(exchange, key);
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw new ObjectNotFoundException(key);
            }
            throw failure("read", key, e);
        }
        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
            return in.readAllBytes();
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            endpoint.getS3Client().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return false;
            }
            throw failure("look up", key, e);
        } catch (SdkException e) {
            throw failure("look up", key, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        List<ObjectInfo> found = new ArrayList<>();
        try {
            for (S3Object o : endpoint.getS3Client().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()) {
                found.add(new ObjectInfo(o.key(), o.size(), o.lastModified()));
            }
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
        return found; // S3 lists in key order
    }

    @Override
    public void delete(String key) throws IOException {
        Exchange exchange = endpoint.createExchange();
        exchange.getIn().setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.deleteObject);
        exchange.getIn().setHeader(AWS2S3Constants.KEY, key);
        try {
            run(exchange, key);
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    /** The store's own endpoint (not the context's shared one). */
    AWS2S3Endpoint endpoint() {
        return endpoint;
    }

    /** Stops the store's own producer and endpoint (the S3 client with them). */
    @Override
    public void close() {
        ServiceHelper.stopAndShutdownServices(producer, endpoint);
    }

    /** An S3 PUT that answered 200 is durable: nothing to flush. */
    @Override
    public void flush() {
    }

    @Override
    public String location() {
        String override = endpoint.getConfiguration().getUriEndpointOverride();
        return "s3://" + bucket + (override == null || override.isBlank() ? "" : " at " + override);
    }

    private void run(Exchange exchange, String key) throws IOException {
        try {
            producer.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception e = exchange.getException();
        if (e == null) {
            return;
        }
        if (e instanceof SdkException sdk) {
            throw sdk;
        }
        if (e instanceof IOException io) {
            throw io;
        }
        throw new IOException("S3 request for " + key + " failed: " + e.getMessage(), e);
    }

    private IOException failure(String what, String key, SdkException e) {
        return new IOException("could not " + what + " " + key + " in " + location() + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return location();
    }
}
