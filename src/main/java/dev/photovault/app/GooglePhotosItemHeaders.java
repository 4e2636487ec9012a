package dev.photovault.app;

import dev.photovault.googlephotos.GooglePhotosConstants;
import dev.photovault.googlephotos.GooglePhotosMediaBody;
import dev.photovault.vault.ItemHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Gives a google-photos media item message the vault's item headers ({@link GooglePhotosItems} maps the fields),
 * where the two components meet (neither knows the other). The shipped backup routes call it (bean
 * {@code photovaultGooglePhotosItem}) before {@code vault:store}.
 */
public final class GooglePhotosItemHeaders implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getIn();
        if (!(m.getBody() instanceof GooglePhotosMediaBody body)) {
            throw new IllegalArgumentException("photovaultGooglePhotosItem expects a google-photos media item (from"
                    + " listMediaItems or a consumer), not " + (m.getBody() == null ? "an empty body"
                    : m.getBody().getClass().getSimpleName()));
        }
        ItemHeaders.write(GooglePhotosItems.toBackupItem(body.item(),
                m.getHeader(GooglePhotosConstants.ALBUM_TITLE, String.class)), m);
    }
}
