package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.vault.CamelStores;
import dev.photovault.vault.core.VaultException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a careless or hostile configuration of accounts, stores and clusters gets: one line, before any work. */
class AccountsTest {

    @TempDir
    Path dir;

    private Settings settings(String... pairs) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            overrides.put(pairs[i], pairs[i + 1]);
        }
        return Settings.load(null, overrides);
    }

    @Test
    void accountNamesThatCouldEscapeAFileOrARouteAreRefused() {
        for (String name : new String[] {"../etc", "Alice", "bob smith", "a/b", "-x", "x".repeat(41)}) {
            assertThatThrownBy(() -> Accounts.from(settings("accounts", name))).as(name)
                    .isInstanceOf(VaultException.class).hasMessageContaining("is not an account name");
        }
        assertThatThrownBy(() -> Accounts.from(settings("accounts", "bob, bob")))
                .hasMessage("accounts: bob is named twice");
    }

    @Test
    void anAccountWithoutARefreshTokenSaysWhereItLookedAndWhatToRun() throws Exception {
        Path secrets = dir.resolve("bob.properties");
        assertThatThrownBy(() -> Accounts.from(settings("accounts", "bob", "account.bob.secrets-file", secrets.toString())))
                .hasMessageContaining("the account bob has no refresh token").hasMessageContaining(secrets.toString())
                .hasMessageContaining("ACCOUNT_BOB_REFRESH_TOKEN").hasMessageContaining("photovault auth --account bob");

        Files.writeString(secrets, "google-photos.refresh-token=the-token\ngoogle-photos.client-secret=the-secret\n");
        Accounts.Account bob = Accounts.from(settings("accounts", "bob", "account.bob.secrets-file", secrets.toString(),
                "account.bob.cron", "0 0 4 * * ?")).get(0);
        assertThat(bob.label()).isEqualTo("bob");
        assertThat(bob.cron()).isEqualTo("0 0 4 * * ?");
        assertThat(bob.routeId()).isEqualTo("google-photos-backup-bob");
        assertThat(bob.toString()).doesNotContain("the-token").doesNotContain("the-secret");
    }

    @Test
    void aRequestTimeoutThatIsNoDurationIsOneLine() {
        for (String bad : new String[] {"soon", "-5s", "0", "PTX"}) {
            assertThatThrownBy(() -> CamelStores.open("aws2-s3://bucket?region=us-east-1&requestTimeout=" + bad))
                    .as(bad).hasMessageContaining("requestTimeout=" + bad + " is not a positive duration");
        }
    }
}
