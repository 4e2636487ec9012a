package dev.photovault.googlephotos;

import org.apache.camel.spi.Metadata;

/** The headers of {@code google-photos:} messages. */
public final class GooglePhotosConstants {

    @Metadata(label = "producer", description = "The operation to perform, overriding the endpoint's operation option.",
            javaType = "dev.photovault.googlephotos.GooglePhotosOperations")
    public static final String OPERATION = "CamelGooglePhotosOperation";
    @Metadata(description = "The media item id.", javaType = "String")
    public static final String MEDIA_ITEM_ID = "CamelGooglePhotosMediaItemId";
    @Metadata(description = "The item's file name (on upload: the name to give it).", javaType = "String")
    public static final String FILE_NAME = "CamelGooglePhotosFileName";
    @Metadata(description = "The item's media type, e.g. image/jpeg.", javaType = "String")
    public static final String MIME_TYPE = "CamelGooglePhotosMimeType";
    @Metadata(description = "When the photo or video was taken (or created).", javaType = "java.time.Instant")
    public static final String CREATION_TIME = "CamelGooglePhotosCreationTime";
    @Metadata(description = "Width in pixels.", javaType = "long")
    public static final String WIDTH = "CamelGooglePhotosWidth";
    @Metadata(description = "Height in pixels.", javaType = "long")
    public static final String HEIGHT = "CamelGooglePhotosHeight";
    @Metadata(description = "The camera's make, if Google knows it.", javaType = "String")
    public static final String CAMERA_MAKE = "CamelGooglePhotosCameraMake";
    @Metadata(description = "The camera's model, if Google knows it.", javaType = "String")
    public static final String CAMERA_MODEL = "CamelGooglePhotosCameraModel";
    @Metadata(description = "Whether the item is a video.", javaType = "boolean")
    public static final String VIDEO = "CamelGooglePhotosVideo";
    @Metadata(description = "The item's caption (on upload: the caption to give it).", javaType = "String")
    public static final String DESCRIPTION = "CamelGooglePhotosDescription";
    @Metadata(description = "Where a person sees the item in Google Photos.", javaType = "String")
    public static final String PRODUCT_URL = "CamelGooglePhotosProductUrl";
    @Metadata(description = "The album the item was listed from (on producers: the album to work on).",
            javaType = "String")
    public static final String ALBUM_ID = "CamelGooglePhotosAlbumId";
    @Metadata(description = "The title of that album (on producers: the album to work on, found or created by title).",
            javaType = "String")
    public static final String ALBUM_TITLE = "CamelGooglePhotosAlbumTitle";
    @Metadata(description = "The Picker session the item was picked in (on producers: the session to work on).",
            javaType = "String")
    public static final String PICKER_SESSION_ID = "CamelGooglePhotosPickerSessionId";
    @Metadata(description = "The address where the user picks items for a new Picker session.", javaType = "String")
    public static final String PICKER_URI = "CamelGooglePhotosPickerUri";
    @Metadata(description = "Where the item came from: library (Library API) or picker (Picker API).",
            javaType = "String")
    public static final String SOURCE = "CamelGooglePhotosSource";
    @Metadata(label = "producer", description = "After an upload of several files: the ones Google refused, as"
            + " 'file name: reason' lines.", javaType = "java.util.List<String>")
    public static final String FAILED = "CamelGooglePhotosFailed";

    private GooglePhotosConstants() {
    }
}
