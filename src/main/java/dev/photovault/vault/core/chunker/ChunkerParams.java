package dev.photovault.vault.core.chunker;

/**
 * FastCDC size limits and normalization level.
 *
 * @param min           no chunk is shorter than this (except the last of a stream)
 * @param avg           the target average size; rounded to a power of two for the masks
 * @param max           no chunk is longer than this
 * @param normalization the normalization level NC (0 to 3)
 */
public record ChunkerParams(int min, int avg, int max, int normalization) {

    /** Photos are 1–10 MB and videos many GB: 512 KiB / 1 MiB / 8 MiB, NC 1. */
    public static final ChunkerParams PRODUCTION = new ChunkerParams(512 * 1024, 1024 * 1024, 8 * 1024 * 1024, 1);

    public ChunkerParams {
        if (min < 64 || min > avg || avg > max) {
            throw new dev.photovault.vault.core.VaultException(
                    "chunk sizes must satisfy 64 <= min <= avg <= max, got min=" + min + " avg=" + avg + " max=" + max);
        }
        if (max > 256 * 1024 * 1024) {
            throw new dev.photovault.vault.core.VaultException("max chunk size must be at most 256 MiB, got " + max);
        }
        int bits = bits(avg);
        if (normalization < 0 || normalization > 3 || bits - normalization < 5 || bits + normalization > 25) {
            throw new dev.photovault.vault.core.VaultException("normalization level " + normalization
                    + " does not fit an average of " + avg + " bytes (2^" + bits + ")");
        }
    }

    /** {@code round(log2(avg))}, the index of the mask table. */
    static int bits(int avg) {
        return (int) Math.round(Math.log(avg) / Math.log(2));
    }
}
