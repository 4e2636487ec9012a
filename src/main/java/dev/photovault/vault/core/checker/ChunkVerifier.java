package dev.photovault.vault.core.checker;

import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.Workers;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.store.ObjectNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads chunks on a few threads, authenticating each and recomputing its id, and says which are not whole: the
 * read-data part of {@code check} and of {@code repair index --read-data}.
 */
public final class ChunkVerifier {

    /**
     * Why a chunk is not whole, or could not be told: UNREADABLE is a read the store failed (an I/O error, a
     * timeout), which says nothing about the chunk itself.
     */
    public enum Problem { MISSING, DAMAGED, UNREADABLE }

    /**
     * A chunk that is not whole.
     *
     * @param problem missing, damaged or unreadable
     * @param reason  in words, without the chunk id
     */
    public record Failure(Problem problem, String reason) {
    }

    private final Repository repository;
    private final int workers;
    private final Progress progress;

    public ChunkVerifier(Repository repository, int workers, Progress progress) {
        this.repository = repository;
        this.workers = workers;
        this.progress = progress;
    }

    /** @return chunk id → failure, for every chunk of {@code ids} that is not whole, in id order */
    public Map<String, Failure> verify(Collection<String> ids) throws IOException {
        progress.addTotal(ids.size(), 0);
        Map<String, Failure> failures = new TreeMap<>();
        ExecutorService pool = Workers.pool("photovault-verify", workers);
        try {
            List<String> order = new ArrayList<>(ids);
            List<Future<Failure>> results = new ArrayList<>();
            for (String id : order) {
                results.add(pool.submit(() -> {
                    try {
                        progress.bytesDone(repository.readChunk(id).length);
                        return null;
                    } catch (ObjectNotFoundException e) {
                        return new Failure(Problem.MISSING, "missing");
                    } catch (VaultException e) {
                        return new Failure(Problem.DAMAGED, e.getMessage().replace("chunk " + id + " ", ""));
                    } catch (IOException e) {
                        return new Failure(Problem.UNREADABLE, "could not be read (" + e.getMessage()
                                + "): check the store and run check again");
                    } finally {
                        progress.itemDone();
                    }
                }));
            }
            for (int i = 0; i < order.size(); i++) {
                Failure failure = Workers.await(results.get(i), "verify");
                if (failure != null) {
                    failures.put(order.get(i), failure);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }
}
