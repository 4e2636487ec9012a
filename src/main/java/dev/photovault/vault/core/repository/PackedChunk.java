package dev.photovault.vault.core.repository;

/** A chunk of a pack, as the pack's header tells: its id and where its sealed bytes are. */
public record PackedChunk(String id, PackRef ref) {
}
