package dev.photovault.cli;

import dev.photovault.app.PhotovaultApplication;
import dev.photovault.app.RunOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code photovault run}: the scheduled backup, Picker and maintenance routes under Camel Main. */
@Command(name = "run", description = {"Run the scheduled routes (Google Photos backup, Picker backup, maintenance)"
        + " under Apache Camel, configured by config/application.properties.",
    "With no Google refresh token configured, backs up the built-in emulator's sample library into"
        + " ./photovault-data (the demo default)."})
final class RunCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (default: ./config/application.properties if present).")
    Path config;

    @Option(names = "--routes", paramLabel = "GLOB",
            description = "More Camel routes to run, e.g. file:my-routes/*.yaml.")
    String routes;

    @Option(names = "--once", description = "Fire each backup route once, wait for it and exit (for systemd timers"
            + " and cron); exit code 3 if a snapshot is partial, 1 if a run failed.")
    boolean once;

    @Option(names = "--dry-run", description = "With --once: show, per route, what would be downloaded and how much is"
            + " unchanged, downloading and writing nothing (credentials, the store and the listing are checked for"
            + " real; no media request is spent).")
    boolean dryRun;

    @Option(names = "--account", paramLabel = "NAME", description = "With --once: back up only this account of"
            + " accounts= (its route google-photos-backup-NAME).")
    String account;

    @Override
    public Integer call() throws Exception {
        if (dryRun && !once) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--dry-run needs --once");
        }
        if (account != null && !once) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--account needs --once (a running"
                    + " photovault backs up every account on its schedule)");
        }
        PhotovaultApplication app = new PhotovaultApplication(config, routes, once, System.out).dryRun(dryRun)
                .account(account);
        if (once) {
            try (app) {
                app.start();
                return exitCode(report(app.runBackupsOnce()));
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "photovault-shutdown"));
        app.start();
        if (app.runOnStart()) {
            List<RunOutcome> outcomes = report(app.runBackupsOnce());
            if (app.isEmbedded()) {
                explainDemo(app, outcomes);
            }
        }
        System.out.println("photovault: routes running; next Google Photos backup on cron '"
                + app.property("backup.cron") + "'. Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }

    private static List<RunOutcome> report(List<RunOutcome> outcomes) {
        for (RunOutcome o : outcomes) {
            System.out.println(o.routeId() + ": " + o.status() + (o.error() == null ? "" : " — " + o.error()));
            if (o.reportLine() != null) {
                System.out.println("  " + o.reportLine());
            }
            for (String path : o.toRead()) {
                System.out.println("  would download " + path);
            }
        }
        return outcomes;
    }

    static int exitCode(List<RunOutcome> outcomes) {
        if (outcomes.stream().anyMatch(o -> "failed".equals(o.status()))) {
            return 1;
        }
        return outcomes.stream().allMatch(RunOutcome::ok) ? 0 : PhotovaultCommand.INCOMPLETE;
    }

    private static void explainDemo(PhotovaultApplication app, List<RunOutcome> outcomes) {
        String store = app.property("vault.store").replaceFirst("^file:", "");
        String passwordFile = app.property("vault.password-file");
        String auth = passwordFile.isBlank() ? "" : " --password-file " + passwordFile;
        String jar = "java -jar target/photovault.jar";
        System.out.println();
        System.out.println("Backed up the emulator's library into " + Path.of(store).toAbsolutePath() + ". Try:");
        System.out.println("  " + jar + " snapshots --repo " + store + auth);
        System.out.println("  " + jar + " ls latest --repo " + store + auth);
        System.out.println("  " + jar + " restore latest --repo " + store + auth + " --target restored");
        if (app.uiLoginUrl() != null) {
            System.out.println("Browse it in the web UI: " + app.uiLoginUrl());
        }
        System.out.println("Run reports (JSON): " + Path.of(app.property("vault.cache-dir")).toAbsolutePath());
        System.out.println();
    }
}
