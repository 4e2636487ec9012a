package dev.photovault.vault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CryptoTest {

    private final MasterKeys keys = MasterKeys.generate();
    private final ChunkSealer sealer = new ChunkSealer(keys);

    @Test
    void chunkRoundTripsAndCarriesNonceAndTag() {
        byte[] data = "a photo's bytes".getBytes(StandardCharsets.UTF_8);
        String id = sealer.idOf(data, 0, data.length);
        byte[] sealed = sealer.seal(id, data, 0, data.length);
        assertThat(sealed).hasSize(data.length + Aead.OVERHEAD);
        assertThat(sealer.open(id, sealed)).isEqualTo(data);
    }

    @Test
    void equalContentGetsEqualIdsOnlyUnderTheSameKey() {
        byte[] data = {1, 2, 3};
        assertThat(sealer.idOf(data, 0, 3)).isEqualTo(sealer.idOf(data.clone(), 0, 3)).hasSize(64);
        assertThat(new ChunkSealer(MasterKeys.generate()).idOf(data, 0, 3)).isNotEqualTo(sealer.idOf(data, 0, 3));
    }

    @Test
    void aFlippedBitIsDetected() {
        byte[] data = new byte[1000];
        String id = sealer.idOf(data, 0, data.length);
        byte[] sealed = sealer.seal(id, data, 0, data.length);
        sealed[500] ^= 1;
        assertThatThrownBy(() -> sealer.open(id, sealed)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("chunk " + id);
    }

    @Test
    void aChunkStoredUnderAnotherIdIsDetected() {
        byte[] a = {1};
        byte[] b = {2};
        String idA = sealer.idOf(a, 0, 1);
        String idB = sealer.idOf(b, 0, 1);
        byte[] sealedA = sealer.seal(idA, a, 0, 1);
        assertThatThrownBy(() -> sealer.open(idB, sealedA)).isInstanceOf(IntegrityException.class);
    }

    @Test
    void openingAgreesWithTheJdksGcmDecryptionForEverySize() throws Exception {
        byte[] key = Aead.randomBytes(32);
        byte[] aad = {7, 7};
        for (int size : new int[] {0, 1, 15, 16, 17, 4095, 4096, 4097, 8192, 100_000, 1 << 20}) {
            byte[] data = Aead.randomBytes(size);
            byte[] sealed = Aead.seal(key, aad, data);
            javax.crypto.Cipher jdk = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, sealed, 0, 12));
            jdk.updateAAD(aad);
            assertThat(jdk.doFinal(sealed, 12, sealed.length - 12)).as("size %d", size).isEqualTo(data);
            assertThat(Aead.open(key, aad, sealed, "x")).as("size %d", size).isEqualTo(data);
            for (int flip : new int[] {0, 12, sealed.length / 2, sealed.length - 1}) {
                byte[] damaged = sealed.clone();
                damaged[flip] ^= 0x10;
                assertThatThrownBy(() -> Aead.open(key, aad, damaged, "x")).as("size %d flip %d", size, flip)
                        .isInstanceOf(IntegrityException.class);
            }
            assertThatThrownBy(() -> Aead.open(key, new byte[] {7, 8}, sealed, "x")).isInstanceOf(IntegrityException.class);
        }
    }

    @Test
    void theSameChunkOpensTwiceInARowOnOneThread() {
        // Opening re-seals under the stored nonce; the JDK refuses a second encryption with the same key and nonce
        // on one cipher object, which a thread's kept cipher must survive (a file that repeats a piece).
        byte[] data = Aead.randomBytes(5000);
        String id = sealer.idOf(data, 0, data.length);
        byte[] sealed = sealer.seal(id, data, 0, data.length);
        for (int i = 0; i < 3; i++) {
            assertThat(sealer.open(id, sealed)).isEqualTo(data);
        }
    }

    @Test
    void twoRepositoriesKeysAlternateOnOneThread() {
        ChunkSealer other = new ChunkSealer(MasterKeys.generate());
        byte[] data = Aead.randomBytes(3000);
        String id = sealer.idOf(data, 0, data.length);
        String otherId = other.idOf(data, 0, data.length);
        assertThat(otherId).isNotEqualTo(id);
        for (int i = 0; i < 3; i++) {
            byte[] mine = sealer.seal(id, data, 0, data.length);
            byte[] theirs = other.seal(otherId, data, 0, data.length);
            assertThat(sealer.open(id, mine)).isEqualTo(data);
            assertThat(other.open(otherId, theirs)).isEqualTo(data);
            assertThatThrownBy(() -> sealer.open(otherId, theirs)).isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> other.open(id, mine)).isInstanceOf(IntegrityException.class);
            assertThat(sealer.idOf(data, 0, data.length)).isEqualTo(id);
        }
    }

    @Test
    void threadsSealAndOpenAtOnceWithoutSharingState() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    for (int i = 0; i < 200; i++) {
                        byte[] data = new byte[random.nextInt(20_000)];
                        random.nextBytes(data);
                        String id = sealer.idOf(data, 0, data.length);
                        byte[] sealed = sealer.seal(id, data, 0, data.length);
                        assertThat(sealer.open(id, sealed)).isEqualTo(data);
                        assertThat(id).isEqualTo(new ChunkSealer(keys).idOf(data, 0, data.length));
                    }
                    return 200;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChunkThatFailsAuthenticationLeavesTheThreadsCiphersFitForTheNext() {
        byte[] data = Aead.randomBytes(9000);
        String id = sealer.idOf(data, 0, data.length);
        byte[] sealed = sealer.seal(id, data, 0, data.length);
        byte[] damaged = sealed.clone();
        damaged[damaged.length - 1] ^= 1;
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> sealer.open(id, damaged)).isInstanceOf(IntegrityException.class);
            assertThat(sealer.open(id, sealed)).isEqualTo(data);
        }
    }

    @Test
    void aPassphrasesKeyEncryptionKeyIsNotKeptByTheThreadsCiphers() {
        KdfParams cheap = new KdfParams(1024, 1, 1);
        KeyWrapper.Wrapped wrapped = KeyWrapper.wrap(keys, "right".toCharArray(), cheap);
        byte[] kek = PassphraseKdf.derive("right".toCharArray(), wrapped.salt(), cheap);
        assertThat(ThreadCiphers.current().holds(kek)).isFalse();
        assertThat(KeyWrapper.unwrap(wrapped, "right".toCharArray(), "key")).isPresent();
        assertThat(ThreadCiphers.current().holds(kek)).isFalse();
        // the repository's own key, used for every chunk, stays kept
        byte[] data = {1, 2, 3};
        sealer.open(sealer.idOf(data, 0, 3), sealer.seal(sealer.idOf(data, 0, 3), data, 0, 3));
        assertThat(ThreadCiphers.current().holds(keys.encryptionKey())).isTrue();
    }

    @Test
    void aTruncatedObjectIsDetected() {
        assertThatThrownBy(() -> sealer.open("00".repeat(32), new byte[10]))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("truncated");
    }

    @Test
    void aBlobOfOneKindCannotBeReadAsAnother() {
        BlobSealer blobs = new BlobSealer(keys);
        byte[] sealed = blobs.seal(BlobSealer.Kind.INDEX, new byte[] {42});
        assertThat(blobs.open(BlobSealer.Kind.INDEX, sealed, "x")).containsExactly(42);
        assertThatThrownBy(() -> blobs.open(BlobSealer.Kind.SNAPSHOT, sealed, "x")).isInstanceOf(IntegrityException.class);
    }

    @Test
    void wrappedKeysOpenOnlyWithTheirPassphrase() {
        KdfParams cheap = new KdfParams(1024, 1, 1);
        KeyWrapper.Wrapped wrapped = KeyWrapper.wrap(keys, "right".toCharArray(), cheap);
        MasterKeys opened = KeyWrapper.unwrap(wrapped, "right".toCharArray(), "key").orElseThrow();
        assertThat(opened.encode()).isEqualTo(keys.encode());
        assertThat(KeyWrapper.unwrap(wrapped, "wrong".toCharArray(), "key")).isEmpty();
    }

    @Test
    void aDamagedWrappedKeyIsToldApartFromAWrongPassphrase() {
        KdfParams cheap = new KdfParams(1024, 1, 1);
        KeyWrapper.Wrapped wrapped = KeyWrapper.wrap(keys, "right".toCharArray(), cheap);
        byte[] data = wrapped.data().clone();
        data[20] ^= 1;
        KeyWrapper.Wrapped damaged = new KeyWrapper.Wrapped(wrapped.kdf(), wrapped.salt(), data, wrapped.check());
        assertThat(KeyWrapper.unwrap(damaged, "wrong".toCharArray(), "keys/x")).isEmpty();
        assertThatThrownBy(() -> KeyWrapper.unwrap(damaged, "right".toCharArray(), "keys/x"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("keys/x is damaged")
                .hasMessageContaining("passphrase is right");
    }

    @Test
    void kdfParametersAreBoundedWithAMessageNamingTheRange() {
        assertThatThrownBy(() -> new KdfParams(100_000_000, 1, 1)).hasMessageContaining("memory 100000000 KiB is out of range");
        assertThatThrownBy(() -> new KdfParams(1024, 1_000_000, 1)).hasMessageContaining("iterations 1000000 is out of range");
        assertThatThrownBy(() -> new KdfParams(1024 * 1024, 64, 1)).hasMessageContaining("more work than photovault allows");
        assertThatThrownBy(() -> KdfParams.check(100_000_000L * 1024, 1, 1)).hasMessageContaining("out of range");
    }

    @Test
    void argon2idMatchesTheReferenceImplementation() {
        // Expected value from the reference C implementation (Debian's argon2 CLI):
        // echo -n password | argon2 somesalt -id -t 3 -k 32 -p 4 -l 32
        byte[] out = PassphraseKdf.derive("password".toCharArray(), "somesalt".getBytes(StandardCharsets.US_ASCII),
                new KdfParams(32, 3, 4));
        assertThat(HexFormat.of().formatHex(out))
                .isEqualTo("bb0cc80a3e671149526915418c6eefe761bb19d5d2d567a017703e0cea6ab05c");
    }

    @Test
    void secretsStayOutOfToString() {
        String hexKey = HexFormat.of().formatHex(keys.encryptionKey());
        assertThat(keys.toString()).doesNotContain(hexKey).contains("redacted");
        assertThat(sealer.toString()).doesNotContain(hexKey);
        assertThat(new BlobSealer(keys).toString()).doesNotContain(hexKey);
        KeyWrapper.Wrapped wrapped = KeyWrapper.wrap(keys, "pw".toCharArray(), new KdfParams(1024, 1, 1));
        assertThat(wrapped.toString()).doesNotContain(HexFormat.of().formatHex(wrapped.salt()));
    }
}
