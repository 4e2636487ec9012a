package dev.photovault.vault.core.repository;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.photovault.vault.core.VaultJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.ObjIntConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The plaintext of an index delta: gzip of {@code {"version":1,"chunks":[{"id":"…","size":N},…]}}; in a store
 * with Object Lock an entry also has {@code "lockedUntil":"<ISO-8601>"}, the retention its object was given; a
 * packed chunk's entry has {@code "pack":"<64 hex>","offset":N,"length":N}, where its sealed bytes are.
 */
final class IndexCodec {

    private IndexCodec() {
    }

    /** Receives one entry: id, plaintext size, and the lock's end (epoch seconds) or 0. */
    interface Sink {
        /** @param where the chunk's place in a pack, or null for a chunk stored as its own object */
        void accept(String id, int size, long lockedUntil, PackRef where);
    }

    static byte[] encode(Map<String, Integer> chunks) {
        return encode(chunks, Map.of(), Map.of());
    }

    static byte[] encode(Map<String, Integer> chunks, Map<String, Long> lockedUntil) {
        return encode(chunks, lockedUntil, Map.of());
    }

    static byte[] encode(Map<String, Integer> chunks, Map<String, Long> lockedUntil, Map<String, PackRef> where) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
                JsonGenerator json = VaultJson.MAPPER.getFactory().createGenerator(gzip)) {
            json.writeStartObject();
            json.writeNumberField("version", 1);
            json.writeArrayFieldStart("chunks");
            for (Map.Entry<String, Integer> chunk : chunks.entrySet()) {
                json.writeStartObject();
                json.writeStringField("id", chunk.getKey());
                json.writeNumberField("size", chunk.getValue());
                Long until = lockedUntil.get(chunk.getKey());
                if (until != null) {
                    json.writeStringField("lockedUntil", java.time.Instant.ofEpochSecond(until).toString());
                }
                PackRef ref = where.get(chunk.getKey());
                if (ref != null) {
                    json.writeStringField("pack", ref.pack());
                    json.writeNumberField("offset", ref.offset());
                    json.writeNumberField("length", ref.length());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode an index in memory", e);
        }
        return bytes.toByteArray();
    }

    static void decode(byte[] encoded, ObjIntConsumer<String> sink) throws IOException {
        decode(encoded, (id, size, until, where) -> sink.accept(id, size));
    }

    static void decode(byte[] encoded, Sink sink) throws IOException {
        try (JsonParser json = VaultJson.MAPPER.getFactory()
                .createParser(new GZIPInputStream(new ByteArrayInputStream(encoded)))) {
            String id = null;
            int size = -1;
            long until = 0;
            String pack = null;
            long offset = -1;
            int length = -1;
            Map<String, String> packs = new java.util.HashMap<>();
            boolean inChunks = false;
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    JsonToken value = json.nextToken();
                    if (name.equals("chunks") && value == JsonToken.START_ARRAY) {
                        inChunks = true;
                    } else if (inChunks && name.equals("id")) {
                        id = json.getText();
                    } else if (inChunks && name.equals("size")) {
                        size = json.getIntValue();
                    } else if (inChunks && name.equals("lockedUntil")) {
                        until = java.time.Instant.parse(json.getText()).getEpochSecond();
                    } else if (inChunks && name.equals("pack")) {
                        String text = json.getText();
                        pack = packs.computeIfAbsent(text, t -> t); // one string per pack, not per chunk
                    } else if (inChunks && name.equals("offset")) {
                        offset = json.getLongValue();
                    } else if (inChunks && name.equals("length")) {
                        length = json.getIntValue();
                    } else {
                        json.skipChildren();
                    }
                } else if (token == JsonToken.END_OBJECT && id != null) {
                    if (size < 0) {
                        throw new IOException("index entry " + id + " has no size");
                    }
                    PackRef where = null;
                    if (pack != null) {
                        if (!Repository.isObjectId(pack) || offset < 0 || length < 0) {
                            throw new IOException("index entry " + id + " names a malformed place in a pack");
                        }
                        where = new PackRef(pack, offset, length);
                    }
                    sink.accept(id, size, until, where);
                    id = null;
                    size = -1;
                    until = 0;
                    pack = null;
                    offset = -1;
                    length = -1;
                }
            }
        }
    }
}
