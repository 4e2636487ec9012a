package dev.photovault.googlephotos;

/** What a {@code google-photos:} producer does with an exchange. */
public enum GooglePhotosOperations {
    /** Body: the list of app-created albums. */
    listAlbums,
    /** Creates an album titled by the AlbumTitle header, the albumTitle option or the body; body: the album. */
    createAlbum,
    /**
     * Body: a lazy, paging {@code Iterator} of media item messages (headers and a lazy body) of one album, or of
     * every app-created item; suitable for a streaming split.
     */
    listMediaItems,
    /** Body: the media item message for the MediaItemId header (or body), with a lazy body. */
    getMediaItem,
    /** Body: the opened {@code InputStream} of the item in the MediaItemId header (or body). */
    download,
    /**
     * Uploads the body (bytes, stream, file, or a collection of files for a batched create) into the album of the
     * AlbumId/AlbumTitle header or option, creating an album of that title if there is none; body: the new item(s).
     */
    upload,
    /** Adds the item id(s) in the body or MediaItemId header to the album. */
    addToAlbum,
    /** Removes the item id(s) in the body or MediaItemId header from the album. */
    removeFromAlbum,
    /** Starts a Picker session; body: the session, with its pickerUri also in a header. */
    createPickerSession,
    /** Deletes the Picker session in the CamelGooglePhotosPickerSessionId header (once its items are saved). */
    deletePickerSession,
    /** Body: the Picker session of the PickerSessionId header or sessionId option. */
    getPickerSession,
    /** Body: a lazy, paging {@code Iterator} of the picked items' messages of a finished session. */
    listPickedItems
}
