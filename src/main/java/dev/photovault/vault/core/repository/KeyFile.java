package dev.photovault.vault.core.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A {@code keys/<id>} object: the master keys wrapped under one passphrase.
 *
 * @param version     the key format version (1)
 * @param created     when the key was added
 * @param hostname    the machine that added it
 * @param username    the user who added it
 * @param kdf         the Argon2id parameters and salt
 * @param data        base64 of {@code nonce ‖ AES-256-GCM(master key) ‖ tag}
 * @param check       base64 of the 16-byte passphrase check value (absent in keys made before it existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyFile(int version, Instant created, String hostname, String username, Kdf kdf, String data,
        String check) {

    /**
     * Argon2id parameters.
     *
     * @param algorithm   always {@code argon2id}
     * @param memoryKiB   memory in KiB
     * @param iterations  passes
     * @param parallelism lanes
     * @param salt        base64 of the 16-byte salt
     */
    public record Kdf(String algorithm, long memoryKiB, long iterations, long parallelism, String salt) {
    }

    @Override
    public String toString() {
        return "KeyFile[created=" + created + ", host=" + hostname + ", user=" + username + "]";
    }
}
