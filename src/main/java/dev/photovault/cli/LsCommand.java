package dev.photovault.cli;

import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import java.util.LinkedHashMap;
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

    @Option(names = "--json", description = "One JSON object per line: path, type, size, sha256, albums, mtime, ….")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        SnapshotRef ref = repo.resolveSnapshot(snapshot);
        for (Entry e : repo.loadSnapshot(ref.id()).entries()) {
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("path", e.path());
                line.put("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
                line.put("size", e.size());
                line.put("mtime", e.mtime());
                line.put("sha256", e.sha256());
                line.put("albums", e.albums());
                line.put("chunks", e.chunks().size());
                if (e.media() != null) {
                    line.put("media", e.media());
                }
                if (e.linkTarget() != null) {
                    line.put("target", e.linkTarget());
                }
                System.out.println(VaultJson.MAPPER.writeValueAsString(line));
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
