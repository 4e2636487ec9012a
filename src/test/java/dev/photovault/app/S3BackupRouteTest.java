package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.testing.S3ProxyServer;
import dev.photovault.vault.core.snapshot.Entry;
import java.util.List;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** google-photos-backup.yaml into S3 (S3Proxy, a real S3 server) through the aws2-s3 component. */
class S3BackupRouteTest extends BackupRouteTestSupport {

    static final int ITEMS = 16;
    static S3ProxyServer s3;

    List<String> ids;

    @Override
    String store() {
        try {
            if (s3 == null) {
                s3 = new S3ProxyServer();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return s3.camelUri("photovault-" + Long.toHexString(System.nanoTime()));
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        ids = emulator.seed(ITEMS, 2, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 11);
    }


    @Test
    void backsUpIntoS3RestoresBitIdenticalAndSkipsUnchangedItems() throws Exception {
        RunOutcome first = fire("google-photos-backup");
        assertThat(first.status()).as(String.valueOf(first)).isEqualTo("complete");
        List<Entry> entries = entries();
        assertThat(entries).hasSize(ITEMS);

        assertSameAsEmulator(entries);

        long media = mediaRequests();
        RunOutcome second = fire("google-photos-backup");
        assertThat(second.status()).isEqualTo("complete");
        assertThat(mediaRequests()).isEqualTo(media);
        assertThat(second.report()).contains("\"bytesWritten\":0").contains("\"itemsReused\":" + ITEMS);
        assertThat(entries()).hasSize(ITEMS);

        // The weekly check reads the S3 repository back and finds it whole.
        Exchange check = template.request("vault:check?readDataSubset=1", x -> { });
        assertThat(check.getException()).isNull();
        assertThat(check.getMessage().getBody(String.class)).contains("\"errors\":[]");
    }
}
