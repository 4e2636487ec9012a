package dev.photovault.googlephotos.api;

/** Google refused the refresh token: only the user can fix this, by authorizing again. */
public final class ReauthorizationRequiredException extends PhotosApiException {

    private static final long serialVersionUID = 1L;

    public ReauthorizationRequiredException() {
        super("Google refused the refresh token (expired or revoked): re-authorize with 'photovault auth'."
                + " Refresh tokens of apps whose OAuth consent screen is still in \"Testing\" expire after 7 days.",
                400, "invalid_grant");
    }
}
