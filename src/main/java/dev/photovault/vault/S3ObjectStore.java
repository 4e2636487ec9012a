package dev.photovault.vault;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectLockedException;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import dev.photovault.vault.core.store.ObjectStore;
import dev.photovault.vault.core.store.StoreException;
import dev.photovault.vault.core.store.StoreReadOnlyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import org.apache.camel.support.service.ServiceHelper;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(S3ObjectStore.class);
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;

    private final AWS2S3Endpoint endpoint;
    private final Producer producer;
    private final String bucket;
    private final ObjectLock lock;
    /** Whether the server keeps the Object Lock headers of a PUT; null until the first locked write tells. */
    private volatile Boolean headersHonoured;

    S3ObjectStore(AWS2S3Endpoint endpoint) throws Exception {
        this(endpoint, null);
    }

    /** @param lock the Object Lock every object but a lock gets, or null */
    S3ObjectStore(AWS2S3Endpoint endpoint, ObjectLock lock) throws Exception {
        this.endpoint = endpoint;
        this.lock = lock;
        endpoint.getConfiguration().setConditionalWritesEnabled(true);
        endpoint.getConfiguration().setMultiPartUpload(false);
        ServiceHelper.startService(endpoint);
        this.producer = endpoint.createProducer();
        ServiceHelper.startService(producer);
        this.bucket = endpoint.getConfiguration().getBucketName();
        if (lock != null) {
            requireObjectLock();
        }
    }

    /** Says in one line when the bucket cannot lock (Object Lock is set when a bucket is created). */
    private void requireObjectLock() throws IOException {
        try {
            var config = endpoint.getS3Client().getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
            if (config != null && config.objectLockEnabled() == ObjectLockEnabled.ENABLED) {
                return;
            }
        } catch (S3Exception e) {
            if (e.statusCode() != NOT_FOUND && e.statusCode() != 400) {
                throw failure("read the Object Lock configuration of", bucket, e);
            }
        } catch (SdkException e) {
            throw failure("read the Object Lock configuration of", bucket, e);
        }
        close();
        throw new VaultException("the bucket " + bucket + " does not have Object Lock enabled, so objectLock="
                + lock.mode() + " cannot be kept: create the bucket with Object Lock (aws s3api create-bucket"
                + " --object-lock-enabled-for-bucket), or drop objectLock from the store URI");
    }

    @Override
    public Duration lockPeriod() {
        return lock == null ? null : lock.period();
    }

    /**
     * What an object gets when the caller names no time: a period and a half. Locks and holds get none: a lock is
     * removed when its process ends, a hold when it is released.
     */
    private Instant defaultLockUntil(String key) {
        return lock == null || unlocked(key) ? null : Instant.now().plus(lock.period()).plus(lock.slack());
    }

    private static boolean unlocked(String key) {
        return key.startsWith("locks/") || key.startsWith("holds/");
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data) throws IOException {
        return putIfAbsent(key, data, defaultLockUntil(key));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, Instant lockUntil) throws IOException {
        if (lock != null && lockUntil != null && !unlocked(key)) {
            return putLocked(key, data, lockUntil);
        }
        return putPlain(key, data);
    }

    /**
     * A conditional PUT carrying the retention, straight through the endpoint's client (the producer has no Object
     * Lock headers); S3 wants a Content-MD5 with them. The endpoint's storage class and KMS options still apply.
     */
    private boolean putLocked(String key, byte[] data, Instant until) throws IOException {
        if (!key.startsWith("chunks/") && exists(key)) {
            return false;
        }
        var c = endpoint.getConfiguration();
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*")
                .contentLength((long) data.length).contentMD5(md5(data))
                .objectLockMode(lock.mode()).objectLockRetainUntilDate(until);
        if (c.getStorageClass() != null) {
            request.storageClass(c.getStorageClass());
        }
        if (c.isUseAwsKMS()) {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS);
            if (c.getAwsKMSKeyId() != null) {
                request.ssekmsKeyId(c.getAwsKMSKeyId());
            }
        }
        try {
            endpoint.getS3Client().putObject(request.build(), RequestBody.fromBytes(data));
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONFLICT) {
                return false;
            }
            if (e.statusCode() == FORBIDDEN) {
                throw new StoreReadOnlyException(location(), "the credentials may not write: "
                        + (e.awsErrorDetails() == null ? "403" : e.awsErrorDetails().errorCode()), e);
            }
            throw failure("write", key, e);
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
        Boolean honoured = headersHonoured;
        if (honoured == null) {
            // Some S3-compatible servers (S3Mock 4) take PutObjectRetention but ignore the lock headers of a PUT:
            // the first object written tells, and then each object gets its retention by a second request.
            honoured = retainUntil(key) != null;
            headersHonoured = honoured;
            if (!honoured) {
                LOG.warn("{} ignores the Object Lock headers of a PUT: each object's retention is set by a second"
                        + " request", location());
            }
        }
        if (!honoured) {
            try {
                setRetention(key, until);
            } catch (SdkException e) {
                throw failure("lock", key, e);
            }
        }
        return true;
    }

    /** PutObjectRetention, as it is: the caller says what a refusal means. */
    private void setRetention(String key, Instant until) {
        endpoint.getS3Client().putObjectRetention(b -> b.bucket(bucket).key(key)
                .retention(r -> r.mode(lock.mode().toString()).retainUntilDate(until)));
    }

    @Override
    public void extendLock(String key, Instant until) throws IOException {
        if (lock == null) {
            return;
        }
        try {
            setRetention(key, until);
        } catch (S3Exception e) {
            // Refused when it would shorten a longer retention (set by another machine): that one stands.
            Instant current = retainUntil(key);
            if (current == null || current.isBefore(until)) {
                throw failure("extend the Object Lock of", key, e);
            }
        } catch (SdkException e) {
            throw failure("extend the Object Lock of", key, e);
        }
    }

    @Override
    public void legalHold(String key, boolean on) throws IOException {
        if (lock == null) {
            return;
        }
        try {
            endpoint.getS3Client().putObjectLegalHold(b -> b.bucket(bucket).key(key)
                    .legalHold(h -> h.status(on ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF)));
        } catch (SdkException e) {
            throw failure(on ? "put a legal hold on" : "release the legal hold of", key, e);
        }
    }

    /** Whether an object has an S3 legal hold. */
    boolean legallyHeld(String key) throws IOException {
        try {
            var hold = endpoint.getS3Client().getObjectLegalHold(b -> b.bucket(bucket).key(key)).legalHold();
            return hold != null && hold.status() == ObjectLockLegalHoldStatus.ON;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND || e.statusCode() == 400) {
                return false;
            }
            throw failure("read the legal hold of", key, e);
        } catch (SdkException e) {
            throw failure("read the legal hold of", key, e);
        }
    }

    /** When an object's retention ends, or null when it has none. */
    Instant retainUntil(String key) throws IOException {
        try {
            var retention = endpoint.getS3Client().getObjectRetention(b -> b.bucket(bucket).key(key)).retention();
            return retention == null ? null : retention.retainUntilDate();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND || e.statusCode() == 400) {
                return null; // no retention configured for it (or no such object)
            }
            throw failure("read the Object Lock of", key, e);
        } catch (SdkException e) {
            throw failure("read the Object Lock of", key, e);
        }
    }

    private static String md5(byte[] data) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }

    private boolean putPlain(String key, byte[] data) throws IOException {
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
        if (lock != null && !unlocked(key)) {
            deleteLocked(key);
            return;
        }
        Exchange exchange = endpoint.createExchange();
        exchange.getIn().setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.deleteObject);
        exchange.getIn().setHeader(AWS2S3Constants.KEY, key);
        try {
            run(exchange, key);
        } catch (S3Exception e) {
            if (e.statusCode() == FORBIDDEN) {
                throw deleteDenied(key, e);
            }
            throw failure("delete", key, e);
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    /**
     * In an Object Lock bucket (always versioned) a plain DELETE would only hide a locked object behind a delete
     * marker, so the current version itself is deleted: S3 refuses while its retention lasts, and the object stays
     * whole and listed.
     */
    private void deleteLocked(String key) throws IOException {
        String version;
        try {
            version = endpoint.getS3Client().headObject(b -> b.bucket(bucket).key(key)).versionId();
        } catch (NoSuchKeyException e) {
            return;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return;
            }
            throw failure("look up", key, e);
        } catch (SdkException e) {
            throw failure("look up", key, e);
        }
        Instant until = retainUntil(key);
        if (until != null && until.isAfter(Instant.now())) {
            throw new ObjectLockedException(key, until, null);
        }
        if (legallyHeld(key)) {
            throw new ObjectLockedException(key, null, null);
        }
        try {
            endpoint.getS3Client().deleteObject(b -> b.bucket(bucket).key(key).versionId(version));
        } catch (S3Exception e) {
            if (e.statusCode() == FORBIDDEN || e.statusCode() == 400) {
                Instant now = retainUntil(key);
                if (now != null && now.isAfter(Instant.now()) || e.statusCode() == 400) {
                    throw new ObjectLockedException(key, now, e);
                }
                throw deleteDenied(key, e);
            }
            throw failure("delete", key, e);
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    /** A 403 on a delete: an append-only policy (README "3-2-1"), not a lock photovault can wait for. */
    private StoreException deleteDenied(String key, S3Exception e) {
        return new StoreException("the credentials for " + location() + " may not delete " + key + " (an append-only"
                + " policy): run forget and prune with credentials that may", e);
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
