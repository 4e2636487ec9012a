package dev.photovault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.S3ProxyServer;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import dev.photovault.vault.core.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The aws2-s3 store against S3Proxy: conditional writes, reads, paged listings, deletes. */
class S3ObjectStoreTest {

    static S3ProxyServer s3;
    static DefaultCamelContext camel;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.stop();
        s3.close();
    }

    private static ObjectStore store(String bucket) throws Exception {
        return StoreEndpoints.open(camel, s3.camelUri(bucket));
    }

    @Test
    void neverOverwritesAnExistingKey() throws Exception {
        ObjectStore store = store("conditional");
        assertThat(store.putIfAbsent("snapshots/a", "first".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(store.putIfAbsent("snapshots/a", "second".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(new String(store.get("snapshots/a"), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(store.exists("snapshots/a")).isTrue();
        assertThat(store.exists("snapshots/b")).isFalse();
    }

    @Test
    void readsWhatItWroteAndSaysWhatIsMissing() throws Exception {
        ObjectStore store = store("roundtrip");
        byte[] data = TestRepository.randomBytes(3 * 1024 * 1024 + 17, 3);
        store.putIfAbsent("chunks/ab/abcdef", data);
        assertThat(store.get("chunks/ab/abcdef")).isEqualTo(data);
        assertThatThrownBy(() -> store.get("chunks/ab/none")).isInstanceOf(ObjectNotFoundException.class);
        store.delete("chunks/ab/abcdef");
        assertThat(store.exists("chunks/ab/abcdef")).isFalse();
        store.delete("chunks/ab/abcdef"); // deleting what is gone is fine
        assertThat(store.location()).startsWith("s3://roundtrip").doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    void listsPastOneThousandKeysInKeyOrder() throws Exception {
        ObjectStore store = store("listing");
        for (int i = 0; i < 1100; i++) {
            store.putIfAbsent(String.format("index/%05d", i), new byte[] {(byte) i});
        }
        store.putIfAbsent("keys/other", new byte[1]);
        List<ObjectInfo> listed = store.list("index/");
        assertThat(listed).hasSize(1100);
        assertThat(listed.get(0).key()).isEqualTo("index/00000");
        assertThat(listed.get(1099).key()).isEqualTo("index/01099");
        assertThat(listed.get(5).size()).isEqualTo(1);
        assertThat(listed.get(5).lastModified()).isNotNull();
    }
}
