package dev.photovault.cli;

import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.crypto.Aead;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Work every command does sooner or later, started on a second core while the first builds the command line and
 * derives the key: the logging system's set-up (a quarter of a second of class loading), Jackson's first parse
 * and AES-GCM's provider look-up. It only makes these classes ready; it changes nothing a command sees. Measured
 * in {@code docs/architecture.md} ("Start-up").
 */
final class StartupWarmup {

    private StartupWarmup() {
    }

    /** Starts the warm-up on a daemon thread; a failure there is ignored (the command then pays the cost itself). */
    static void start() {
        if (Boolean.getBoolean("photovault.no-warmup")) {
            return; // for measuring what it saves
        }
        Thread thread = new Thread(StartupWarmup::run, "photovault-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
    }

    private static void run() {
        try {
            LoggerFactory.getLogger(StartupWarmup.class);
            byte[] json = VaultJson.MAPPER.writeValueAsBytes(Map.of("warm", 1, "up", "true"));
            VaultJson.MAPPER.readTree(json);
            byte[] key = Aead.randomBytes(32);
            Aead.open(key, new byte[32], Aead.seal(key, new byte[32], new byte[64]), "warm-up");
            javax.crypto.Mac.getInstance("HmacSHA256");
        } catch (Exception | LinkageError ignored) {
            // Only a head start: whatever failed here is done again, and reported, where it is needed.
        }
    }
}
