package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.MutableClock;
import dev.jetonvoucher.contract.TestPayments;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentAggregates;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What the overview's totals cost on DynamoDB does not grow with the period's volume: once a month's days are folded,
 * its totals are one Query of its day items (one item a day), for a quiet project as for a busy one; before, they were
 * every shard of every day (960 keys for 30 days, in 10 BatchGetItem requests). Counted, not timed.
 */
class AggregateReadCostTest {

    private static final Instant MONTH_START = Instant.parse("2026-03-01T00:00:00Z");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 30);

    private static LocalResources aws;
    private static final AtomicLong requests = new AtomicLong();
    private static final AtomicLong itemsRead = new AtomicLong();
    private static DynamoDbClient counting;

    /** What one read of the totals cost. */
    record Cost(long requests, long items) {}

    @BeforeAll
    static void deploy() {
        aws = LocalResources.deploy(AggregateReadCostTest.class);
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        counting = DynamoDbClient.builder()
                .endpointOverride(endpoint.endpoint())
                .region(endpoint.region())
                .credentialsProvider(endpoint.credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        requests.incrementAndGet();
                        if (context.response() instanceof QueryResponse query) {
                            itemsRead.addAndGet(query.count());
                        } else if (context.response() instanceof BatchGetItemResponse batch) {
                            batch.responses().values().forEach(items -> itemsRead.addAndGet(items.size()));
                        }
                    }
                }))
                .build();
    }

    @Test
    void a_folded_month_is_one_query_of_its_day_items_for_40_as_for_300_payments() {
        MutableClock clock = new MutableClock(MONTH_START);
        DynamoPaymentStore store =
                new DynamoPaymentStore(counting, aws.table("PaymentsTable"), aws.table("BalancesTable"), clock);
        long quiet = TestPayments.newProjectId();
        long busy = TestPayments.newProjectId();
        List<Payment> quietPayments = seed(store, clock, quiet, 40);
        List<Payment> busyPayments = seed(store, clock, busy, 300);

        // Two days after the month, every day of it is settled and past its fold margin.
        clock.set(LAST_DAY.plusDays(3).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        assertEquals(recount(store, quietPayments), read(store, quiet).totals, "the first read folds the month");
        assertEquals(recount(store, busyPayments), read(store, busy).totals);

        Read quietRead = read(store, quiet);
        Read busyRead = read(store, busy);

        assertEquals(recount(store, quietPayments), quietRead.totals);
        assertEquals(recount(store, busyPayments), busyRead.totals);
        assertEquals(new Cost(1, 30), busyRead.cost, "one Query, one day item a day");
        assertEquals(busyRead.cost.requests(), quietRead.cost.requests());
        assertTrue(quietRead.cost.items() <= busyRead.cost.items());
        assertEquals(List.of(), shardItems(busy), "folding deleted every shard of the month");
    }

    @Test
    void an_open_day_is_read_from_its_shards_until_it_is_folded() {
        MutableClock clock = new MutableClock(Instant.parse("2026-04-10T08:00:00Z"));
        DynamoPaymentStore store =
                new DynamoPaymentStore(counting, aws.table("PaymentsTable"), aws.table("BalancesTable"), clock);
        long project = TestPayments.newProjectId();
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Payment sale = TestPayments.sale(TestPayments.newKey(project), 100 + i, "4619123456789012345").toBuilder()
                    .createdAt(clock.instant())
                    .updatedAt(clock.instant())
                    .limitAt(clock.instant().plusSeconds(3600))
                    .build();
            store.create(sale);
            payments.add(sale);
        }
        LocalDate day = LocalDate.of(2026, 4, 10);
        assertTrue(shardItems(project).size() > 1, "an open day's writes spread over its shards");

        Read open = read(store, project, day, day);
        assertEquals(recount(store, payments), open.totals);
        assertEquals(2, open.cost.requests(), "the day items' Query and one BatchGetItem of the day's 32 shards");

        clock.set(Instant.parse("2026-04-12T01:00:00Z"));
        assertEquals(recount(store, payments), read(store, project, day, day).totals);
        assertEquals(List.of(), shardItems(project));
        assertEquals(new Cost(1, 1), read(store, project, day, day).cost);
    }

    private record Read(Map<Bucket, Tally> totals, Cost cost) {}

    private static Read read(DynamoPaymentStore store, long projectId) {
        return read(store, projectId, FIRST_DAY, LAST_DAY);
    }

    private static Read read(DynamoPaymentStore store, long projectId, LocalDate first, LocalDate last) {
        long requestsBefore = requests.get();
        long itemsBefore = itemsRead.get();
        Map<Bucket, Tally> totals = new TreeMap<>(store.totals(projectId, first, last));
        return new Read(totals, new Cost(requests.get() - requestsBefore, itemsRead.get() - itemsBefore));
    }

    /** {@code count} sales over the month, each created and finished at its own time (so open days take them). */
    private static List<Payment> seed(DynamoPaymentStore store, MutableClock clock, long projectId, int count) {
        List<Payment> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = MONTH_START.plusMillis(Duration.ofDays(30).toMillis() * i / count);
            clock.set(at);
            Payment sale = TestPayments.sale(TestPayments.newKey(projectId), 100 + i, "4619123456789012345").toBuilder()
                    .createdAt(at)
                    .updatedAt(at)
                    .limitAt(at.plusSeconds(3600))
                    .build();
            store.create(sale);
            if (i % 4 != 3) {
                clock.set(at.plusSeconds(90));
                store.finish(sale, i % 4 == 2 ? TestPayments.declined(sale) : TestPayments.succeeded(sale, List.of()));
            }
            created.add(sale);
        }
        return created;
    }

    private static Map<Bucket, Tally> recount(DynamoPaymentStore store, List<Payment> created) {
        return PaymentAggregates.recount(
                created.stream().map(p -> store.find(p.key()).orElseThrow()).toList());
    }

    private static List<Map<String, AttributeValue>> shardItems(long projectId) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int shard = 0; shard < AggregateItems.SHARDS; shard++) {
            String pk = AggregateItems.pk(projectId, shard);
            found.addAll(aws.dynamoDb()
                    .query(r -> r.tableName(aws.table("PaymentsTable"))
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                    .items());
        }
        return found;
    }
}
