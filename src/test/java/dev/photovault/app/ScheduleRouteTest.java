package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import java.util.Properties;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/** The Quartz schedule of google-photos-backup.yaml fires by itself (a near cron, not a day's wait). */
class ScheduleRouteTest extends BackupRouteTestSupport {

    @Override
    void prepare(GooglePhotosEmulator emulator, Properties properties) {
        emulator.seed(4, 1, GooglePhotosEmulator.DEFAULT_CLIENT_ID, 3);
        properties.put("camel.component.quartz.auto-start-scheduler", "true");
        properties.put("backup.cron", "0/2 * * * * ?");
        properties.put("picker.enabled", "false");
        properties.put("maintenance.enabled", "false");
    }

    @Test
    void theCronScheduleRunsTheBackup() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("google-photos-backup").whenCompleted(1).create();
        assertThat(done.matches(30, java.util.concurrent.TimeUnit.SECONDS)).as("a scheduled backup ran").isTrue();
        assertThat(repository().listSnapshots()).isNotEmpty();
        assertThat(repository().listSnapshots().get(0).header().source()).isEqualTo("google-photos");
    }
}
