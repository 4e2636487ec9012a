package dev.photovault.googlephotos.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A Picker API session: the user opens {@link #pickerUri()} in Google Photos and picks items; once
 * {@link #mediaItemsSet()} is true the picked items can be listed.
 *
 * @param id            the session id
 * @param pickerUri     the address the user opens to pick
 * @param mediaItemsSet whether the user finished picking
 * @param pollInterval  how often Google asks to be polled, or null once picking is done
 * @param timeoutIn     how much longer polling makes sense, or null once picking is done
 * @param expireTime    when the session ends
 */
public record PickerSession(String id, String pickerUri, boolean mediaItemsSet, Duration pollInterval,
        Duration timeoutIn, Instant expireTime) {
}
