package dev.photovault.cli;

import dev.photovault.takeout.TakeoutReport;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Show the import report a snapshot keeps (Takeout imports: sidecar rules,"
        + " albums, dates by source, rejected entries, what was added and removed).")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, or 'latest'.")
    String snapshot;

    @Option(names = "--json", description = "Print the whole report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        var report = ref.header().report();
        if (report == null) {
            System.out.println("snapshot " + ref.shortId() + " (" + ref.header().source() + ") keeps no import report:"
                    + " only Takeout imports do");
            return 0;
        }
        if (json) {
            System.out.println(VaultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            TakeoutReport.summary(report).forEach(System.out::println);
        }
        return 0;
    }
}
