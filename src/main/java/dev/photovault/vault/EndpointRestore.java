package dev.photovault.vault;

import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.restorer.EntryInputStream;
import dev.photovault.vault.core.snapshot.Entry;
import dev.photovault.vault.core.snapshot.Snapshot;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;

/**
 * Restores a snapshot's files into any Camel producer endpoint ({@code file:}, {@code aws2-s3:}, {@code sftp:} …):
 * one exchange per file, its body the decrypted content (streamed, every chunk verified), named by its entry path
 * ({@code <album>/<file name>}) in {@code CamelFileName} and {@code CamelAwsS3Key}, with its length and time
 * ({@code CamelFileLastModified}: a {@code file:} endpoint keeps it with {@code keepLastModified=true}).
 */
public final class EndpointRestore {

    /**
     * What was sent.
     *
     * @param files    files the endpoint accepted
     * @param bytes    their bytes
     * @param failures one line per file the endpoint refused (or whose content was damaged)
     */
    public record Result(long files, long bytes, List<String> failures) {
    }

    private EndpointRestore() {
    }

    public static Result restore(CamelContext context, String uri, Repository repository, Snapshot snapshot,
            Predicate<String> include) throws Exception {
        Endpoint endpoint = context.getEndpoint(uri);
        Producer producer = endpoint.createProducer();
        producer.start();
        long files = 0;
        long bytes = 0;
        List<String> failures = new ArrayList<>();
        try {
            for (Entry e : snapshot.entries()) {
                if (!e.isFile() || !include.test(e.path())) {
                    continue;
                }
                Exchange exchange = endpoint.createExchange();
                try (InputStream in = new EntryInputStream(repository, e)) {
                    exchange.getMessage().setBody(in);
                    exchange.getMessage().setHeader(Exchange.FILE_NAME, e.path());
                    exchange.getMessage().setHeader("CamelAwsS3Key", e.path());
                    exchange.getMessage().setHeader("CamelAwsS3ContentLength", e.size());
                    exchange.getMessage().setHeader(Exchange.CONTENT_LENGTH, e.size());
                    exchange.getMessage().setHeader(Exchange.FILE_LAST_MODIFIED, Date.from(e.mtime()));
                    if (e.media() != null && e.media().mimeType() != null) {
                        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, e.media().mimeType());
                    }
                    producer.process(exchange);
                } catch (Exception x) {
                    exchange.setException(x);
                }
                if (exchange.getException() != null) {
                    // An endpoint's message may quote its URI, keys included.
                    failures.add(e.path() + ": " + org.apache.camel.util.URISupport.sanitizeUri(
                            String.valueOf(exchange.getException().getMessage())));
                } else {
                    files++;
                    bytes += e.size();
                }
            }
        } finally {
            producer.stop();
        }
        return new Result(files, bytes, failures);
    }
}
