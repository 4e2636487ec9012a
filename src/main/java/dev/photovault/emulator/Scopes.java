package dev.photovault.emulator;

import java.util.Set;

/** The OAuth scopes of the Photos APIs as they stand since 31 March 2025. */
public final class Scopes {

    private static final String PREFIX = "https://www.googleapis.com/auth/";

    public static final String APPENDONLY = PREFIX + "photoslibrary.appendonly";
    public static final String READONLY_APP_CREATED = PREFIX + "photoslibrary.readonly.appcreateddata";
    public static final String EDIT_APP_CREATED = PREFIX + "photoslibrary.edit.appcreateddata";
    public static final String PICKER = PREFIX + "photospicker.mediaitems.readonly";

    /** Scopes Google removed: tokens that carry only these are refused with 403. */
    public static final Set<String> REMOVED = Set.of(PREFIX + "photoslibrary.readonly", PREFIX + "photoslibrary",
            PREFIX + "photoslibrary.sharing");

    /** Every scope an app can still be granted. */
    public static final Set<String> CURRENT = Set.of(APPENDONLY, READONLY_APP_CREATED, EDIT_APP_CREATED, PICKER);

    private Scopes() {
    }
}
