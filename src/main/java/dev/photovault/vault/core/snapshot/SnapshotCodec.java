package dev.photovault.vault.core.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.photovault.vault.core.VaultJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The plaintext form of a snapshot: gzip of {@code {"version":1,"header":{…},"entries":[…]}}, written and read
 * as a stream so that large snapshots are never held twice as text.
 */
public final class SnapshotCodec {

    public static final int VERSION = 1;

    private SnapshotCodec() {
    }

    public static byte[] encode(Snapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024);
                JsonGenerator json = VaultJson.MAPPER.getFactory().createGenerator(gzip)) {
            json.writeStartObject();
            json.writeNumberField("version", VERSION);
            json.writeFieldName("header");
            VaultJson.MAPPER.writeValue(json, snapshot.header());
            json.writeArrayFieldStart("entries");
            for (Entry entry : snapshot.entries()) {
                VaultJson.MAPPER.writeValue(json, entry);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a snapshot in memory", e);
        }
        return bytes.toByteArray();
    }

    public static Snapshot decode(byte[] encoded) throws IOException {
        return read(encoded, true);
    }

    /** Only the header, skipping the entries. */
    public static SnapshotHeader decodeHeader(byte[] encoded) throws IOException {
        return read(encoded, false).header();
    }

    private static Snapshot read(byte[] encoded, boolean withEntries) throws IOException {
        try (JsonParser json = VaultJson.MAPPER.getFactory()
                .createParser(new GZIPInputStream(new ByteArrayInputStream(encoded), 64 * 1024))) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            SnapshotHeader header = null;
            List<Entry> entries = new ArrayList<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "version" -> {
                        if (json.getIntValue() > VERSION) {
                            throw new IOException("snapshot format version " + json.getIntValue()
                                    + " is newer than this photovault understands (" + VERSION + "): upgrade photovault");
                        }
                    }
                    case "header" -> header = VaultJson.MAPPER.readValue(json, SnapshotHeader.class);
                    case "entries" -> {
                        expect(value, JsonToken.START_ARRAY);
                        if (!withEntries) {
                            json.skipChildren();
                        } else {
                            while (json.nextToken() == JsonToken.START_OBJECT) {
                                entries.add(VaultJson.MAPPER.readValue(json, Entry.class));
                            }
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (header == null) {
                throw new IOException("snapshot has no header");
            }
            return new Snapshot(header, entries);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("malformed snapshot: expected " + expected + " but found " + actual);
        }
    }
}
