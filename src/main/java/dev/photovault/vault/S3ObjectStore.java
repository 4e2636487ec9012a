package dev.photovault.vault;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectLockedException;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import dev.photovault.vault.core.store.ObjectStore;
import dev.photovault.vault.core.store.StoreException;
import dev.photovault.vault.core.store.StoreReadOnlyException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.support.service.ServiceHelper;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A repository in an S3 bucket, reached through a Camel {@code aws2-s3:} endpoint: the endpoint's URI options
 * (credentials, region, endpoint override, path style, storage class, KMS, customer keys) apply to every object,
 * and every request goes through the endpoint's S3 client. Writes are conditional puts ({@code If-None-Match: *}),
 * so an existing key is never overwritten. Every request attempt has a deadline ({@code requestTimeout} on the store
 * URI, default 5 minutes, besides the client's 30 s without a byte): a stalled transfer is abandoned and tried again,
 * up to {@link #ATTEMPTS} times with backoff, as are reset connections and 5xx answers.
 */
final class S3ObjectStore implements ObjectStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(S3ObjectStore.class);
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;

    /** Tries of one request: the client's own retries count among them. */
    static final int ATTEMPTS = 5;
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final AWS2S3Endpoint endpoint;
    private final String bucket;
    private final AwsRequestOverrideConfiguration deadline;
    private final ObjectLock lock;
    /** Whether the server keeps the Object Lock headers of a PUT; null until the first locked write tells. */
    private volatile Boolean headersHonoured;

    S3ObjectStore(AWS2S3Endpoint endpoint) throws Exception {
        this(endpoint, null, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * @param lock           the Object Lock every object but a lock gets, or null
     * @param requestTimeout the longest one attempt of one request may take
     */
    S3ObjectStore(AWS2S3Endpoint endpoint, ObjectLock lock, Duration requestTimeout) throws Exception {
        this.endpoint = endpoint;
        this.lock = lock;
        this.deadline = AwsRequestOverrideConfiguration.builder().apiCallAttemptTimeout(requestTimeout)
                .apiCallTimeout(requestTimeout.multipliedBy(ATTEMPTS).plusSeconds(60)).build();
        ServiceHelper.startService(endpoint);
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
        if (!put(key, data, PutObjectRequest.builder().contentMD5(md5(data)).objectLockMode(lock.mode())
                .objectLockRetainUntilDate(until))) {
            return false;
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
        return put(key, data, PutObjectRequest.builder());
    }

    /**
     * A conditional PUT with the endpoint's storage class, KMS and customer-key options. @return false if the key
     * exists (412), or another writer is writing it (409: keys are content addresses or unique ids, so it writes
     * the same bytes); a retried PUT whose first try did land also answers 412
     */
    private boolean put(String key, byte[] data, PutObjectRequest.Builder request) throws IOException {
        var c = endpoint.getConfiguration();
        request.bucket(bucket).key(key).ifNoneMatch("*").contentLength((long) data.length)
                .overrideConfiguration(deadline);
        if (c.getStorageClass() != null) {
            request.storageClass(c.getStorageClass());
        }
        if (c.isUseAwsKMS()) {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS);
            if (c.getAwsKMSKeyId() != null) {
                request.ssekmsKeyId(c.getAwsKMSKeyId());
            }
        }
        if (c.isUseCustomerKey()) {
            request.sseCustomerKey(c.getCustomerKeyId()).sseCustomerKeyMD5(c.getCustomerKeyMD5())
                    .sseCustomerAlgorithm(c.getCustomerAlgorithm());
        }
        try {
            retrying("write", key, () -> endpoint.getS3Client().putObject(request.build(), RequestBody.fromBytes(data)));
            return true;
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
    }

    @Override
    public byte[] get(String key) throws IOException {
        return read(key, null);
    }

    /** One ranged GET ({@code Range: bytes=offset-end}); S3 answers an empty range past the end with 416. */
    @Override
    public byte[] getRange(String key, long offset, int length) throws IOException {
        return length == 0 ? new byte[0] : read(key, "bytes=" + offset + "-" + (offset + length - 1));
    }

    /** A GET of the whole object ({@code range} null) or of a byte range, with the endpoint's customer key. */
    private byte[] read(String key, String range) throws IOException {
        var c = endpoint.getConfiguration();
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key).range(range)
                .overrideConfiguration(deadline);
        if (c.isUseCustomerKey()) {
            request.sseCustomerKey(c.getCustomerKeyId()).sseCustomerKeyMD5(c.getCustomerKeyMD5())
                    .sseCustomerAlgorithm(c.getCustomerAlgorithm());
        }
        try {
            // The whole body is read inside the attempt, so a transfer cut off or stalled half-way is tried again.
            return retrying("read", key, () -> endpoint.getS3Client().getObjectAsBytes(request.build())).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw new ObjectNotFoundException(key);
            }
            if (range != null && e.statusCode() == 416) {
                return new byte[0];
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    /**
     * Runs a request, again after a failure that did not come from S3's answer (a reset connection, a timeout)
     * or after a 5xx, with exponential backoff, up to {@link #ATTEMPTS} tries in all (the SDK retries some of these
     * itself; those count as one try here, which is harmless). Logs each retry at WARN without credentials.
     */
    private <T> T retrying(String what, String key, java.util.function.Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (S3Exception e) {
                if (e.statusCode() < 500 || attempt >= ATTEMPTS) {
                    throw e;
                }
                pause(what, key, attempt, e);
            } catch (SdkException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                pause(what, key, attempt, e);
            }
        }
    }

    private void pause(String what, String key, int attempt, SdkException e) {
        long millis = Math.min(8_000, 250L << (attempt - 1));
        LOG.warn("could not {} {} in {} (try {} of {}, again in {} ms): {}", what, key, location(), attempt, ATTEMPTS,
                millis, e.getMessage());
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(millis / 2, millis + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            retrying("look up", key, () -> endpoint.getS3Client().headObject(b -> b.bucket(bucket).key(key)
                    .overrideConfiguration(deadline)));
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
            String token = null;
            do {
                String after = token;
                ListObjectsV2Response page = retrying("list", prefix, () -> endpoint.getS3Client().listObjectsV2(b -> b
                        .bucket(bucket).prefix(prefix).continuationToken(after).overrideConfiguration(deadline)));
                for (S3Object o : page.contents()) {
                    found.add(new ObjectInfo(o.key(), o.size(), o.lastModified()));
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
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
        try {
            retrying("delete", key, () -> endpoint.getS3Client().deleteObject(b -> b.bucket(bucket).key(key)
                    .overrideConfiguration(deadline)));
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

    /** Stops the store's own endpoint (the S3 client with it). */
    @Override
    public void close() {
        ServiceHelper.stopAndShutdownServices(endpoint);
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

    private IOException failure(String what, String key, SdkException e) {
        return new IOException("could not " + what + " " + key + " in " + location() + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return location();
    }
}
