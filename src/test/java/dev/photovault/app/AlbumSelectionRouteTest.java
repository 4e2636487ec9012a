package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.PhotosEndpoints;
import dev.photovault.googlephotos.api.RetryPolicy;
import dev.photovault.testing.TestData;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** backup.albums is a list: a title may contain a comma. */
class AlbumSelectionRouteTest extends BackupRouteTestSupport {

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        emulator.seed(4, 2, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 3);
        GooglePhotosClient client = new GooglePhotosClient(new PhotosEndpoints(emulator.apiUrl(), emulator.pickerUrl(),
                emulator.tokenUrl()), emulator.credentials().clientId(), emulator.credentials().clientSecret(),
                emulator.credentials().refreshToken(), RetryPolicy.GOOGLE);
        byte[] photo = TestData.sekienAkashita();
        for (String title : List.of("Summer, 2024", "Summer", "2024")) {
            String album = client.createAlbum(title).id();
            client.createMediaItems(album, List.of(new GooglePhotosClient.NewItem(client.upload(
                    new ByteArrayInputStream(photo), photo.length, "image/jpeg", "p.jpg"), "p.jpg", title)));
        }
        properties.put("backup.albums", "\"Summer, 2024\"");
    }

    @Test
    void aQuotedTitleWithACommaSelectsThatAlbumAlone() throws Exception {
        assertThat(fire("google-photos-backup").status()).isEqualTo("complete");
        Repository repository = repository();
        List<Entry> entries = repository.loadSnapshot(repository.resolveSnapshot("latest").id()).entries();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.albums()).containsExactly("Summer, 2024");
            assertThat(e.path()).isEqualTo("Summer, 2024/p.jpg");
        });
    }

    @Test
    void theSettingParsesQuotedAndPlainTitles() {
        assertThat(AlbumSelection.parse(" \"Summer, 2024\", Family ,,\"say \"\"cheese\"\"\"")).containsExactly(
                "Summer, 2024", "Family", "say \"cheese\"");
        assertThat(AlbumSelection.parse("")).isEmpty();
        assertThatThrownBy(() -> AlbumSelection.parse("\"open")).hasMessageContaining("unclosed double quote");
    }

    @Test
    void everyBackupRouteSharesOneErrorHandlingAndWritesNoVaultProperty() throws Exception {
        Path routes = Path.of("src/main/resources/routes");
        try (Stream<Path> files = Files.list(routes)) {
            for (Path file : files.toList()) {
                String yaml = Files.readString(file);
                if (!file.getFileName().toString().equals("backup-error-handling.yaml")) {
                    assertThat(yaml).as(file.toString()).doesNotContain("- onException:").doesNotContain("- errorHandler:");
                }
                assertThat(yaml).as(file.toString()).doesNotContainPattern("setProperty:\\s+name: CamelVault");
            }
        }
        for (String route : List.of("google-photos-backup", "picker-backup", "maintenance")) {
            assertThat(context.getRoute(route).getConfigurationId()).as(route).startsWith("photovault-backup,");
        }
    }
}
