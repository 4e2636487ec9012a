package dev.photovault.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.photovault.googlephotos.GooglePhotosConfiguration;
import dev.photovault.googlephotos.GooglePhotosEndpoint;
import dev.photovault.vault.core.VaultJson;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.camel.Exchange;

/**
 * The bean behind {@code push-albums.yaml}: one {@link AlbumPush} of {@code push.source} with the account of the
 * {@code google-photos} component. The body becomes the summary line; the run report (for notify.yaml) and the run
 * status ({@code complete}, {@code partial} when a file was refused, failed or the quota ran out, {@code dry-run})
 * are set as a backup route sets them.
 */
public final class AlbumPushJob {

    private final Path source;
    private final AlbumPush.Mode mode;
    private final boolean dryRun;
    private final Path stateDir;

    public AlbumPushJob(Path source, AlbumPush.Mode mode, boolean dryRun, Path stateDir) {
        this.source = source;
        this.mode = mode;
        this.dryRun = dryRun;
        this.stateDir = stateDir;
    }

    public void run(Exchange exchange) throws IOException {
        GooglePhotosEndpoint endpoint = exchange.getContext().getEndpoint("google-photos:mediaItems",
                GooglePhotosEndpoint.class);
        GooglePhotosConfiguration c = endpoint.getConfiguration();
        AlbumPush.Result r = AlbumPush.push(endpoint.getClient(), source, mode, dryRun, stateDir,
                GooglePhotosRestore.accountKey(c.getApiUrl(), c.getClientId(), c.getRefreshToken()));
        String status = dryRun ? "dry-run" : r.complete() ? "complete" : "partial";
        ObjectNode report = VaultJson.MAPPER.createObjectNode();
        report.put("status", status);
        report.put("job", exchange.getFromRouteId());
        report.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        report.put("uploaded", r.uploaded());
        report.put("addedToAlbums", r.addedToAlbums());
        report.put("alreadyThere", r.alreadyThere());
        report.put("albumsCreated", r.albumsCreated());
        report.put("deleted", r.deleted());
        report.set("removedFromAlbums", VaultJson.MAPPER.valueToTree(r.removed()));
        report.set("refused", VaultJson.MAPPER.valueToTree(r.refused()));
        report.set("failures", VaultJson.MAPPER.valueToTree(r.failures()));
        if (dryRun) {
            report.set("plan", VaultJson.MAPPER.valueToTree(r.plan()));
        }
        if (r.stoppedBecause() != null) {
            report.put("stoppedBecause", r.stoppedBecause());
        }
        exchange.setProperty("CamelVaultRunStatus", status);
        exchange.setProperty("CamelVaultRunReport", report.toString());
        exchange.getMessage().setBody(String.format("%s %s: %d uploaded, %d added to another album, %d already there,"
                + " %d albums created, %d deleted, %d removed from albums, %d refused, %d failed%s", status, source,
                r.uploaded(), r.addedToAlbums(), r.alreadyThere(), r.albumsCreated(), r.deleted(), r.removed().size(),
                r.refused().size(), r.failures().size(),
                r.stoppedBecause() == null ? "" : "; stopped: " + r.stoppedBecause()));
    }
}
