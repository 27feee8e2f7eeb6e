package dev.jetonvoucher.functions.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jetonvoucher.analysis.PaymentSearch;
import dev.jetonvoucher.aws.SnapshotPriming;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.project.ApiToken;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Data API's SnapStart priming is refused at the lookup of the priming project, and reads nothing else. */
class DataApiPrimingTest {

    @Test
    void the_priming_query_looks_up_the_priming_project_only_and_is_refused() {
        List<Long> looked = new ArrayList<>();
        ProjectDirectory projects = projectId -> {
            looked.add(projectId);
            return Optional.<Project>empty();
        };
        Clock clock = Clock.systemUTC();
        InMemoryPaymentStore payments = new InMemoryPaymentStore(clock);
        GateRequests requests = new GateRequests(projects, clock);
        OperationsHandler handler = new OperationsHandler(new DataApi(
                requests,
                token -> {
                    fail("priming looked a token up");
                    return Optional.<ApiToken>empty();
                },
                projects,
                payments,
                payments,
                new OperationsApi(requests, new PaymentSearch(payments))));

        DataApiPriming.prime(handler);

        assertEquals(List.of(SnapshotPriming.PROJECT_ID), looked);
    }
}
