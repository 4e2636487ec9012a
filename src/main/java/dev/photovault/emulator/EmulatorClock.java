package dev.photovault.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The emulator's time: the system clock plus an offset that tests move forward to expire tokens and URLs. */
final class EmulatorClock {

    private final AtomicLong offsetMillis = new AtomicLong();

    void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    Instant instant() {
        return Instant.now().plusMillis(offsetMillis.get());
    }
}
