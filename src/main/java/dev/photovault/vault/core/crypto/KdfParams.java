package dev.photovault.vault.core.crypto;

import dev.photovault.vault.core.VaultException;

/**
 * Argon2id cost parameters, stored in each key file so that every key can carry its own. Key files are untrusted
 * input, so the parameters are bounded: no key can make opening the repository take more than about ten seconds
 * or more than 4 GiB of memory here.
 *
 * @param memoryKiB   memory in KiB
 * @param iterations  passes over the memory
 * @param parallelism lanes
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {

    /** The memory the issue asks for: 64 MiB. */
    public static final int DEFAULT_MEMORY_KIB = 64 * 1024;
    /** The most memory a key may ask for: 4 GiB. */
    public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    /** The most passes a key may ask for. */
    public static final int MAX_ITERATIONS = 64;
    /** The most lanes a key may ask for. */
    public static final int MAX_PARALLELISM = 16;
    /** The most work (memory × passes, in KiB) a key may ask for: 8 GiB of memory passes. */
    public static final long MAX_WORK_KIB = 8L * 1024 * 1024;

    public KdfParams {
        check(memoryKiB, iterations, parallelism);
    }

    /**
     * @throws VaultException saying which value is out of which range
     */
    public static void check(long memoryKiB, long iterations, long parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new VaultException("Argon2id parallelism " + parallelism + " is out of range (1 to "
                    + MAX_PARALLELISM + ")");
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new VaultException("Argon2id memory " + memoryKiB + " KiB is out of range (" + 8 * parallelism
                    + " KiB to " + MAX_MEMORY_KIB / 1024 + " MiB)");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new VaultException("Argon2id iterations " + iterations + " is out of range (1 to "
                    + MAX_ITERATIONS + ")");
        }
        if (memoryKiB * iterations > MAX_WORK_KIB) {
            throw new VaultException("Argon2id memory " + memoryKiB / 1024 + " MiB × " + iterations
                    + " iterations is more work than photovault allows (" + MAX_WORK_KIB / 1024 / 1024
                    + " GiB of passes): lower one of them");
        }
    }
}
