package dev.photovault.cli;

import dev.photovault.vault.core.ByteSizes;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a long run's progress: files, bytes, rate and ETA. On a terminal it redraws one status line twice a
 * second; otherwise (cron, systemd, CI) it writes a log line every {@code PHOTOVAULT_PROGRESS_SECONDS}
 * (default 30) seconds.
 */
final class ProgressPrinter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.photovault.progress");

    private final String verb;
    private final LongSupplier filesDone;
    private final LongSupplier filesTotal;
    private final LongSupplier bytesDone;
    private final LongSupplier bytesTotal;
    private final boolean terminal;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService timer;

    ProgressPrinter(String verb, LongSupplier filesDone, LongSupplier filesTotal, LongSupplier bytesDone,
            LongSupplier bytesTotal) {
        this.verb = verb;
        this.filesDone = filesDone;
        this.filesTotal = filesTotal;
        this.bytesDone = bytesDone;
        this.bytesTotal = bytesTotal;
        this.terminal = System.console() != null && System.getenv("CI") == null;
        this.out = System.err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "photovault-progress");
            t.setDaemon(true);
            return t;
        });
        long period = terminal ? 500 : 1000L * intervalSeconds();
        timer.scheduleAtFixedRate(this::show, period, period, TimeUnit.MILLISECONDS);
    }

    private static long intervalSeconds() {
        try {
            return Math.max(1, Long.parseLong(System.getenv().getOrDefault("PHOTOVAULT_PROGRESS_SECONDS", "30")));
        } catch (NumberFormatException e) {
            return 30;
        }
    }

    String line() {
        long elapsedMs = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        long done = bytesDone.getAsLong();
        long total = bytesTotal.getAsLong();
        double rate = done * 1000.0 / elapsedMs;
        String eta = rate > 0 && total > done ? ByteSizes.duration((long) ((total - done) / rate * 1000)) : "-";
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : 0;
        return String.format(Locale.ROOT, "%s %d/%d files, %s/%s (%d%%), %s/s, ETA %s", verb, filesDone.getAsLong(),
                filesTotal.getAsLong(), ByteSizes.format(done), ByteSizes.format(total), percent,
                ByteSizes.format((long) rate), eta);
    }

    private void show() {
        if (terminal) {
            out.print("\r\033[K" + line());
            out.flush();
        } else {
            LOG.info(line());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
