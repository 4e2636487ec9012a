package dev.photovault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.S3ProxyServer;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.crypto.WrongPassphraseException;
import dev.photovault.vault.core.repository.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault component shares an open repository only with endpoints that bring the same credentials. */
class VaultComponentTrustTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondEndpointOnTheSameStoreWithAnotherPassphraseIsVerified() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepository.create(repo);
        Path right = Files.writeString(tmp.resolve("right"), TestRepository.PASSPHRASE + "\n");
        Path wrong = Files.writeString(tmp.resolve("wrong"), "not the passphrase\n");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            VaultEndpoint first = camel.getEndpoint("vault:list?store=file:" + repo + "&passwordFile=" + right,
                    VaultEndpoint.class);
            VaultEndpoint same = camel.getEndpoint("vault:check?store=file:" + repo + "&passwordFile=" + right,
                    VaultEndpoint.class);
            VaultEndpoint other = camel.getEndpoint("vault:check?store=file:" + repo + "&passwordFile=" + wrong,
                    VaultEndpoint.class);
            VaultComponent component = first.getComponent();
            Repository opened = component.repository(first.getConfiguration());
            assertThat(component.repository(same.getConfiguration())).isSameAs(opened);
            assertThatThrownBy(() -> component.repository(other.getConfiguration()))
                    .isInstanceOf(WrongPassphraseException.class).hasMessageContaining("wrong passphrase");
            VaultEndpoint inline = camel.getEndpoint("vault:check?store=file:" + repo + "&password=RAW(guess)",
                    VaultEndpoint.class);
            assertThatThrownBy(() -> component.repository(inline.getConfiguration()))
                    .isInstanceOf(WrongPassphraseException.class).hasMessageNotContaining("guess");
        }
    }

    @Test
    void theS3StoreUsesAnEndpointOfItsOwnAndClosesWithTheComponent() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer(); DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            String uri = s3.camelUri("shared");
            AWS2S3Endpoint users = camel.getEndpoint(uri, AWS2S3Endpoint.class);
            boolean conditional = users.getConfiguration().isConditionalWritesEnabled();
            boolean multipart = users.getConfiguration().isMultiPartUpload();
            users.getConfiguration().setMultiPartUpload(true);

            camel.getComponent("vault", VaultComponent.class).getConfiguration().setStore(uri);
            VaultEndpoint vault = camel.getEndpoint("vault:list", VaultEndpoint.class);
            S3ObjectStore store = (S3ObjectStore) vault.getComponent().store(vault.getConfiguration());
            store.putIfAbsent("snapshots/x", new byte[] {1});
            assertThat(users.getConfiguration().isConditionalWritesEnabled()).isEqualTo(conditional);
            assertThat(users.getConfiguration().isMultiPartUpload()).isTrue();
            assertThat(camel.getEndpoints()).doesNotContain(store.endpoint());
            assertThat(multipart).isFalse();

            camel.stop();
            assertThat(store.endpoint().isStopped() || store.endpoint().isShutdown()).isTrue();
        }
    }
}
