package dev.photovault.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code photovault} command in a child JVM, as a user would: its own environment, exit code,
 * standard output and error. Every output is remembered so that tests can check no secret ever appeared.
 *
 * <p>In {@code mvn verify} the command-line tests run after {@code package}, and the command is the packaged
 * launcher ({@code target/photovault}, named by the system property {@code photovault.launcher}): the shaded jar
 * with its class-data-sharing archive, exactly what a user runs. Run on their own ({@code mvn test -Dtest=…}),
 * they start {@link #MAIN} on the test class path instead.
 */
public final class Cli {

    /**
     * A finished run.
     *
     * @param exitCode the process's exit code
     * @param out      standard output
     * @param err      standard error
     */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private static final List<String> OUTPUTS = Collections.synchronizedList(new ArrayList<>());

    private static final Path CACHE = createCache();

    static final String MAIN = "dev.photovault.cli.PhotovaultCommand";

    /** The packaged launcher, when the build made one for these tests; otherwise null. */
    private static final Path LAUNCHER = launcher();

    private final Path repo;
    private final Map<String, String> env;
    private final Path directory;
    private final List<String> jvmOptions;
    private final List<String> prefix;
    private final boolean recorded;

    public Cli(Path repo, Map<String, String> env) {
        this(repo, env, null, List.of("-Xmx256m"), List.of(), true);
    }

    private Cli(Path repo, Map<String, String> env, Path directory, List<String> jvmOptions, List<String> prefix,
            boolean recorded) {
        this.repo = repo;
        this.env = env;
        this.directory = directory;
        this.jvmOptions = jvmOptions;
        this.prefix = prefix;
        this.recorded = recorded;
    }

    /**
     * The same command line, its outputs kept out of {@link #allOutputs()}: for runs with deliberately verbose
     * logging (TRACE names exception classes), whose test checks them itself.
     */
    public Cli unrecorded() {
        return new Cli(repo, env, directory, jvmOptions, prefix, false);
    }

    private static Path createCache() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("photovault-cli-cache");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path launcher() {
        String name = System.getProperty("photovault.launcher", "");
        if (name.isEmpty()) {
            return null;
        }
        Path launcher = Path.of(name);
        if (!java.nio.file.Files.isExecutable(launcher)) {
            throw new IllegalStateException("photovault.launcher names " + launcher + ", which is not an executable;"
                    + " run the tests through mvn verify, or without the property");
        }
        return launcher;
    }

    /** The same command line, run in another working directory. */
    public Cli inDirectory(Path dir) {
        return new Cli(repo, env, dir, jvmOptions, prefix, recorded);
    }

    /** The same command line with these JVM options instead of {@code -Xmx256m}. */
    public Cli withJvmOptions(String... options) {
        return new Cli(repo, env, directory, List.of(options), prefix, recorded);
    }

    /** The same command line started through another program, e.g. {@code unshare -m sh -c '…' sh}. */
    public Cli withPrefix(String... command) {
        return new Cli(repo, env, directory, jvmOptions, List.of(command), recorded);
    }

    /** A command line for {@code repo} with the test passphrase in {@code PHOTOVAULT_PASSWORD}. */
    public static Cli forRepository(Path repo) {
        return new Cli(repo, Map.of("PHOTOVAULT_PASSWORD", TestRepository.PASSPHRASE));
    }

    public Cli withEnv(Map<String, String> more) {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(more);
        return new Cli(repo, merged, directory, jvmOptions, prefix, recorded);
    }

    public Result run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("photovault " + String.join(" ", args) + " did not finish");
        }
        Result result = new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
        if (recorded) {
            OUTPUTS.add(result.all());
        }
        return result;
    }

    /** Starts the command without waiting; stderr is merged into stdout. */
    public Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        if (LAUNCHER != null) {
            command.add(LAUNCHER.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(MAIN);
        }
        command.addAll(List.of(args));
        if (repo != null) {
            command.add("--repo");
            command.add(repo.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PHOTOVAULT_PASSWORD");
        builder.environment().remove("PHOTOVAULT_REPOSITORY");
        builder.environment().put("PHOTOVAULT_CACHE_DIR", CACHE.toString());
        builder.environment().keySet().removeIf(k -> k.startsWith("GOOGLE_PHOTOS_") || k.startsWith("VAULT_")
                || k.startsWith("BACKUP_") || k.startsWith("NOTIFY_"));
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().remove("PHOTOVAULT_JAVA_OPTS");
        if (LAUNCHER != null) {
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            if (jvmOptions.stream().anyMatch(o -> o.matches(".*\\s.*"))) {
                throw new IllegalArgumentException("the launcher splits PHOTOVAULT_JAVA_OPTS at spaces: " + jvmOptions);
            }
            builder.environment().put("PHOTOVAULT_JAVA_OPTS", String.join(" ", jvmOptions));
        }
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return builder.start();
    }

    /** The packaged launcher these tests run, when they run after {@code package}. */
    public static java.util.Optional<Path> packagedLauncher() {
        return java.util.Optional.ofNullable(LAUNCHER);
    }

    /** Everything any command printed so far in this JVM. */
    public static List<String> allOutputs() {
        return List.copyOf(OUTPUTS);
    }
}
