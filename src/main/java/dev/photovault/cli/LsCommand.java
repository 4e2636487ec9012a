package dev.photovault.cli;

import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.restorer.Sidecars;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", description = "List a snapshot's entries.")
final class LsCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, or 'latest'.")
    String snapshot;

    @Option(names = "--json", description = "One JSON object per line: path, type, size, sha256, albums, takenTime, geo, …")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        List<Entry> entries = repo.loadSnapshot(ref.id()).entries();
        Map<String, String> pathBySourceId = json ? Sidecars.pathsBySourceId(entries) : Map.of();
        for (Entry e : entries) {
            if (json) {
                System.out.println(VaultJson.MAPPER.writeValueAsString(Sidecars.fields(e, pathBySourceId)));
            } else {
                String kind = switch (e.type()) {
                    case DIR -> "d";
                    case SYMLINK -> "l";
                    case FILE -> "-";
                };
                System.out.printf("%s %12d  %s  %s%s%n", kind, e.size(), SnapshotsCommand.LOCAL_TIME.format(e.mtime()),
                        e.path(), e.linkTarget() == null ? "" : " -> " + e.linkTarget());
            }
        }
        return 0;
    }
}
