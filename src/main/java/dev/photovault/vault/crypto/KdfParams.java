package dev.photovault.vault.crypto;

/**
 * Argon2id cost parameters, stored in each key file so that every key can carry its own.
 *
 * @param memoryKiB   memory in KiB
 * @param iterations  passes over the memory
 * @param parallelism lanes
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {

    /** The memory the issue asks for: 64 MiB. */
    public static final int DEFAULT_MEMORY_KIB = 64 * 1024;

    public KdfParams {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2id parameters: memory " + memoryKiB
                    + " KiB, iterations " + iterations + ", parallelism " + parallelism);
        }
    }
}
