package dev.photovault.app;

import dev.photovault.googlephotos.GooglePhotosComponent;
import dev.photovault.googlephotos.GooglePhotosConfiguration;
import java.nio.file.Path;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The beans the shipped routes use, made from the application's properties: notification URLs, the Picker
 * session folder, and the Google Photos request counters for run reports.
 */
public class PhotovaultBeans implements CamelConfiguration {

    /** The Google OAuth client and token, or null to take them from Camel's properties. */
    private final GoogleSecrets secrets;

    /**
     * Google credentials handed over in Java, never through Camel's property placeholders: Camel's property
     * resolver prints the values it resolves at DEBUG level, and does not know these names are secret.
     *
     * @param clientId     the OAuth client id
     * @param clientSecret the OAuth client secret
     * @param refreshToken the refresh token
     */
    public record GoogleSecrets(String clientId, String clientSecret, String refreshToken) {
        @Override
        public String toString() {
            return "GoogleSecrets[clientId=" + clientId + ", secrets redacted]";
        }
    }

    /** For Camel Main and tests: credentials from the {@code google-photos.*} properties, if any. */
    public PhotovaultBeans() {
        this(null);
    }

    /** For {@code photovault run}: credentials read by {@link Settings}, given to the component directly. */
    public PhotovaultBeans(GoogleSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public void configure(CamelContext context) {
        GoogleSecrets google = secrets != null ? secrets : new GoogleSecrets(property(context, "google-photos.client-id"),
                property(context, "google-photos.client-secret"), property(context, "google-photos.refresh-token"));
        GooglePhotosConfiguration component = context.getComponent("google-photos", GooglePhotosComponent.class)
                .getConfiguration();
        if (!google.clientId().isBlank()) {
            component.setClientId(google.clientId());
        }
        if (!google.clientSecret().isBlank()) {
            component.setClientSecret(google.clientSecret());
        }
        if (!google.refreshToken().isBlank()) {
            component.setRefreshToken(google.refreshToken());
        }
        try {
            ClusterServices.configure(context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the cluster service: " + e.getMessage(), e);
        }
        context.getRegistry().bind("photovaultNotifications",
                new Notifications(property(context, "notify.success-url"), property(context, "notify.failure-url")));
        String sessions = property(context, "picker.sessions-dir");
        context.getRegistry().bind("photovaultPickerSessions",
                new PickerSessions(Path.of(sessions.isBlank() ? "photovault-data/picker-sessions" : sessions)));
        context.getRegistry().bind("photovaultGooglePhotosCounters", new GooglePhotosCounters(context));
        context.getRegistry().bind("photovaultGooglePhotosItem", new GooglePhotosItemHeaders());
        context.getRegistry().bind("photovaultAlbumSelection", new AlbumSelection(property(context, "backup.albums")));
        String push = property(context, "push.mode");
        context.getRegistry().bind("photovaultAlbumPush", new AlbumPushJob(
                Path.of(orDefault(property(context, "push.source"), "photovault-data/albums")),
                AlbumPush.Mode.valueOf(orDefault(push, "copy").toUpperCase(java.util.Locale.ROOT)),
                Boolean.parseBoolean(property(context, "push.dry-run")),
                Path.of(orDefault(property(context, "push.state-dir"), "photovault-data/push-state"))));
        context.getRegistry().bind("photovaultTakeoutInbox", new TakeoutInbox(
                Path.of(orDefault(property(context, "takeout.inbox"), "photovault-data/takeout-inbox")),
                Path.of(orDefault(property(context, "takeout.done"), "photovault-data/takeout-done")),
                java.time.Duration.ofMillis(org.apache.camel.util.TimeUtils.toMilliSeconds(
                        orDefault(property(context, "takeout.settle"), "10m"))),
                Boolean.parseBoolean(property(context, "takeout.delete-after-import")),
                Boolean.parseBoolean(property(context, "takeout.allow-missing-parts")), java.time.Clock.systemUTC()));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static String property(CamelContext context, String name) {
        return context.getPropertiesComponent().resolveProperty(name).orElse("");
    }
}
