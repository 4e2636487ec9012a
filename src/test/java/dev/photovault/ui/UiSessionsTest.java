package dev.photovault.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Sessions: the one-time token's single use and lifetime, idle expiry, the doubling delay after failures. */
class UiSessionsTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    void later(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void theOneTimeTokenOpensOneSessionAndExpires() {
        UiSessions used = new UiSessions(clock);
        String token = used.oneTimeToken();
        assertThat(used.withToken(token).outcome()).isEqualTo(UiSessions.Outcome.OK);
        later(Duration.ofSeconds(5));
        assertThat(used.withToken(token).outcome()).isEqualTo(UiSessions.Outcome.WRONG);

        UiSessions unused = new UiSessions(clock);
        later(UiSessions.TOKEN_LIFETIME.plusSeconds(1));
        assertThat(unused.withToken(unused.oneTimeToken()).outcome()).isEqualTo(UiSessions.Outcome.WRONG);
    }

    @Test
    void aSessionEndsAfterTwelveIdleHoursOrAtSignOut() {
        UiSessions sessions = new UiSessions(clock);
        UiSessions.Session s = sessions.withCheck(() -> true).session();
        String cookie = "other=1; " + UiSessions.COOKIE + "=" + s.id();
        later(Duration.ofHours(11));
        assertThat(sessions.fromCookieHeader(cookie)).hasValue(s); // and the idle time starts again
        later(Duration.ofHours(11));
        assertThat(sessions.fromCookieHeader(cookie)).hasValue(s);
        later(Duration.ofHours(13));
        assertThat(sessions.fromCookieHeader(cookie)).isEmpty();
        UiSessions.Session t = sessions.withCheck(() -> true).session();
        sessions.end(UiSessions.COOKIE + "=" + t.id());
        assertThat(sessions.fromCookieHeader(UiSessions.COOKIE + "=" + t.id())).isEmpty();
        assertThat(s.toString()).doesNotContain(s.id()).doesNotContain(s.csrf());
    }

    @Test
    void eachFailureDoublesTheWaitUpToAMinute() {
        UiSessions sessions = new UiSessions(clock);
        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long seconds : expected) {
            UiSessions.Login wrong = sessions.withCheck(() -> false);
            assertThat(wrong.outcome()).isEqualTo(UiSessions.Outcome.WRONG);
            assertThat(wrong.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
            // Nothing is even checked until then.
            assertThat(sessions.withCheck(() -> {
                throw new AssertionError("checked too soon");
            }).outcome()).isEqualTo(UiSessions.Outcome.TOO_SOON);
            later(Duration.ofSeconds(seconds));
        }
        assertThat(sessions.withCheck(() -> true).outcome()).isEqualTo(UiSessions.Outcome.OK);
        assertThat(sessions.withCheck(() -> false).retryAfter()).isEqualTo(Duration.ofSeconds(1)); // reset
    }
}
