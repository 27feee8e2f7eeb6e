package dev.jetonvoucher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jetonvoucher.analysis.DashboardSessions.SignIn;
import dev.jetonvoucher.analysis.DashboardSessionsTest.MovableClock;
import dev.jetonvoucher.memory.InMemoryAttemptCounters;
import dev.jetonvoucher.memory.InMemorySessionStore;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final Project ALPHA = TestProjects.project(501, "alpha-secret-key");
    private static final Project BETA = TestProjects.project(502, "beta-secret-key");
    private static final String HOME = "198.51.100.7";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:05:00Z"));
    private final DashboardSessions sessions = new DashboardSessions(
            new InMemoryProjectDirectory(List.of(ALPHA, BETA)),
            new InMemorySessionStore(),
            new InMemoryAttemptCounters(),
            clock);

    private SignIn wrong(String projectId, String address) {
        return sessions.signIn(projectId, "a guess", address);
    }

    private SignIn right(Project project, String address) {
        return sessions.signIn(String.valueOf(project.projectId()), project.secretKey(), address);
    }

    @Test
    void after_five_failures_from_one_address_even_the_right_key_waits_for_the_window_to_end() {
        for (int i = 0; i < SignInThrottle.PER_PROJECT_AND_ADDRESS; i++) {
            assertEquals(new SignIn.WrongCredentials(), wrong("501", HOME), "failure " + (i + 1));
        }

        assertEquals(new SignIn.Throttled(Duration.ofMinutes(10)), wrong("501", HOME), "the window ends at 10:15");
        assertEquals(new SignIn.Throttled(Duration.ofMinutes(10)), right(ALPHA, HOME));
        assertInstanceOf(SignIn.SignedIn.class, right(ALPHA, "203.0.113.9"), "another address");
        assertInstanceOf(SignIn.SignedIn.class, right(BETA, HOME), "another project");

        clock.advance(Duration.ofMinutes(10));
        assertInstanceOf(SignIn.SignedIn.class, right(ALPHA, HOME), "the next window");
    }

    @Test
    void retry_after_is_rounded_up_to_whole_seconds() {
        clock.advance(Duration.ofMinutes(10).minusMillis(500));
        for (int i = 0; i < SignInThrottle.PER_PROJECT_AND_ADDRESS; i++) {
            wrong("501", HOME);
        }

        assertEquals(new SignIn.Throttled(Duration.ofSeconds(1)), wrong("501", HOME));
    }

    @Test
    void a_correct_sign_in_is_no_failure() {
        for (int i = 0; i < SignInThrottle.PER_PROJECT_AND_ADDRESS - 1; i++) {
            wrong("501", HOME);
        }
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(SignIn.SignedIn.class, right(ALPHA, HOME), "sign-in " + (i + 1));
        }

        assertEquals(new SignIn.WrongCredentials(), wrong("501", HOME), "the fifth failure");
        assertInstanceOf(SignIn.Throttled.class, right(ALPHA, HOME));
    }

    @Test
    void twenty_failures_from_any_addresses_throttle_the_project_everywhere() {
        for (int i = 0; i < SignInThrottle.PER_PROJECT; i++) {
            assertEquals(new SignIn.WrongCredentials(), wrong("501", "192.0.2." + (i / 4)), "failure " + (i + 1));
        }

        assertInstanceOf(SignIn.Throttled.class, right(ALPHA, HOME), "an address that never failed");
        assertInstanceOf(SignIn.SignedIn.class, right(BETA, HOME), "another project");
    }

    @Test
    void attempts_refused_by_the_throttle_are_not_counted_as_failures() {
        for (int i = 0; i < 100; i++) {
            wrong("501", "192.0.2.1");
        }

        assertInstanceOf(
                SignIn.SignedIn.class,
                right(ALPHA, HOME),
                "one address that keeps guessing locks itself out, not the project");
    }

    @Test
    void fifty_failures_from_one_address_throttle_it_for_every_project() {
        for (int i = 0; i < SignInThrottle.PER_ADDRESS; i++) {
            assertEquals(
                    new SignIn.WrongCredentials(), wrong(String.valueOf(7_000 + i / 5), HOME), "failure " + (i + 1));
        }

        assertInstanceOf(SignIn.Throttled.class, right(ALPHA, HOME));
        assertInstanceOf(SignIn.Throttled.class, wrong("not a project id", HOME), "a malformed id counts per address");
        assertInstanceOf(SignIn.SignedIn.class, right(ALPHA, "203.0.113.9"));
    }

    @Test
    void an_ipv6_client_counts_per_slash64() {
        assertEquals(
                SignInThrottle.addressBlock("2001:db8:1:2::1"), SignInThrottle.addressBlock("2001:db8:1:2:ffff::9"));
        assertNotEquals(SignInThrottle.addressBlock("2001:db8:1:2::1"), SignInThrottle.addressBlock("2001:db8:1:3::1"));
        assertEquals("198.51.100.7", SignInThrottle.addressBlock(" 198.51.100.7 "));
        assertEquals("unknown", SignInThrottle.addressBlock(null));

        for (int i = 0; i < SignInThrottle.PER_PROJECT_AND_ADDRESS; i++) {
            wrong("501", "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertInstanceOf(SignIn.Throttled.class, right(ALPHA, "2001:db8:1:2::abcd"));
    }
}
