package dev.photovault.googlephotos;

import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import dev.photovault.googlephotos.api.PhotosApiException;
import dev.photovault.googlephotos.api.PickerSession;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.Set;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls media items: of one album ({@code albumId}/{@code albumTitle}), of every app-created album (and the
 * app-created items in none), or of a finished Picker session ({@code google-photos:picker?sessionId=…}). One
 * exchange per item with a header per metadata field and a lazy body. A listing cut short by
 * {@code maxMessagesPerPoll} continues where it stopped at the next poll (the page position is kept, as S3 keeps
 * its marker). A spent daily quota or a refused refresh token ends the poll with one clear log line.
 */
public class GooglePhotosConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(GooglePhotosConsumer.class);

    private Iterator<Listed> pending;
    private java.time.Instant pausedUntil;

    /**
     * One listed item and the album it was listed from.
     *
     * @param item  the item
     * @param album the album, or null
     */
    record Listed(MediaItem item, Album album) {
    }

    public GooglePhotosConsumer(GooglePhotosEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public GooglePhotosEndpoint getEndpoint() {
        return (GooglePhotosEndpoint) super.getEndpoint();
    }

    private GooglePhotosClient client() {
        return getEndpoint().getClient();
    }

    @Override
    protected int poll() throws Exception {
        shutdownRunningTask = null;
        pendingExchanges = 0;
        if (pausedUntil != null && java.time.Instant.now().isBefore(pausedUntil)) {
            LOG.debug("google-photos: daily quota spent; polls resume at {}", pausedUntil);
            return 0;
        }
        pausedUntil = null;
        IdempotentRepository seen = getEndpoint().getIdempotentRepository();
        Queue<Object> batch = new ArrayDeque<>();
        try {
            if (pending == null) {
                pending = listing();
            }
            while ((maxMessagesPerPoll <= 0 || batch.size() < maxMessagesPerPoll) && pending.hasNext()) {
                Listed listed = pending.next();
                if (seen == null || seen.add(listed.item().id())) {
                    batch.add(listed);
                }
            }
            if (!pending.hasNext()) {
                pending = null;
            }
        } catch (dev.photovault.googlephotos.api.QuotaExhaustedException e) {
            // Every further request would be refused until the quota resets: no point polling before then.
            LOG.warn("google-photos: {} — this poll stops after {} items; polls pause until then", e.getMessage(),
                    batch.size());
            pausedUntil = e.resetsAt();
            pending = null;
        } catch (PhotosApiException e) {
            // Quota spent, token refused, album gone: a user's problem, said in one line, retried next poll.
            LOG.warn("google-photos: {} — this poll stops after {} items", e.getMessage(), batch.size());
            pending = null;
        }
        forceConsumerAsReady();
        return processBatch(batch);
    }

    /** The items this endpoint reads, lazily: nothing is listed until the iterator is advanced. */
    private Iterator<Listed> listing() {
        GooglePhotosConfiguration c = getEndpoint().getConfiguration();
        if ("picker".equals(getEndpoint().getResource())) {
            if (c.getSessionId() == null) {
                throw new IllegalArgumentException("google-photos:picker needs sessionId=…");
            }
            PickerSession session = client().getPickerSession(c.getSessionId());
            if (!session.mediaItemsSet()) {
                LOG.debug("Picker session {} is still waiting for the user to pick", session.id());
                return Collections.emptyIterator();
            }
            return map(client().listPickedItems(session.id()), null);
        }
        if (c.getAlbumId() != null) {
            Album album = client().getAlbum(c.getAlbumId());
            return map(client().listAlbumItems(album.id()), album);
        }
        if (c.getAlbumTitle() != null) {
            Album album = client().findAlbum(c.getAlbumTitle());
            if (album == null) {
                LOG.warn("google-photos: no album titled '{}' was created by this app; nothing to read",
                        c.getAlbumTitle());
                return Collections.emptyIterator();
            }
            return map(client().listAlbumItems(album.id()), album);
        }
        return new EveryAlbum(client(), c.isIncludeItemsOutsideAlbums());
    }

    static Iterator<Listed> map(Iterator<MediaItem> items, Album album) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public Listed next() {
                return new Listed(items.next(), album);
            }
        };
    }

    /**
     * Each app-created album's items in turn (all albums, or those with the given titles), then (optionally) the
     * app-created items in no album. An item in several albums is listed once per album (each message says its
     * album, so a consumer sees every membership); the final listing of all items yields only those no album
     * listed.
     */
    static final class EveryAlbum implements Iterator<Listed> {
        private final GooglePhotosClient client;
        private final Iterator<Album> albums;
        private final boolean outside;
        private final Set<String> titles;
        private final Set<String> emitted = new HashSet<>();
        private Iterator<Listed> current = Collections.emptyIterator();
        private boolean outsideStarted;
        private Listed next;

        EveryAlbum(GooglePhotosClient client, boolean outside) {
            this(client, outside, Set.of());
        }

        /** @param titles the albums to read; empty: every album */
        EveryAlbum(GooglePhotosClient client, boolean outside, Set<String> titles) {
            this.client = client;
            this.albums = client.listAlbums();
            this.outside = outside && titles.isEmpty();
            this.titles = titles;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (current.hasNext()) {
                    Listed candidate = current.next();
                    boolean fresh = emitted.add(candidate.item().id());
                    if (candidate.album() != null || fresh) {
                        next = candidate;
                    }
                } else if (albums.hasNext()) {
                    Album album = albums.next();
                    if (titles.isEmpty() || titles.contains(album.title())) {
                        current = map(client.listAlbumItems(album.id()), album);
                    }
                } else if (outside && !outsideStarted) {
                    outsideStarted = true;
                    current = map(client.listMediaItems(), null);
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Listed next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Listed out = next;
            next = null;
            return out;
        }
    }

    @Override
    public int processBatch(Queue<Object> listed) throws Exception {
        int total = listed.size();
        IdempotentRepository seen = getEndpoint().getIdempotentRepository();
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Listed item = (Listed) listed.poll();
            Exchange exchange = createExchange(true);
            getEndpoint().fill(exchange.getIn(), item.item(), item.album());
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            String id = item.item().id();
            if (seen != null) {
                exchange.getExchangeExtension().addOnCompletion(new Synchronization() {
                    @Override
                    public void onComplete(Exchange done) {
                        seen.confirm(id);
                    }

                    @Override
                    public void onFailure(Exchange failed) {
                        // Failed items are offered again at the next poll.
                        seen.remove(id);
                    }
                });
            }
            AsyncCallback cb = defaultConsumerCallback(exchange, true);
            getAsyncProcessor().process(exchange, cb);
        }
        // Items the batch did not reach (the route was stopped) must be offered again.
        for (Object left; (left = listed.poll()) != null; ) {
            if (seen != null) {
                seen.remove(((Listed) left).item().id());
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return "GooglePhotosConsumer[" + getEndpoint().getResource() + "]";
    }
}
