package dev.photovault.googlephotos;

import dev.photovault.googlephotos.api.Album;
import dev.photovault.googlephotos.api.GooglePhotosClient;
import dev.photovault.googlephotos.api.MediaItem;
import java.util.Iterator;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Lists, downloads and uploads Google Photos media through the Library API and the Picker API: app-created albums
 * and items (all the Library API shows since March 2025) and the items a user picked.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "google-photos", title = "Google Photos", syntax = "google-photos:resource",
        category = {Category.CLOUD, Category.FILE}, headersClass = GooglePhotosConstants.class)
public class GooglePhotosEndpoint extends ScheduledPollEndpoint {

    @UriPath(enums = "mediaItems,picker,albums,library")
    @Metadata(required = true)
    private String resource;
    @UriParam
    private GooglePhotosConfiguration configuration;
    @UriParam(label = "consumer,advanced")
    private org.apache.camel.spi.IdempotentRepository idempotentRepository;
    @UriParam(label = "consumer")
    private int maxMessagesPerPoll;

    private GooglePhotosClient client;
    private GooglePhotosHealthCheck healthCheck;

    public GooglePhotosEndpoint(String uri, GooglePhotosComponent component, String resource,
            GooglePhotosConfiguration configuration) {
        super(uri, component);
        this.resource = resource;
        this.configuration = configuration;
    }

    @Override
    public GooglePhotosComponent getComponent() {
        return (GooglePhotosComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new GooglePhotosProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GooglePhotosConsumer consumer = new GooglePhotosConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(maxMessagesPerPoll);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String account = configuration.getAccount();
        boolean named = account != null && !account.isBlank();
        if (!named) {
            require(configuration.getClientId(), "clientId");
            require(configuration.getClientSecret(), "clientSecret");
            require(configuration.getRefreshToken(), "refreshToken");
        }
        client = getComponent().client(configuration);
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (registry != null) {
            // The check's id names the account, so that a revoked token says whose it is.
            healthCheck = new GooglePhotosHealthCheck(client, "google-photos-" + (named ? account + "-" : "") + resource
                    + "-" + Integer.toHexString(System.identityHashCode(this)));
            healthCheck.setEnabled(getComponent().isHealthCheckConsumerEnabled()
                    || getComponent().isHealthCheckProducerEnabled());
            registry.register(healthCheck);
        }
    }

    private static void require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException("google-photos: " + option + " is not set: run 'photovault auth' and"
                    + " set google-photos.client-id, google-photos.client-secret and google-photos.refresh-token");
        }
    }

    @Override
    protected void doStop() throws Exception {
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (registry != null && healthCheck != null) {
            registry.unregister(healthCheck);
        }
        super.doStop();
    }

    /** The REST client (shared with endpoints of the same settings). */
    public GooglePhotosClient getClient() {
        return client;
    }

    /** A message for one media item: a header per metadata field and a lazy body. */
    Message toMessage(MediaItem item, Album album) {
        Message m = new DefaultMessage(getCamelContext());
        fill(m, item, album);
        return m;
    }

    /** Sets a header per metadata field of {@code item} (and its album) and the lazy body on {@code m}. */
    void fill(Message m, MediaItem item, Album album) {
        m.setHeader(GooglePhotosConstants.MEDIA_ITEM_ID, item.id());
        m.setHeader(GooglePhotosConstants.FILE_NAME, item.filename());
        m.setHeader(GooglePhotosConstants.MIME_TYPE, item.mimeType());
        m.setHeader(GooglePhotosConstants.CREATION_TIME, item.creationTime());
        m.setHeader(GooglePhotosConstants.WIDTH, item.width());
        m.setHeader(GooglePhotosConstants.HEIGHT, item.height());
        m.setHeader(GooglePhotosConstants.CAMERA_MAKE, item.cameraMake());
        m.setHeader(GooglePhotosConstants.CAMERA_MODEL, item.cameraModel());
        m.setHeader(GooglePhotosConstants.VIDEO, item.video());
        m.setHeader(GooglePhotosConstants.DESCRIPTION, item.description());
        m.setHeader(GooglePhotosConstants.PRODUCT_URL, item.productUrl());
        m.setHeader(GooglePhotosConstants.SOURCE, item.picked() ? "picker" : "library");
        if (item.picked()) {
            m.setHeader(GooglePhotosConstants.PICKER_SESSION_ID, item.pickerSessionId());
        }
        if (album != null) {
            m.setHeader(GooglePhotosConstants.ALBUM_ID, album.id());
            m.setHeader(GooglePhotosConstants.ALBUM_TITLE, album.title());
        }
        m.setBody(new GooglePhotosMediaBody(client, item));
    }

    /** Media items as messages, converted one by one as the caller advances. */
    Iterator<Message> toMessages(Iterator<MediaItem> items, Album album) {
        return toListedMessages(GooglePhotosConsumer.map(items, album));
    }

    /**
     * Listed items (each with the album it was found in) as messages, lazily. A listing that failed stays ended:
     * a splitter asks {@code hasNext} again while it finishes, and the failure has already been reported once.
     */
    Iterator<Message> toListedMessages(Iterator<GooglePhotosConsumer.Listed> listed) {
        return new Iterator<>() {
            private boolean failed;

            @Override
            public boolean hasNext() {
                if (failed) {
                    return false;
                }
                try {
                    return listed.hasNext();
                } catch (RuntimeException e) {
                    failed = true;
                    throw e;
                }
            }

            @Override
            public Message next() {
                GooglePhotosConsumer.Listed l = listed.next();
                return toMessage(l.item(), l.album());
            }
        };
    }

    public String getResource() {
        return resource;
    }

    /**
     * What to read: {@code mediaItems} (app-created albums and items) or {@code picker} (a Picker session's picked
     * items). Producers take any of the names; their operation option says what they do.
     */
    public void setResource(String resource) {
        this.resource = resource;
    }

    public GooglePhotosConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(GooglePhotosConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    /**
     * At most this many items per poll (0: all); the next poll continues the listing where this one stopped.
     * Combine with {@code greedy=true} to go on at once rather than at the next scheduled time.
     */
    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public org.apache.camel.spi.IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    /**
     * Remembers the media item ids already emitted, so that a poll emits only items not seen before (an id is
     * forgotten again if its exchange fails).
     */
    public void setIdempotentRepository(org.apache.camel.spi.IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }
}
