package dev.photovault.cli;

import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.snapshot.Entry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "diff", description = "Show entries added (+), removed (-) and changed (M) between two snapshots.")
final class DiffCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "The older snapshot.")
    String from;

    @Parameters(index = "1", paramLabel = "SNAPSHOT", description = "The newer snapshot.")
    String to;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.open();
        Map<String, Entry> a = byPath(repo, from);
        Map<String, Entry> b = byPath(repo, to);
        TreeSet<String> paths = new TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        int added = 0;
        int removed = 0;
        int changed = 0;
        for (String path : paths) {
            Entry x = a.get(path);
            Entry y = b.get(path);
            if (x == null) {
                System.out.println("+ " + path);
                added++;
            } else if (y == null) {
                System.out.println("- " + path);
                removed++;
            } else if (x.type() != y.type() || !Objects.equals(x.sha256(), y.sha256())
                    || !Objects.equals(x.linkTarget(), y.linkTarget())) {
                System.out.println("M " + path);
                changed++;
            }
        }
        System.out.printf("%d added, %d removed, %d changed%n", added, removed, changed);
        return 0;
    }

    private static Map<String, Entry> byPath(Repository repo, String ref) throws java.io.IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry e : repo.loadSnapshot(repo.resolveSnapshot(ref).id()).entries()) {
            out.put(e.path(), e);
        }
        return out;
    }
}
