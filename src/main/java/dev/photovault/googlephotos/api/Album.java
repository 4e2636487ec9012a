package dev.photovault.googlephotos.api;

/**
 * An album as the Library API describes it.
 *
 * @param id                    the album id
 * @param title                 its title
 * @param productUrl            where a person sees it
 * @param mediaItemsCount       items in it
 * @param coverPhotoMediaItemId the cover item, or null
 */
public record Album(String id, String title, String productUrl, long mediaItemsCount, String coverPhotoMediaItemId) {
}
