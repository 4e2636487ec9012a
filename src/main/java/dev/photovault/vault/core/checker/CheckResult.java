package dev.photovault.vault.core.checker;

import java.util.List;

/**
 * What a check found.
 *
 * @param snapshots     snapshots examined
 * @param chunks        distinct chunks the snapshots reference
 * @param chunksRead    chunks decrypted and verified (with read-data)
 * @param unreferenced  stored chunks no snapshot references (prune removes them)
 * @param errors        one line per problem with the repository's objects
 * @param damagedFiles  one line per snapshot file that cannot be restored whole: {@code <snapshot> <path>}
 */
public record CheckResult(int snapshots, long chunks, long chunksRead, long unreferenced, List<String> errors,
        List<String> damagedFiles) {

    public boolean ok() {
        return errors.isEmpty();
    }
}
