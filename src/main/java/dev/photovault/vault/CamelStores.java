package dev.photovault.vault;

import dev.photovault.vault.core.store.ObjectStore;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.StartupSummaryLevel;

/**
 * A store named by a Camel endpoint URI for programs that do not run routes (the command line): a quiet Camel
 * context of its own, started once and kept for the life of the process.
 */
public final class CamelStores {

    private static CamelContext context;

    private CamelStores() {
    }

    /** The store behind {@code uri} ({@code file:…} or {@code aws2-s3://…}). */
    public static synchronized ObjectStore open(String uri) throws Exception {
        return StoreEndpoints.open(context(), uri);
    }

    /** The process's quiet Camel context, started on first use. */
    public static synchronized CamelContext context() {
        if (context == null) {
            DefaultCamelContext c = new DefaultCamelContext();
            c.setStartupSummaryLevel(StartupSummaryLevel.Off);
            c.start();
            context = c;
        }
        return context;
    }
}
