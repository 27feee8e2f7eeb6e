package dev.jetonvoucher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.CreatedPage;
import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The cost of a Data API page does not grow with the period's volume: a page of 100 reads the same index entries
 * (101: one more proves there is a next page), in the same number of requests, at 250 payments as at 100,000.
 * Counted, not timed: index entries handed out by the store, and on DynamoDB the items each Query scanned.
 */
class PageCostTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Period MONTH = Period.requested(START, START.plus(Duration.ofDays(30)), "to");
    private static final PaymentStatus[] STATUSES = {
        PaymentStatus.SUCCESS, PaymentStatus.SUCCESS, PaymentStatus.DECLINE, PaymentStatus.SUCCESS, PaymentStatus.ERROR
    };

    /** What a page cost: store requests and index entries read. */
    record Cost(long requests, long entries) {}

    /** A store that counts what createdBetween hands out. */
    private static final class Counting {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong entries = new AtomicLong();
        final PaymentStore store;

        Counting(PaymentStore inner) {
            this.store = (PaymentStore) Proxy.newProxyInstance(
                    PaymentStore.class.getClassLoader(), new Class<?>[] {PaymentStore.class}, (proxy, method, args) -> {
                        Object result = method.invoke(inner, args);
                        if (result instanceof CreatedPage page) {
                            requests.incrementAndGet();
                            entries.addAndGet(page.payments().size());
                        }
                        return result;
                    });
        }

        Cost page(PaymentFilter filter, CreatedPosition after) {
            long requestsBefore = requests.get();
            long entriesBefore = entries.get();
            new PaymentSearch(store).page(1, MONTH, filter, after, 100);
            return new Cost(requests.get() - requestsBefore, entries.get() - entriesBefore);
        }
    }

    private static void seed(PaymentStore store, History history, long projectId, int count) {
        for (int i = 0; i < count; i++) {
            Instant created = START.plusMillis(
                    Math.floorMod(i * 2_654_435_761L, Duration.ofDays(30).toMillis()));
            history.sale(projectId, "p-" + i, created, STATUSES[i % STATUSES.length]);
        }
    }

    private static CreatedPosition middle(PaymentStore store, long projectId) {
        return new PaymentSearch(store)
                .page(projectId, MONTH, PaymentFilter.EVERYTHING, null, 200)
                .next()
                .orElseThrow();
    }

    @Test
    void a_page_of100_reads_the_same_index_entries_at250_as_at100000_payments() {
        InMemoryPaymentStore small = new InMemoryPaymentStore(Clock.systemUTC());
        InMemoryPaymentStore medium = new InMemoryPaymentStore(Clock.systemUTC());
        InMemoryPaymentStore large = new InMemoryPaymentStore(Clock.systemUTC());
        seed(small, new History(small), 1, 250);
        seed(medium, new History(medium), 1, 1_000);
        seed(large, new History(large), 1, 100_000);

        Cost first = new Counting(small).page(PaymentFilter.EVERYTHING, null);
        assertEquals(new Cost(1, 101), first, "one request, the page and one more");
        assertEquals(first, new Counting(large).page(PaymentFilter.EVERYTHING, null));
        assertEquals(first, new Counting(large).page(PaymentFilter.EVERYTHING, middle(large, 1)), "a later page");

        // A filter reads until it has 101 matches: as much at any volume with the same share of matches (3 in 5 here;
        // 250 payments hold only 150 successes, so the period's end comes first there).
        PaymentFilter successes = new PaymentFilter(Set.of(PaymentStatus.SUCCESS), Set.of(), null);
        Cost filtered = new Counting(medium).page(successes, null);
        assertEquals(filtered, new Counting(large).page(successes, null));
        assertEquals(filtered, new Counting(large).page(successes, middle(large, 1)));
    }

    @Test
    void on_dynamo_db_each_page_is_one_query_that_scans_only_the_page() {
        AtomicLong queries = new AtomicLong();
        AtomicLong scanned = new AtomicLong();
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        DynamoDbClient counting = DynamoDbClient.builder()
                .endpointOverride(endpoint.endpoint())
                .region(endpoint.region())
                .credentialsProvider(endpoint.credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        if (context.response() instanceof QueryResponse response) {
                            queries.incrementAndGet();
                            scanned.addAndGet(response.scannedCount());
                        }
                    }
                }))
                .build();
        TemplateResources.Deployed tables = TemplateResources.create(
                SamTemplate.load(SamTemplate.locate()), endpoint, TemplateResources.uniquePrefix("page-cost"));
        PaymentStore store =
                new DynamoPaymentStore(counting, tables.tableName("PaymentsTable"), tables.tableName("BalancesTable"));
        History history = new History(store);
        seed(store, history, 1, 250);
        seed(store, history, 2, 1_250);

        for (long projectId : List.of(1L, 2L)) {
            long queriesBefore = queries.get();
            long scannedBefore = scanned.get();
            CreatedPage page = new PaymentSearch(store).page(projectId, MONTH, PaymentFilter.EVERYTHING, null, 100);
            assertEquals(100, page.payments().size());
            assertEquals(1, queries.get() - queriesBefore, "project " + projectId);
            assertEquals(101, scanned.get() - scannedBefore, "project " + projectId);
        }
    }
}
