package dev.photovault.vault;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.backup.RequestCounters;
import dev.photovault.vault.core.crypto.KdfParams;
import dev.photovault.vault.core.crypto.Passphrases;
import dev.photovault.vault.core.crypto.PassphraseKdf;
import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryNotFoundException;
import dev.photovault.vault.core.store.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vault:} component: backs up messages into an encrypted, deduplicated snapshot repository, and lists,
 * reads, checks and thins it. Endpoints on the same store share one opened repository (the passphrase is
 * stretched once).
 */
@Component("vault")
public class VaultComponent extends HealthCheckComponent {

    static final String PASSWORD_ENV = "PHOTOVAULT_PASSWORD";
    private static final Logger LOG = LoggerFactory.getLogger(VaultComponent.class);

    @Metadata
    private VaultConfiguration configuration = new VaultConfiguration();

    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final Map<String, ObjectStore> stores = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        VaultEndpoint endpoint = new VaultEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * The repository on this store, opened once per store and credential source (and created first if allowed and
     * there is none). An endpoint with another passphrase source opens it again, so its passphrase is verified.
     */
    Repository repository(VaultConfiguration c) throws Exception {
        String key = c.getStore() + "\n" + credentialSource(c);
        Repository open = repositories.get(key);
        if (open != null) {
            return open;
        }
        synchronized (repositories) {
            open = repositories.get(key);
            if (open == null) {
                open = openOrCreate(c);
                repositories.put(key, open);
            }
            return open;
        }
    }

    /**
     * The repository of the component's own settings ({@code vault.store}, {@code vault.password-file}), as its
     * endpoints open it: for what runs beside the routes (the web UI of {@code photovault run}).
     */
    public Repository defaultRepository() throws Exception {
        return repository(configuration);
    }

    /** This machine's cache folder of the component's settings ({@code vault.cache-dir}, else ~/.cache/photovault). */
    public Path cacheRoot() {
        return configuration.cacheRoot();
    }

    /** Where an endpoint's passphrase comes from; an inline password counts by its hash, never its text. */
    private static String credentialSource(VaultConfiguration c) throws IOException {
        if (c.getPasswordFile() != null && !c.getPasswordFile().isBlank()) {
            return "file:" + Path.of(c.getPasswordFile()).toAbsolutePath().normalize();
        }
        if (c.getPassword() != null && !c.getPassword().isEmpty()) {
            try {
                return "password:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                        .getInstance("SHA-256").digest(c.getPassword().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime provides SHA-256", e);
            }
        }
        return "env:" + PASSWORD_ENV;
    }

    /**
     * The store alone (the health check reaches it without the passphrase), made once per URI: an S3 store holds a
     * started producer.
     */
    ObjectStore store(VaultConfiguration c) throws Exception {
        ObjectStore store = stores.get(c.getStore());
        if (store == null) {
            synchronized (stores) {
                store = stores.get(c.getStore());
                if (store == null) {
                    store = StoreEndpoints.open(getCamelContext(), c.getStore(),
                            ObjectLock.of(c.getObjectLock(), c.getObjectLockDays()));
                    stores.put(c.getStore(), store);
                }
            }
        }
        return store;
    }

    private Repository openOrCreate(VaultConfiguration c) throws Exception {
        ObjectStore store = store(c);
        char[] passphrase = passphrase(c);
        try {
            try {
                Repository.readConfig(store);
            } catch (RepositoryNotFoundException e) {
                if (!c.isInitialize()) {
                    throw new VaultException("no repository at " + store.location() + ": create it with 'photovault"
                            + " init' or set vault.initialize=true");
                }
                KdfParams kdf = PassphraseKdf.calibrate(KdfParams.DEFAULT_MEMORY_KIB, 500);
                Repository created = Repository.init(store, passphrase, kdf, ChunkerParams.PRODUCTION);
                LOG.info("created repository {} at {}", created.config().id().substring(0, 10), store.location());
                return created;
            }
            return Repository.open(store, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static char[] passphrase(VaultConfiguration c) throws IOException {
        if (c.getPasswordFile() != null && !c.getPasswordFile().isBlank()) {
            Path file = Path.of(c.getPasswordFile());
            if (!Files.isReadable(file)) {
                throw new VaultException("cannot read the passphrase file " + file + " (vault.password-file)");
            }
            return Passphrases.fromFile(file);
        }
        if (c.getPassword() != null && !c.getPassword().isEmpty()) {
            return c.getPassword().toCharArray();
        }
        char[] fromEnv = Passphrases.fromEnv(PASSWORD_ENV);
        if (fromEnv != null) {
            return fromEnv;
        }
        throw new VaultException("no repository passphrase: set vault.password-file or " + PASSWORD_ENV);
    }

    /** The sum of every {@link RequestCounters} bound in the registry. */
    RequestCounters counters() {
        return () -> {
            Map<String, Long> sum = new HashMap<>();
            for (RequestCounters c : getCamelContext().getRegistry().findByType(RequestCounters.class)) {
                c.counters().forEach((k, v) -> sum.merge(k, v, Long::sum));
            }
            return sum;
        };
    }

    public VaultConfiguration getConfiguration() {
        return configuration;
    }

    /** The defaults of every endpoint: store, passphrase, cache folder. */
    public void setConfiguration(VaultConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void doStop() throws Exception {
        repositories.clear();
        for (ObjectStore store : stores.values()) {
            try {
                store.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the store {} failed: {}", store.location(), e.getMessage());
            }
        }
        stores.clear();
        super.doStop();
    }
}
