import java.security.SecureRandom;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-byte cost of each cryptographic step photovault runs on a chunk, in a fresh JVM, over 1 MiB chunks, printed
 * every 256 MiB so that the JIT's warm-up shows: {@code java bench/CryptoThroughput.java MODE [MiB]}.
 * MODE: seal (AES-256-GCM encryption in 4 KiB slices, as backup does), ctr (AES-CTR alone), reseal (what restore
 * does: CTR, then GCM again over the plaintext for the tag), gcm-decrypt (the JDK's GCM decryption, one call per chunk;
 * gcm-decrypt-warm: the same after -Dwarm=20000 decryptions of -DwarmBytes=256 bytes), hmac (HMAC-SHA256, the chunk id), sha256. Not run by the tests; figures go to bench/results/.
 */
public class CryptoThroughput {
    static final int SLICE = 4096;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec aes = new SecretKeySpec(key, "AES");
        byte[] aad = new byte[32];
        byte[] nonce = new byte[12];
        byte[] plain = new byte[1 << 20];
        new Random(1).nextBytes(plain);
        byte[] sealed = new byte[plain.length + 16];
        Cipher e = Cipher.getInstance("AES/GCM/NoPadding");
        e.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
        e.updateAAD(aad);
        slices(e, plain, plain.length, sealed, true);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] out = new byte[plain.length + 16];
        if (mode.equals("gcm-decrypt-warm")) {
            // Many tiny decryptions first, so that HotSpot compiles the JDK's GCM decryption (and inlines its
            // AES and GHASH intrinsics) on a few megabytes rather than on the first gigabyte of real chunks.
            long t = System.nanoTime();
            int warm = Integer.getInteger("warm", 20000);
            int size = Integer.getInteger("warmBytes", 256);
            byte[] small = new byte[size];
            Cipher w = Cipher.getInstance("AES/GCM/NoPadding");
            w.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
            w.updateAAD(aad);
            byte[] smallSealed = w.doFinal(small);
            byte[] smallOut = new byte[size];
            for (int i = 0; i < warm; i++) {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
                c.updateAAD(aad);
                c.doFinal(smallSealed, 0, smallSealed.length, smallOut, 0);
            }
            System.out.printf("warm-up: %d decryptions of %d bytes in %.0f ms%n", warm, size, (System.nanoTime() - t) / 1e6);
        }
        long start = System.nanoTime();
        long last = start;
        for (int i = 1; i <= mib; i++) {
            switch (mode) {
                case "seal" -> {
                    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                    c.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
                    c.updateAAD(aad);
                    slices(c, plain, plain.length, out, true);
                }
                case "ctr" -> ctr(aes, sealed, out);
                case "reseal" -> {
                    ctr(aes, sealed, out);
                    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                    c.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
                    c.updateAAD(aad);
                    slices(c, out, plain.length, new byte[SLICE + 16], false);
                }
                case "gcm-decrypt", "gcm-decrypt-warm" -> {
                    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                    c.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
                    c.updateAAD(aad);
                    c.doFinal(sealed, 0, sealed.length, out, 0);
                }
                case "hmac" -> {
                    mac.update(plain, 0, plain.length);
                    mac.doFinal();
                }
                case "sha256" -> sha.digest(plain);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            if (i % 256 == 0 || (i <= 64 && i % 16 == 0)) {
                long now = System.nanoTime();
                int span = i <= 64 ? 16 : i <= 256 ? 192 : 256;
                System.out.printf("%s MiB %d-%d: %.0f MB/s%n", mode, i - span + 1, i, span * 1.048576e9 / (now - last));
                last = now;
            }
        }
        System.out.printf("%s all %d MiB: %.0f MB/s%n", mode, mib, mib * 1.048576e9 / (System.nanoTime() - start));
    }

    static void ctr(SecretKeySpec aes, byte[] sealed, byte[] out) throws Exception {
        byte[] counter = new byte[16];
        counter[15] = 2;
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.DECRYPT_MODE, aes, new IvParameterSpec(counter));
        slices(c, sealed, sealed.length - 16, out, true);
    }

    static void slices(Cipher c, byte[] in, int n, byte[] out, boolean advance) throws Exception {
        int pos = 0;
        int written = 0;
        for (; n - pos > SLICE; pos += SLICE) {
            int w = c.update(in, pos, SLICE, out, written);
            written += advance ? w : 0;
        }
        c.doFinal(in, pos, n - pos, out, written);
    }
}
