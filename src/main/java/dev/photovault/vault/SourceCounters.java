package dev.photovault.vault;

import java.util.Map;

/**
 * Request counters of a source, read when a backup opens and when it commits, so that the run report can say
 * what the run spent (e.g. Google Photos API and media requests). Bind one in the Camel registry.
 */
@FunctionalInterface
public interface SourceCounters {

    /** The counters now, by name (e.g. {@code google-photos.api}); they only grow. */
    Map<String, Long> counters();
}
