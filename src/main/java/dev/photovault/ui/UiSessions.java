package dev.photovault.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may see the web UI: sessions opened with the repository passphrase or with the one-time token printed at
 * start, each with its own CSRF token. Failed logins are rate limited for everyone at once (the UI has one user):
 * after each failure the next attempt waits twice as long, up to a minute.
 */
public final class UiSessions {

    /** The session cookie's name. */
    public static final String COOKIE = "photovault_session";
    static final Duration IDLE = Duration.ofHours(12);
    /** The one-time token is printed where logs may keep it: it opens one session, within this long of the start. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    private static final int MAX_SESSIONS = 64;
    private static final Duration MAX_DELAY = Duration.ofSeconds(60);

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Live> sessions = new ConcurrentHashMap<>();
    private volatile String oneTimeToken;
    private final Instant tokenExpires;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    /**
     * A signed-in browser.
     *
     * @param id   the cookie's value
     * @param csrf the token every state-changing form carries
     */
    public record Session(String id, String csrf) {
        @Override
        public String toString() {
            return "Session[redacted]";
        }
    }

    /** How a login attempt ended. */
    public enum Outcome { OK, WRONG, TOO_SOON }

    /**
     * A login's result.
     *
     * @param outcome    whether it worked
     * @param session    the new session when it did
     * @param retryAfter when refused as too soon (or wrong), how long until the next attempt is heard
     */
    public record Login(Outcome outcome, Session session, Duration retryAfter) {
    }

    public UiSessions(Clock clock) {
        this.clock = clock;
        this.oneTimeToken = randomToken();
        this.tokenExpires = clock.instant().plus(TOKEN_LIFETIME);
    }

    /** The token that opens one session without the passphrase; printed at start, good once. */
    public String oneTimeToken() {
        return oneTimeToken;
    }

    /** The session a request's {@code Cookie} header names, if it is live (and then its idle time restarts). */
    public Optional<Session> fromCookieHeader(String cookieHeader) {
        String id = cookie(cookieHeader, COOKIE);
        if (id == null) {
            return Optional.empty();
        }
        Live s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (s.lastSeen.plus(IDLE).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s.session);
    }

    /** Signs out: the session is forgotten. */
    public void end(String cookieHeader) {
        String id = cookie(cookieHeader, COOKIE);
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** A login with the one-time token; a wrong token counts as a failure like a wrong passphrase. */
    public synchronized Login withToken(String token) {
        Login early = tooSoon();
        if (early != null) {
            return early;
        }
        String expected = oneTimeToken;
        if (expected != null && clock.instant().isAfter(tokenExpires)) {
            oneTimeToken = expected = null;
        }
        if (token == null || expected == null || !constantTimeEquals(token, expected)) {
            return failed();
        }
        oneTimeToken = null;
        return succeeded();
    }

    /** A login that {@code check} accepts or not (the passphrase opening the repository's key). */
    public synchronized Login withCheck(java.util.function.BooleanSupplier check) {
        Login early = tooSoon();
        if (early != null) {
            return early;
        }
        return check.getAsBoolean() ? succeeded() : failed();
    }

    /** Whether {@code offered} is the session's CSRF token. */
    public static boolean csrfMatches(Session session, String offered) {
        return offered != null && constantTimeEquals(offered, session.csrf());
    }

    private Login tooSoon() {
        Instant now = clock.instant();
        return now.isBefore(nextAttempt) ? new Login(Outcome.TOO_SOON, null, Duration.between(now, nextAttempt))
                : null;
    }

    private Login failed() {
        failures++;
        Duration delay = Duration.ofSeconds(1L << Math.min(failures - 1, 6));
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        nextAttempt = clock.instant().plus(delay);
        return new Login(Outcome.WRONG, null, delay);
    }

    private Login succeeded() {
        failures = 0;
        nextAttempt = Instant.MIN;
        if (sessions.size() >= MAX_SESSIONS) {
            Iterator<Map.Entry<String, Live>> oldest = sessions.entrySet().stream()
                    .sorted(java.util.Comparator.comparing(e -> e.getValue().lastSeen)).iterator();
            if (oldest.hasNext()) {
                sessions.remove(oldest.next().getKey());
            }
        }
        Session s = new Session(randomToken(), randomToken());
        sessions.put(s.id(), new Live(s, clock.instant()));
        return new Login(Outcome.OK, s, Duration.ZERO);
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of cookie {@code name} in a {@code Cookie} request header, or null. */
    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                return part.substring(eq + 1).strip();
            }
        }
        return null;
    }

    private static final class Live {
        final Session session;
        volatile Instant lastSeen;

        Live(Session session, Instant lastSeen) {
            this.session = session;
            this.lastSeen = lastSeen;
        }
    }

    @Override
    public String toString() {
        return "UiSessions[" + sessions.size() + " sessions, tokens redacted]";
    }
}
