package dev.jetonvoucher.functions.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.aws.SnapshotPriming;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.session.AttemptCounters;
import dev.jetonvoucher.session.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dashboard's SnapStart priming answers as it should and writes nothing: no session, no counted attempt. */
class DashboardPrimingTest {

    @Test
    void the_priming_requests_look_up_the_priming_project_only_and_write_nothing() {
        List<Long> looked = new ArrayList<>();
        SessionStore noSessionWrites = new SessionStore() {
            @Override
            public void open(String sessionId, long projectId, Instant expiresAt) {
                fail("priming opened a session");
            }

            @Override
            public boolean isOpen(String sessionId, long projectId, Instant now) {
                return fail("priming asked for a session of a project nobody has");
            }

            @Override
            public void revoke(String sessionId) {
                fail("priming revoked a session");
            }
        };
        AttemptCounters noCounting = (counter, delta, expiresAt) -> fail("priming counted a sign-in attempt");
        Clock clock = Clock.systemUTC();
        InMemoryPaymentStore payments = new InMemoryPaymentStore(clock);
        DashboardHandler dashboard = new DashboardHandler(
                new DashboardSessions(
                        projectId -> {
                            looked.add(projectId);
                            return Optional.<Project>empty();
                        },
                        noSessionWrites,
                        noCounting,
                        clock),
                payments,
                payments,
                clock);

        DashboardPriming.prime(dashboard);

        assertEquals(List.of(SnapshotPriming.PROJECT_ID), looked);
    }

    /** The priming's whole sign-in goes to the stores it is given (in Lambda: a client that sends nothing). */
    @Test
    void the_priming_sign_in_counts_and_opens_in_the_stores_it_is_given_only() {
        List<Long> opened = new ArrayList<>();
        List<String> counted = new ArrayList<>();
        SessionStore sessions = new SessionStore() {
            @Override
            public void open(String sessionId, long projectId, Instant expiresAt) {
                opened.add(projectId);
            }

            @Override
            public boolean isOpen(String sessionId, long projectId, Instant now) {
                return fail("the sign-in read a session");
            }

            @Override
            public void revoke(String sessionId) {
                fail("the sign-in revoked a session");
            }
        };
        AttemptCounters attempts = (counter, delta, expiresAt) -> {
            counted.add(counter);
            return 1;
        };
        Clock clock = Clock.systemUTC();
        InMemoryPaymentStore payments = new InMemoryPaymentStore(clock);

        DashboardPriming.signIn(sessions, attempts, payments, payments, clock);

        assertEquals(List.of(SnapshotPriming.PROJECT_ID), opened);
        assertFalse(counted.isEmpty(), "no attempt was counted");
    }
}
