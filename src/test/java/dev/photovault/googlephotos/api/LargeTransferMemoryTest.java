package dev.photovault.googlephotos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.emulator.GooglePhotosEmulator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Uploading and downloading a 1 GB video streams: it runs in a JVM limited to 128 MiB of heap. */
class LargeTransferMemoryTest {

    @Test
    void aGigabyteVideoGoesUpAndComesBackInsideA128MegabyteHeap() throws Exception {
        try (GooglePhotosEmulator emulator = GooglePhotosEmulator.builder().start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    LargeTransferProbe.class.getName(), String.valueOf(1L << 30)));
            pb.environment().put("PV_API", emulator.apiUrl());
            pb.environment().put("PV_PICKER", emulator.pickerUrl());
            pb.environment().put("PV_TOKEN", emulator.tokenUrl());
            pb.environment().put("PV_CLIENT_ID", emulator.credentials().clientId());
            pb.environment().put("PV_CLIENT_SECRET", emulator.credentials().clientSecret());
            pb.environment().put("PV_REFRESH_TOKEN", emulator.credentials().refreshToken());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).startsWith("MATCH ");
            assertThat(emulator.stats().get("bytesUploaded").asLong()).isEqualTo(1L << 30);
        }
    }
}
