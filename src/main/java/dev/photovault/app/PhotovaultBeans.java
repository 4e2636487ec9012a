package dev.photovault.app;

import java.nio.file.Path;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The beans the shipped routes use, made from the application's properties: notification URLs, the Picker
 * session folder, and the Google Photos request counters for run reports.
 */
public class PhotovaultBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind("photovaultNotifications",
                new Notifications(property(context, "notify.success-url"), property(context, "notify.failure-url")));
        String sessions = property(context, "picker.sessions-dir");
        context.getRegistry().bind("photovaultPickerSessions",
                new PickerSessions(Path.of(sessions.isBlank() ? "photovault-data/picker-sessions" : sessions)));
        context.getRegistry().bind("photovaultGooglePhotosCounters", new GooglePhotosCounters(context));
    }

    static String property(CamelContext context, String name) {
        return context.getPropertiesComponent().resolveProperty(name).orElse("");
    }
}
