package dev.photovault.app;

import dev.photovault.googlephotos.GooglePhotosConstants;
import dev.photovault.vault.VaultConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Maps a google-photos media item message to the vault's item headers, the one place where the two components'
 * names meet (neither component knows the other). The shipped backup routes call it (bean
 * {@code photovaultGooglePhotosItem}) before {@code vault:store}.
 */
public final class GooglePhotosItemHeaders implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getIn();
        copy(m, GooglePhotosConstants.MEDIA_ITEM_ID, VaultConstants.SOURCE_ID);
        copy(m, GooglePhotosConstants.FILE_NAME, VaultConstants.FILE_NAME);
        copy(m, GooglePhotosConstants.ALBUM_TITLE, VaultConstants.ALBUM);
        copy(m, GooglePhotosConstants.MIME_TYPE, VaultConstants.MIME_TYPE);
        copy(m, GooglePhotosConstants.WIDTH, VaultConstants.WIDTH);
        copy(m, GooglePhotosConstants.HEIGHT, VaultConstants.HEIGHT);
        copy(m, GooglePhotosConstants.CAMERA_MAKE, VaultConstants.CAMERA_MAKE);
        copy(m, GooglePhotosConstants.CAMERA_MODEL, VaultConstants.CAMERA_MODEL);
        copy(m, GooglePhotosConstants.DESCRIPTION, VaultConstants.DESCRIPTION);
        Object created = m.getHeader(GooglePhotosConstants.CREATION_TIME);
        if (created != null) {
            // Google's creationTime is when the photo was taken (not uploaded); it is also the item's source time,
            // by which the next run recognises it unchanged.
            m.setHeader(VaultConstants.TIME, created);
            m.setHeader(VaultConstants.TAKEN_TIME, created);
            m.setHeader(VaultConstants.TAKEN_TIME_SOURCE, "api");
        }
    }

    private static void copy(Message m, String from, String to) {
        Object value = m.getHeader(from);
        if (value != null) {
            m.setHeader(to, value);
        }
    }
}
