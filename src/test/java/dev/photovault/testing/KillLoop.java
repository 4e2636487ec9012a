package dev.photovault.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Kills a command with SIGKILL at random moments, over and over, checking after each kill that nothing was lost:
 * the crash loop of docs/reliability.md. A moment is drawn (seeded) from the time after the command took its
 * repository lock, so that kills land in its work rather than in JVM start-up.
 */
public final class KillLoop {

    /**
     * What the rounds came to.
     *
     * @param killed   rounds whose process was killed while it ran
     * @param finished rounds whose process had finished (successfully) before its moment came
     */
    public record Tally(int killed, int finished) {
    }

    /** What a test checks after each round. */
    @FunctionalInterface
    public interface AfterRound {
        void check(int round, boolean killed) throws Exception;
    }

    private KillLoop() {
    }

    /**
     * @param rounds how many processes to start (and kill, unless they finish first)
     * @param seed   for the moments
     * @param spread moments are drawn uniformly from [0, spread] after the lock appeared
     * @param locks  the {@code locks/} folder of the repository the command locks first
     * @param start  starts the command
     * @param after  run after every round, killed or not
     */
    public static Tally run(int rounds, long seed, Duration spread, Path locks, Callable<Process> start,
            AfterRound after) throws Exception {
        Random random = new Random(seed);
        int killed = 0;
        int finished = 0;
        for (int round = 0; round < rounds; round++) {
            long moment = (long) (random.nextDouble() * spread.toMillis());
            Process process = start.call();
            ByteArrayOutputStream output = drain(process);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (process.isAlive() && !locked(locks) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            process.waitFor(moment, TimeUnit.MILLISECONDS);
            boolean kill = process.isAlive();
            if (kill) {
                process.destroyForcibly(); // SIGKILL
                killed++;
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("round %d ended", round).isTrue();
            if (!kill) {
                finished++;
                assertThat(process.exitValue()).as("round %d finished before its moment: %s", round,
                        output.toString(StandardCharsets.UTF_8)).isZero();
            }
            after.check(round, kill);
        }
        System.out.printf("kill loop: %d rounds, %d killed mid-work, %d finished first%n", rounds, killed, finished);
        return new Tally(killed, finished);
    }

    private static boolean locked(Path locks) throws IOException {
        if (!Files.isDirectory(locks)) {
            return false;
        }
        try (var held = Files.list(locks)) {
            return held.findAny().isPresent();
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    /** Reads stdout and stderr in the background so that the process never blocks on a full pipe. */
    private static ByteArrayOutputStream drain(Process process) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (InputStream in : new InputStream[] {process.getInputStream(), process.getErrorStream()}) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (out) {
                            out.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // killed
                }
            }, "kill-loop-drain");
            t.setDaemon(true);
            t.start();
        }
        return out;
    }
}
