package dev.photovault.app;

import dev.photovault.googlephotos.GooglePhotosComponent;
import dev.photovault.vault.VaultComponent;
import dev.photovault.vault.core.VaultException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * Several Google accounts backed up by one photovault ({@code accounts=alice,bob}): each account is an instance of
 * the shipped route template {@code google-photos-backup-template} (google-photos-backup.yaml), route
 * {@code google-photos-backup-<account>}, with its own credentials (its secrets file, written by
 * {@code photovault auth --account NAME}), label, schedule, album selection and, optionally, store; on a cluster
 * each has its own leadership ({@code master:<cluster.namespace>-<account>:}), so accounts spread over the nodes.
 * Credentials go to the google-photos component in Java, never through URIs or Camel properties.
 */
public final class Accounts {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /**
     * One account's settings.
     *
     * @param name         as in accounts=
     * @param label        the snapshots' label (default: the name)
     * @param cron         its Quartz cron (default backup.cron)
     * @param albums       album titles to back up (default backup.albums)
     * @param enabled      whether its route starts (default backup.enabled)
     * @param store        its own store URI, or "" for vault.store
     * @param passwordFile its store's passphrase file, or "" for vault.password-file
     * @param secrets      its OAuth client and refresh token
     */
    public record Account(String name, String label, String cron, String albums, boolean enabled, String store,
            String passwordFile, PhotovaultBeans.GoogleSecrets secrets) {

        /** The route of this account. */
        public String routeId() {
            return ROUTE_PREFIX + name;
        }

        @Override
        public String toString() {
            return "Account[" + name + ", label=" + label + ", cron=" + cron + ", secrets redacted]";
        }
    }

    static final String TEMPLATE = "google-photos-backup-template";
    static final String ROUTE_PREFIX = "google-photos-backup-";

    private Accounts() {
    }

    /** The accounts the settings name, in order; empty when {@code accounts} is unset. */
    public static List<Account> from(Settings settings) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String n : settings.get("accounts").split(",")) {
            String name = n.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw new VaultException("accounts: '" + name + "' is not an account name: use lower-case letters,"
                        + " digits and dashes (it names a route, a file and a cluster namespace)");
            }
            if (!names.add(name)) {
                throw new VaultException("accounts: " + name + " is named twice");
            }
        }
        List<Account> out = new ArrayList<>();
        for (String name : names) {
            String p = "account." + name + ".";
            Properties file = new Properties();
            Path secrets = secretsFile(settings, name);
            if (Files.isReadable(secrets)) {
                try (Reader r = Files.newBufferedReader(secrets, StandardCharsets.UTF_8)) {
                    file.load(r);
                }
            }
            String clientId = first(settings.get(p + "client-id"), file.getProperty("google-photos.client-id"),
                    settings.get("google-photos.client-id"));
            String clientSecret = first(settings.get(p + "client-secret"),
                    file.getProperty("google-photos.client-secret"), settings.get("google-photos.client-secret"));
            String refreshToken = first(settings.get(p + "refresh-token"),
                    file.getProperty("google-photos.refresh-token"), "");
            if (refreshToken.isBlank()) {
                throw new VaultException("the account " + name + " has no refresh token (looked in " + secrets
                        + " and ACCOUNT_" + Settings.envName(name) + "_REFRESH_TOKEN): run 'photovault auth --account "
                        + name + " --client-id …'");
            }
            out.add(new Account(name, first(settings.get(p + "label"), name),
                    first(settings.get(p + "cron"), settings.get("backup.cron")),
                    first(settings.get(p + "albums"), settings.get("backup.albums")),
                    Boolean.parseBoolean(first(settings.get(p + "enabled"), settings.get("backup.enabled"), "true")),
                    settings.get(p + "store"), settings.get(p + "password-file"),
                    new PhotovaultBeans.GoogleSecrets(clientId, clientSecret, refreshToken)));
        }
        return out;
    }

    /** Where {@code photovault auth --account NAME} writes, and the route reads, an account's credentials. */
    public static Path secretsFile(Settings settings, String name) {
        String set = settings.get("account." + name + ".secrets-file");
        if (!set.isBlank()) {
            return Path.of(set);
        }
        return defaultSecretsFile(name);
    }

    /** {@code $XDG_CONFIG_HOME/photovault/accounts/NAME.properties} (~/.config when unset). */
    public static Path defaultSecretsFile(String name) {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("photovault").resolve("accounts").resolve(name + ".properties");
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return "";
    }

    /**
     * Gives each account's credentials to the google-photos component, binds its album selection and, for an
     * account with its own store, a {@code vault-<account>} component; then adds its route from the template (and
     * starts it, unless disabled). Call once the context (and so the template) is up.
     */
    public static void addRoutes(CamelContext context, List<Account> accounts) throws Exception {
        GooglePhotosComponent google = context.getComponent("google-photos", GooglePhotosComponent.class);
        String clustered = PhotovaultBeans.property(context, ClusterServices.ROUTE_PREFIX);
        String namespace = PhotovaultBeans.property(context, "cluster.namespace");
        for (Account a : accounts) {
            google.addAccount(a.name(), a.secrets().clientId(), a.secrets().clientSecret(), a.secrets().refreshToken());
            String albums = "photovaultAlbumSelection-" + a.name();
            context.getRegistry().bind(albums, new AlbumSelection(a.albums()));
            String vault = "vault";
            if (!a.store().isBlank()) {
                vault = "vault-" + a.name();
                VaultComponent own = new VaultComponent();
                own.setConfiguration(context.getComponent("vault", VaultComponent.class).getConfiguration().copy());
                own.getConfiguration().setStore(a.store());
                if (!a.passwordFile().isBlank()) {
                    own.getConfiguration().setPasswordFile(a.passwordFile());
                }
                context.addComponent(vault, own);
            }
            String prefix = clustered.isBlank() ? ""
                    : "master:" + (namespace.isBlank() ? "photovault" : namespace) + "-" + a.name() + ":";
            TemplatedRouteBuilder.builder(context, TEMPLATE).routeId(a.routeId())
                    .parameter("account", a.name())
                    .parameter("label", a.label())
                    .parameter("schedule", prefix + "quartz:photovault/" + a.routeId())
                    .parameter("cron", a.cron())
                    .parameter("enabled", String.valueOf(a.enabled()))
                    .parameter("albums", albums)
                    .parameter("vault", vault)
                    .add();
        }
    }
}
