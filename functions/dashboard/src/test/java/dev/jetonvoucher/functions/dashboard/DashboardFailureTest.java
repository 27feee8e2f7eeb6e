package dev.jetonvoucher.functions.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.analysis.DashboardAccess;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.memory.InMemoryAttemptCounters;
import dev.jetonvoucher.memory.InMemorySessionStore;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.ProjectFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A signed-in page whose storage fails answers the dashboard's private error page, never the failure. */
class DashboardFailureTest {

    private static final String DETAIL = "table jv-payments is gone";

    @Test
    void a_failing_store_gives_a_private_internal_error_page() {
        InMemoryProjectDirectory projects = new InMemoryProjectDirectory(ProjectFile.parse("""
                {"projects": [{"project_id": 3601, "secret_key": "failure-secret", "test": true, "currencies": ["EUR"],
                   "base_time_seconds": 10, "limit_time_seconds": 60, "balances": {}, "sandbox": {}}]}
                """));
        Clock clock = Clock.systemUTC();
        DashboardSessions sessions =
                new DashboardSessions(projects, new InMemorySessionStore(), new InMemoryAttemptCounters(), clock);
        DashboardHandler handler =
                new DashboardHandler(sessions, failing(PaymentStore.class), failing(BalanceStore.class), clock);
        String session = sessions.issue(projects.find(3601).orElseThrow());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.configure(new PrintStream(log, true, StandardCharsets.UTF_8), false);
        APIGatewayV2HTTPResponse answer;
        try {
            answer = handler.handleRequest(
                    APIGatewayV2HTTPEvent.builder()
                            .withRawPath(DashboardAccess.HOME)
                            .withCookies(List.of("jv_session=" + session))
                            .withHeaders(Map.of("host", "localhost"))
                            .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                    .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                            .withMethod("GET")
                                            .withPath(DashboardAccess.HOME)
                                            .build())
                                    .build())
                            .build(),
                    null);
        } finally {
            Log.configure(System.out, false);
        }

        assertEquals(500, answer.getStatusCode());
        assertEquals("Internal error", answer.getBody());
        assertEquals("text/plain; charset=utf-8", answer.getHeaders().get("Content-Type"));
        assertEquals("no-store", answer.getHeaders().get("Cache-Control"));
        assertEquals("DENY", answer.getHeaders().get("X-Frame-Options"));
        assertFalse(answer.getBody().contains(DETAIL));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("request.failed"), "the failure is logged");
    }

    private static <T> T failing(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            throw new IllegalStateException(DETAIL);
        }));
    }
}
