package dev.photovault.vault.core.chunker;

/**
 * Where FastCDC ends one chunk.
 *
 * @param length the chunk's length in bytes
 * @param hash   the gear hash at the cut point (compare as unsigned)
 */
public record Cut(int length, long hash) {
}
