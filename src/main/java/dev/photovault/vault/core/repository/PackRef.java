package dev.photovault.vault.core.repository;

/**
 * Where a packed chunk's sealed bytes are (format.md §5): in the pack object {@code packs/<pack[0..2]>/<pack>},
 * {@code length} bytes from {@code offset}.
 */
public record PackRef(String pack, long offset, int length) {

    public String key() {
        return Repository.packKey(pack);
    }

    /** For messages: the pack and the byte range. */
    public String describe() {
        return key() + " bytes " + offset + "–" + (offset + length - 1);
    }
}
