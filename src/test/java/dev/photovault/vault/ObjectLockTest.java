package dev.photovault.vault;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.S3MockServer;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.pruner.PruneResult;
import dev.photovault.vault.core.pruner.Pruner;
import dev.photovault.vault.core.pruner.RetentionPolicy;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.store.ObjectLockedException;
import dev.photovault.vault.core.store.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 Object Lock against S3Mock, a real S3 server that keeps and enforces retention: what photovault writes carries
 * the retention (asserted with GetObjectRetention), reused chunks are extended so that a locked snapshot is always
 * whole, and forget and prune keep what is locked — reported, not an error — and delete it once the lock passed.
 * The lock period is a few seconds (objectLockDays is a decimal) so that the test can watch locks end.
 */
class ObjectLockTest {

    /** 0.0002 days: 17.28 s for a snapshot, 25.92 s for chunks. */
    static final String DAYS = "0.0002";
    static final Duration PERIOD = Duration.ofMillis(17_280);

    static S3MockServer s3;
    static DefaultCamelContext camel;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3MockServer();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.stop();
        s3.close();
    }

    private static Map<String, ObjectLockRetention> retentions(S3Client c, String bucket) {
        Map<String, ObjectLockRetention> out = new HashMap<>();
        for (S3Object o : c.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            try {
                out.put(o.key(), c.getObjectRetention(b -> b.bucket(bucket).key(o.key())).retention());
            } catch (S3Exception e) {
                out.put(o.key(), null);
            }
        }
        return out;
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    @Test
    void everyObjectIsLockedReusedChunksAreExtendedAndForgetAndPruneWaitForTheLocks() throws Exception {
        s3.createLockedBucket("locked");
        ObjectStore store = StoreEndpoints.open(camel, s3.camelUri("locked", "objectLock=GOVERNANCE&objectLockDays=" + DAYS));
        assertThat(store.lockPeriod()).isEqualTo(PERIOD);
        Repository repo = Repository.init(store, TestRepository.PASSPHRASE.toCharArray(), TestRepository.CHEAP_KDF,
                new ChunkerParams(4096, 16384, 65536, 1));
        Path photos = tmp.resolve("photos");
        // Small chunks: all packed (sea.jpg the larger part of the pack, so that prune repacks it once it goes).
        write(photos.resolve("Summer/beach.jpg"), randomBytes(80_000, 1));
        write(photos.resolve("Summer/sea.jpg"), randomBytes(120_000, 2));
        Instant t0 = Instant.now();
        String first = new Archiver(repo, BackupOptions.defaults(), new Progress()).backup(List.of(photos)).snapshotId();

        try (S3Client c = s3.client()) {
            Map<String, ObjectLockRetention> locks = retentions(c, "locked");
            assertThat(locks.keySet()).anyMatch(k -> k.startsWith("packs/")).anyMatch(k -> k.startsWith("index/"))
                    .contains("config", "snapshots/" + first).anyMatch(k -> k.startsWith("keys/"));
            Instant snapshotUntil = locks.get("snapshots/" + first).retainUntilDate();
            assertThat(snapshotUntil).isBetween(t0.plus(PERIOD), Instant.now().plus(PERIOD));
            locks.forEach((key, r) -> {
                if (key.startsWith("locks/")) {
                    assertThat(r).as(key + ": locks are removed, never locked").isNull();
                } else {
                    assertThat(r).as(key).isNotNull();
                    assertThat(r.modeAsString()).as(key).isEqualTo("GOVERNANCE");
                    // Every chunk outlives the snapshot that names it.
                    assertThat(r.retainUntilDate()).as(key).isAfterOrEqualTo(key.startsWith("snapshots/")
                            ? snapshotUntil : snapshotUntil.plus(Duration.ofSeconds(5)));
                }
            });

            // S3Mock does not refuse deleting a locked version (real S3 does): photovault reads the retention first.
            String chunk = locks.keySet().stream().filter(k -> k.startsWith("packs/")).findFirst().orElseThrow();
            assertThatThrownBy(() -> store.delete(chunk)).isInstanceOf(ObjectLockedException.class)
                    .hasMessageContaining("locked until");
            assertThat(c.headObject(b -> b.bucket("locked").key(chunk)).contentLength()).isPositive();

            // sea.jpg goes; the second snapshot reuses beach.jpg's chunks (no extension needed yet).
            Files.delete(photos.resolve("Summer/sea.jpg"));
            new Archiver(repo, BackupOptions.defaults(), new Progress()).backup(List.of(photos));
            RetentionPolicy keepLast = new RetentionPolicy(1, 0, 0, 0, 0, ZoneId.of("UTC"));
            List<RetentionPolicy.Decision> forget = new Pruner(repo).forget(keepLast, false);
            assertThat(forget).filteredOn(d -> d.snapshot().id().equals(first)).singleElement()
                    .satisfies(d -> assertThat(d.keep()).isTrue())
                    .satisfies(d -> assertThat(d.reasons()).singleElement().asString().startsWith("locked until"));
            assertThat(repo.listSnapshots()).hasSize(2);

            // Once its lock has passed it goes; sea.jpg's chunks are still locked (a period and a half): kept.
            sleepUntil(snapshotUntil.plusSeconds(1));
            forget = new Pruner(repo).forget(keepLast, false);
            assertThat(forget).filteredOn(d -> !d.keep()).extracting(d -> d.snapshot().id()).containsExactly(first);
            PruneResult pruned = new Pruner(repo).prune(Duration.ZERO, false);
            assertThat(pruned.chunksDeleted()).isZero();
            assertThat(pruned.chunksLocked()).isPositive();
            assertThat(new Checker(repo, 2, new Progress()).check(true, 1.0, null).errors()).isEmpty();

            // A third snapshot now needs beach.jpg's chunks locked longer than they are: they are extended.
            String third = new Archiver(repo, BackupOptions.defaults(), new Progress()).backup(List.of(photos)).snapshotId();
            Instant thirdUntil = c.getObjectRetention(b -> b.bucket("locked").key("snapshots/" + third)).retention()
                    .retainUntilDate();
            for (Entry e : repo.loadSnapshot(third).entries()) {
                for (String id : e.chunks()) {
                    String object = repo.objectOf(id);
                    Instant until = c.getObjectRetention(b -> b.bucket("locked").key(object))
                            .retention().retainUntilDate();
                    assertThat(until).as(id).isAfterOrEqualTo(thirdUntil);
                }
            }

            // After their own lock sea.jpg's chunks still stay: they share a pack with beach.jpg's, whose lock the
            // third snapshot extended, so the pack can be neither deleted nor repacked until that lock passes.
            sleepUntil(t0.plus(PERIOD).plus(PERIOD.dividedBy(2)).plusSeconds(4));
            PruneResult later = new Pruner(repo).prune(Duration.ZERO, false);
            assertThat(later.chunksDeleted()).isZero();
            assertThat(later.chunksLocked()).isPositive();
            assertThat(later.lockedUntil()).isAfter(Instant.now());
            assertThat(new Checker(repo, 2, new Progress()).check(true, 1.0, null).errors()).isEmpty();
        }
        store.close();
    }

    @Test
    void aHoldPutsAnS3LegalHoldOnTheSnapshotAndItsChunksUntilReleased() throws Exception {
        s3.createLockedBucket("held");
        ObjectStore store = StoreEndpoints.open(camel, s3.camelUri("held", "objectLock=GOVERNANCE&objectLockDays=0.00002"));
        Repository repo = Repository.init(store, TestRepository.PASSPHRASE.toCharArray(), TestRepository.CHEAP_KDF,
                new ChunkerParams(4096, 16384, 65536, 1));
        Path photos = tmp.resolve("photos");
        write(photos.resolve("a.jpg"), randomBytes(60_000, 7));
        String id = new Archiver(repo, BackupOptions.defaults(), new Progress()).backup(List.of(photos)).snapshotId();
        repo.hold(id, "court order");
        List<String> keys = new java.util.ArrayList<>(List.of("snapshots/" + id));
        for (var e : repo.loadSnapshot(id).entries()) {
            for (String c : e.chunks()) {
                if (!keys.contains(repo.objectOf(c))) {
                    keys.add(repo.objectOf(c)); // its own object, or its pack
                }
            }
        }
        try (S3Client c = s3.client()) {
            for (String key : keys) {
                assertThat(c.getObjectLegalHold(b -> b.bucket("held").key(key)).legalHold().statusAsString())
                        .as(key).isEqualTo("ON");
            }
            Thread.sleep(3_000); // the retention (under 2 s) has passed: only the legal hold keeps it now
            assertThatThrownBy(() -> store.delete("snapshots/" + id)).isInstanceOf(ObjectLockedException.class)
                    .hasMessageContaining("legal hold");
            assertThat(repo.holds()).containsOnlyKeys(id);
            assertThat(repo.release(id)).isTrue();
            for (String key : keys) {
                assertThat(c.getObjectLegalHold(b -> b.bucket("held").key(key)).legalHold().statusAsString())
                        .as(key).isEqualTo("OFF");
            }
        }
        store.delete("snapshots/" + id);
        assertThat(repo.listSnapshots()).isEmpty();
        store.close();
    }

    @Test
    void aBucketWithoutObjectLockIsRefusedInOneLine() throws Exception {
        try (S3Client c = s3.client()) {
            c.createBucket(b -> b.bucket("plain"));
        }
        assertThatThrownBy(() -> StoreEndpoints.open(camel, s3.camelUri("plain", "objectLock=COMPLIANCE&objectLockDays=30")))
                .isInstanceOf(VaultException.class).hasMessageContaining("does not have Object Lock enabled")
                .hasMessageNotContaining("mock-secret");
        assertThatThrownBy(() -> StoreEndpoints.open(camel, s3.camelUri("plain", "objectLock=FOREVER&objectLockDays=3")))
                .hasMessageContaining("GOVERNANCE or COMPLIANCE");
        assertThatThrownBy(() -> StoreEndpoints.open(camel, s3.camelUri("plain", "objectLock=GOVERNANCE")))
                .hasMessageContaining("objectLockDays=N");
        assertThatThrownBy(() -> StoreEndpoints.open(camel, "file:" + tmp + "?objectLock=GOVERNANCE&objectLockDays=1"))
                .hasMessageContaining("file: store cannot lock");
    }
}
