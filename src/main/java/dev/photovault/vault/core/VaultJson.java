package dev.photovault.vault.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapping of the repository format: ISO-8601 instants, unknown fields ignored (forward compatible). */
public final class VaultJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    /**
     * Writes {@code value} as JSON to {@code file} so that the file is always whole: into a sibling temporary file,
     * then renamed over it (a state file a killed process wrote last is the previous one, never half of one).
     */
    public static void writeFile(java.nio.file.Path file, Object value) throws java.io.IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        java.nio.file.Files.write(temp, MAPPER.writeValueAsBytes(value));
        java.nio.file.Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Why a stored file could not be read as JSON, in one line without the parser's source excerpt (the bytes may
     * be anything).
     */
    public static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException
                        || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        String message = t instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getOriginalMessage() : t.getMessage();
        if (message == null) {
            message = t.getClass().getSimpleName();
        }
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    private VaultJson() {
    }
}
