package dev.photovault.vault.core.crypto;

import dev.photovault.vault.core.VaultException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Derives a key-encryption key from a passphrase with Argon2id (Bouncy Castle). */
public final class PassphraseKdf {

    /** Bouncy Castle holds each 1 KiB Argon2 block as a {@code long[128]}: a little more than 1 KiB of heap. */
    private static final long HEAP_PER_KIB = 1100;
    private static final long HEAP_MARGIN = 16L << 20;

    private PassphraseKdf() {
    }

    /**
     * @throws VaultException before deriving anything when this JVM's heap cannot hold the Argon2 memory
     */
    public static byte[] derive(char[] passphrase, byte[] salt, KdfParams params) {
        requireHeap(params);
        Argon2Parameters argon = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(argon);
        byte[] out = new byte[32];
        generator.generateBytes(passphrase, out);
        return out;
    }

    /** Says in one line, instead of an OutOfMemoryError, that the heap is too small for this key. */
    static void requireHeap(KdfParams params) {
        Runtime rt = Runtime.getRuntime();
        long needed = params.memoryKiB() * HEAP_PER_KIB + HEAP_MARGIN;
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (needed > available) {
            System.gc();
            available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        if (needed > available) {
            throw new VaultException("the key derivation needs " + (needed >> 20) + " MiB of memory but this Java"
                    + " can give only " + (available >> 20) + " MiB: run it with a larger heap (java -Xmx"
                    + Math.max(256, ((needed + rt.totalMemory() - rt.freeMemory()) >> 20) * 2) + "m …) or use a key"
                    + " made with a smaller --kdf-memory");
        }
    }

    /**
     * Picks the iteration count that makes one derivation with {@code memoryKiB} take about {@code targetMillis}
     * on this machine, so that guessing passphrases stays expensive as machines get faster.
     */
    public static KdfParams calibrate(int memoryKiB, long targetMillis) {
        KdfParams probe = new KdfParams(memoryKiB, 1, 1);
        byte[] salt = new byte[16];
        char[] sample = "calibration".toCharArray();
        derive(sample, salt, probe); // warm up the JIT before timing
        long start = System.nanoTime();
        derive(sample, salt, probe);
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        long byWork = KdfParams.MAX_WORK_KIB / memoryKiB;
        int iterations = (int) Math.max(1, Math.min(Math.min(KdfParams.MAX_ITERATIONS, byWork),
                Math.round((double) targetMillis / millis)));
        return new KdfParams(memoryKiB, iterations, 1);
    }
}
