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
 * with Object Lock an entry also has {@code "lockedUntil":"<ISO-8601>"}, the retention its object was given.
 */
final class IndexCodec {

    private IndexCodec() {
    }

    /** Receives one entry: id, plaintext size, and the lock's end (epoch seconds) or 0. */
    interface Sink {
        void accept(String id, int size, long lockedUntil);
    }

    static byte[] encode(Map<String, Integer> chunks) {
        return encode(chunks, Map.of());
    }

    static byte[] encode(Map<String, Integer> chunks, Map<String, Long> lockedUntil) {
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
        decode(encoded, (id, size, until) -> sink.accept(id, size));
    }

    static void decode(byte[] encoded, Sink sink) throws IOException {
        try (JsonParser json = VaultJson.MAPPER.getFactory()
                .createParser(new GZIPInputStream(new ByteArrayInputStream(encoded)))) {
            String id = null;
            int size = -1;
            long until = 0;
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
                    } else {
                        json.skipChildren();
                    }
                } else if (token == JsonToken.END_OBJECT && id != null) {
                    if (size < 0) {
                        throw new IOException("index entry " + id + " has no size");
                    }
                    sink.accept(id, size, until);
                    id = null;
                    size = -1;
                    until = 0;
                }
            }
        }
    }
}
