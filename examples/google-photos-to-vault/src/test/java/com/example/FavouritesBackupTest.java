package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.emulator.junit.GooglePhotosEmulatorExtension;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Snapshot;
import dev.photovault.vault.core.store.LocalObjectStore;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Our route, tested against the Google Photos emulator: no Google account, real HTTP, a real vault. */
@ExtendWith(GooglePhotosEmulatorExtension.class)
class FavouritesBackupTest extends CamelMainTestSupport {

    static final Path VAULT = Path.of("target", "vault-" + System.nanoTime());

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = GooglePhotosEmulatorExtension.properties();
        p.put("camel.component.vault.store", "file:" + VAULT.toAbsolutePath());
        p.put("camel.component.vault.password", "example passphrase");
        p.put("camel.component.vault.initialize", "true");
        p.put("favourites.album", "Summer 2019");
        return p;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("classpath:routes/*.yaml");
    }

    @Test
    void backsUpTheAlbumIntoTheVault(GooglePhotosEmulator emulator) throws Exception {
        emulator.seed(6, 2, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 1);
        template.sendBody("direct:favourites-backup", null);

        Repository vault = Repository.open(new LocalObjectStore(VAULT), "example passphrase".toCharArray());
        Snapshot snapshot = vault.loadSnapshot(vault.resolveSnapshot("latest").id());
        assertEquals("favourites", snapshot.header().paths().get(0));
        assertTrue(snapshot.entries().size() > 0, "the album's items are in the snapshot");
        assertTrue(snapshot.entries().stream().allMatch(e -> e.albums().contains("Summer 2019")));
        // The content is in the vault (small photos are packed, so look it up rather than at chunks/).
        assertTrue(vault.readChunk(snapshot.entries().get(0).chunks().get(0)).length > 0);
    }
}
