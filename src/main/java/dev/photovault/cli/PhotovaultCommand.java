package dev.photovault.cli;

import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.store.StoreException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code photovault} command line. */
@Command(name = "photovault", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = PhotovaultCommand.Version.class,
        description = "Encrypted, deduplicated, immutable backups of photo libraries.",
        subcommands = {InitCommand.class, BackupCommand.class, SnapshotsCommand.class, LsCommand.class,
            RestoreCommand.class, DiffCommand.class, CheckCommand.class, ForgetCommand.class, PruneCommand.class,
            KeyCommand.class, RepairCommand.class, UnlockCommand.class, ChunkCommand.class, EmulatorCommand.class, AuthCommand.class, RunCommand.class,
            PickerCommand.class, ReportCommand.class, DumpCommand.class, ExportCommand.class, PushCommand.class, CopyCommand.class, HoldCommand.class, UiCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 error, 2 usage error, 3 incomplete (some files could not be"
            + " backed up, restored or pushed, or a Takeout archive had rejected entries)."})
public final class PhotovaultCommand implements Runnable {

    /** Exit code when a run finished but left some items out. */
    static final int INCOMPLETE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && !java.util.Set.of("-V", "--version", "help").contains(args[0])
                && java.util.Arrays.stream(args).noneMatch(a -> a.equals("-h") || a.equals("--help"))) {
            StartupWarmup.start(); // a command will run: not for the help or version text
        }
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("photovault: out of memory (Java may use " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB): run it with a larger heap, e.g. java -Xmx1g -jar photovault.jar …, or fewer --workers");
            code = 1;
        }
        System.exit(code);
    }

    /** The configured command line, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new PhotovaultCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(PhotovaultCommand::handle);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** One line that says what happened, no stack trace, for anything a user can cause. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String message;
        if (e instanceof VaultException || e instanceof StoreException) {
            message = e.getMessage();
        } else if (e.getClass().getName().startsWith("org.apache.camel.")) {
            // Camel wraps a route's configuration error in its own exceptions; the innermost cause says what.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            message = "could not start the routes: " + (root.getMessage() == null ? root : root.getMessage());
        } else if (e instanceof NoSuchFileException nsf) {
            message = "no such file or folder: " + nsf.getFile();
        } else if (e instanceof FileSystemException fse) {
            message = "cannot access " + fse.getFile() + (fse.getReason() == null ? "" : ": " + fse.getReason());
        } else if (e instanceof IOException) {
            message = "I/O error: " + e.getMessage();
        } else {
            message = "internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage()
                    + "; please report it (set PHOTOVAULT_DEBUG=1 for details)";
        }
        cmd.getErr().println("photovault: " + message);
        if (System.getenv("PHOTOVAULT_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        return 1;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PhotovaultCommand.class.getPackage().getImplementationVersion();
            return new String[] {"photovault " + (v == null ? "development build" : v)};
        }
    }
}
