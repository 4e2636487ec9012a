package dev.photovault.vault.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Derives a key-encryption key from a passphrase with Argon2id (Bouncy Castle). */
public final class PassphraseKdf {

    private PassphraseKdf() {
    }

    public static byte[] derive(char[] passphrase, byte[] salt, KdfParams params) {
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
        int iterations = (int) Math.max(1, Math.min(64, Math.round((double) targetMillis / millis)));
        return new KdfParams(memoryKiB, iterations, 1);
    }
}
