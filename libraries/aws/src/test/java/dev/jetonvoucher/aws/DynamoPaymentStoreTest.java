package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jetonvoucher.contract.PaymentStoreContract;
import dev.jetonvoucher.contract.TestPayments;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.CreateOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The payment store contract on DynamoDB (moto), and the item layout STORAGE.md documents. */
class DynamoPaymentStoreTest extends PaymentStoreContract {

    private static LocalResources aws;
    private static DynamoPaymentStore payments;
    private static DynamoBalanceStore balances;

    @BeforeAll
    static void deploy() {
        aws = LocalResources.deploy(DynamoPaymentStoreTest.class);
        payments = new DynamoPaymentStore(aws.dynamoDb(), aws.table("PaymentsTable"), aws.table("BalancesTable"));
        balances = new DynamoBalanceStore(aws.dynamoDb(), aws.table("BalancesTable"));
    }

    @AfterAll
    static void noSecurityCodeWasStored() {
        assertEquals(List.of(), SecretScan.scan(aws.dynamoDb(), aws.tables(), SECURITY_CODES));
    }

    @Override
    protected PaymentStore payments() {
        return payments;
    }

    @Override
    protected BalanceStore balances() {
        return balances;
    }

    @Override
    protected PaymentStore paymentsWithClock(Clock clock) {
        return new DynamoPaymentStore(aws.dynamoDb(), aws.table("PaymentsTable"), aws.table("BalancesTable"), clock);
    }

    /** moto serialises DynamoDB requests: fewer racing acceptors keep the class quick. */
    @Override
    protected int concurrentAcceptors() {
        return 16;
    }

    private static Map<String, AttributeValue> rawItem(String pk, String sk) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(aws.table("PaymentsTable"))
                        .consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))))
                .item();
    }

    private static Map<String, AttributeValue> rawItem(PaymentKey key, String sk) {
        return rawItem("P#" + key.projectId() + "#" + key.paymentId(), sk);
    }

    @Test
    void writes_the_payment_in_the_documented_layout() {
        PaymentKey key = TestPayments.newKey(TestPayments.newProjectId());
        Payment full = fullPayment(key, TestPayments.newOperationId());
        assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, payments.create(full));

        Map<String, AttributeValue> item = rawItem(key, "PAYMENT");
        assertEquals(String.valueOf(key.projectId()), item.get("project_id").n());
        assertEquals(
                "2026-03-01T10:00:00.123456789Z#" + key.paymentId(),
                item.get("created_key").s());
        assertEquals("12345", item.get("amount").n());
        assertEquals("EUR", item.get("currency").s());
        assertEquals("2026-03-01T10:00:05.000000000Z", item.get("provider_date").s());
        assertEquals(
                "https://shop.example/orders/17/callback?lang=de",
                item.get("callback_url").s());
        assertEquals(
                Set.of("number", "face_value", "currency", "created_at", "expires_at"),
                item.get("vouchers").l().get(0).m().keySet());
        assertEquals(
                Set.of(
                        "pk",
                        "sk",
                        "project_id",
                        "payment_id",
                        "created_key",
                        "type",
                        "status",
                        "amount",
                        "currency",
                        "customer_id",
                        "customer_ip",
                        "account_number",
                        "description",
                        "callback_url",
                        "channel",
                        "request_id",
                        "operation_id",
                        "created_at",
                        "updated_at",
                        "limit_at",
                        "result_code",
                        "result_message",
                        "funds",
                        "provider_payment_id",
                        "provider_date",
                        "vouchers",
                        "callback_state",
                        "callback_attempts",
                        "callback_completed",
                        "callback_claimed_at"),
                new TreeMap<>(item).keySet());
    }

    @Test
    void claims_the_operation_id_in_an_item_of_its_own_outside_the_index() {
        Payment sale =
                TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
        assertEquals(CreateOutcome.CREATED, payments.create(sale));

        Map<String, AttributeValue> claim = rawItem("OP#" + sale.operationId(), "OPERATION");
        assertEquals(
                Map.of(
                        "pk",
                        AttributeValue.fromS("OP#" + sale.operationId()),
                        "sk",
                        AttributeValue.fromS("OPERATION"),
                        "operation_id",
                        AttributeValue.fromN(Long.toString(sale.operationId())),
                        "payment_key",
                        AttributeValue.fromS(sale.key().toString())),
                claim);
        assertNull(claim.get("project_id"), "not in the by-project-created-keys index");
    }

    @Test
    void stores_a_latency_exact_to_the_nanosecond() {
        Payment sale =
                TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
        payments.create(sale);
        payments.recordCallbackAttempt(
                sale.key(),
                new CallbackAttempt(
                        1,
                        Instant.parse("2026-03-01T10:00:00.5Z"),
                        0,
                        Duration.ofNanos(2_000_001),
                        "ConnectException: Connection refused"),
                Optional.of(CallbackState.QUEUED));

        assertEquals(
                "2.000001",
                rawItem(sale.key(), "ATTEMPT#0001").get("latency_ms").n());
    }
}
