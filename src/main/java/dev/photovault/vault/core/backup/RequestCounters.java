package dev.photovault.vault.core.backup;

import java.util.Map;

/**
 * Request counters of a source, read when a backup opens and when it commits, so that the run report can say
 * what the run spent (e.g. Google Photos API and media requests). In a Camel application, bind one in the
 * registry: the vault: component sums every one it finds.
 */
@FunctionalInterface
public interface RequestCounters {

    /** The counters now, by name (e.g. {@code google-photos.api}); they only grow. */
    Map<String, Long> counters();

    /** No counters. */
    RequestCounters NONE = Map::of;
}
