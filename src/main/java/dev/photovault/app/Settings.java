package dev.photovault.app;

import dev.photovault.vault.core.VaultException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The application's settings as Camel will see them, read before Camel starts (to choose the demo default, and
 * for commands such as {@code picker new}): the shipped defaults, the configuration file, the secrets file, then
 * environment variables named as Camel derives them ({@code google-photos.refresh-token} →
 * {@code GOOGLE_PHOTOS_REFRESH_TOKEN}), then explicit overrides.
 */
public final class Settings {

    /** Where the shipped defaults live inside the jar (a copy of config/application.properties). */
    static final String DEFAULTS = "photovault/application.properties";

    private final Properties properties = new Properties();
    private final Map<String, String> overrides;
    private final Path configFile;

    private Settings(Path configFile, Map<String, String> overrides) {
        this.configFile = configFile;
        this.overrides = overrides;
    }

    /**
     * @param config the file given with --config, or null for ./config/application.properties when it exists
     */
    public static Settings load(Path config, Map<String, String> overrides) throws IOException {
        Path file = config;
        if (file != null && !Files.isReadable(file)) {
            throw new VaultException("cannot read the configuration file " + file);
        }
        if (file == null) {
            Path local = Path.of("config", "application.properties");
            file = Files.isReadable(local) ? local : null;
        }
        Settings s = new Settings(file, overrides);
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in != null) {
                s.properties.load(in);
            }
        }
        if (file != null) {
            s.loadFile(file);
        }
        Path secrets = s.secretsFile();
        if (secrets != null && Files.isReadable(secrets)) {
            s.loadFile(secrets);
        }
        return s;
    }

    private void loadFile(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(r);
        }
    }

    /** The configuration file in use, or null. */
    public Path configFile() {
        return configFile;
    }

    /** The secrets file ({@code google-photos.secrets-file}), or null. */
    public Path secretsFile() {
        String name = get("google-photos.secrets-file");
        return name.isBlank() ? null : Path.of(name);
    }

    /** A setting's value ("" when unset), with environment variables and overrides applied. */
    public String get(String name) {
        if (overrides.containsKey(name)) {
            return overrides.get(name);
        }
        String env = System.getenv(envName(name));
        if (env != null) {
            return env;
        }
        return properties.getProperty(name, "").trim().replace("${user.home}", System.getProperty("user.home"));
    }

    /**
     * Camel's own settings ({@code camel.*}) given in the environment, named as every other setting is
     * ({@code CAMEL_MANAGEMENT_PORT} → {@code camel.management.port}): Camel Main itself reads only some groups from
     * the environment. A variable matches a setting the shipped or given file lists (so dashes are known), else it
     * is read as {@code camel.<group>.<rest with dashes>}. Variables whose names look secret ({@code *SECRET*},
     * {@code *TOKEN*}, {@code *PASSWORD*}, {@code *_KEY*}) are left out: they would pass through Camel's properties.
     */
    public Map<String, String> camelEnvironment() {
        Map<String, String> out = new java.util.TreeMap<>();
        Map<String, String> known = new java.util.HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("camel.")) {
                known.put(envName(name), name);
            }
        }
        for (Map.Entry<String, String> env : System.getenv().entrySet()) {
            String key = env.getKey();
            if (!key.startsWith("CAMEL_") || key.startsWith("CAMEL_COMPONENT_") || key.startsWith("CAMEL_MAIN_")
                    || key.startsWith("CAMEL_DATAFORMAT_") || key.startsWith("CAMEL_LANGUAGE_")) {
                continue; // Camel Main reads these groups itself
            }
            if (key.matches(".*(SECRET|PASSWORD|PASSPHRASE|TOKEN|_KEY).*")) {
                continue; // a secret would pass through Camel's properties, which it logs at DEBUG: not from here
            }
            String name = known.get(key);
            if (name == null) {
                String[] parts = key.toLowerCase(Locale.ROOT).split("_", 3);
                if (parts.length < 3) {
                    continue;
                }
                name = "camel." + parts[1] + "." + parts[2].replace('_', '-');
            }
            out.put(name, env.getValue());
        }
        return out;
    }

    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A setting's value, or {@code fallback} when it is unset or blank. */
    public String get(String name, String fallback) {
        String value = get(name);
        return value.isBlank() ? fallback : value;
    }

    public int getInt(String name, int fallback) {
        String value = get(name);
        try {
            return value.isBlank() ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new VaultException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
