package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.TestPayments;
import dev.jetonvoucher.payment.PaymentStore.CreateOutcome;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The cancellation handling that the local endpoint cannot exercise (moto never reports
 * {@code TransactionConflict}), against a scripted client.
 */
class TransactionsTest {

    private static final List<TransactWriteItem> ITEMS = List.of(TransactWriteItem.builder()
            .conditionCheck(ConditionCheck.builder().tableName("t").build())
            .build());

    /** A client whose transactWriteItems answers from a script: null commits, an exception is thrown. */
    private static final class ScriptedClient {
        final List<RuntimeException> transactions = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        ScriptedClient thenCancel(String... codes) {
            transactions.add(cancellation(codes));
            return this;
        }

        ScriptedClient thenCommit() {
            transactions.add(null);
            return this;
        }

        DynamoDbClient client() {
            return (DynamoDbClient) Proxy.newProxyInstance(
                    DynamoDbClient.class.getClassLoader(),
                    new Class<?>[] {DynamoDbClient.class},
                    (proxy, method, args) -> {
                        calls.add(method.getName());
                        switch (method.getName()) {
                            case "transactWriteItems" -> {
                                RuntimeException next = transactions.remove(0);
                                if (next != null) {
                                    throw next;
                                }
                                return TransactWriteItemsResponse.builder().build();
                            }
                            case "putItem" -> {
                                return PutItemResponse.builder().build();
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }

    private static TransactionCanceledException cancellation(String... codes) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled " + Arrays.toString(codes))
                .cancellationReasons(Arrays.stream(codes)
                        .map(code -> CancellationReason.builder().code(code).build())
                        .toList())
                .build();
    }

    @Test
    void commits_after_conflicts() {
        ScriptedClient script = new ScriptedClient()
                .thenCancel("TransactionConflict", "None")
                .thenCancel("None", "TransactionConflict")
                .thenCommit();

        assertTrue(Transactions.write(script.client(), ITEMS, "test").committed());
        assertEquals(3, script.calls.size());
    }

    @Test
    void a_condition_failure_beside_a_conflict_is_decided_on_a_retry() {
        ScriptedClient script = new ScriptedClient()
                .thenCancel("ConditionalCheckFailed", "TransactionConflict")
                .thenCancel("None", "ConditionalCheckFailed");

        Transactions.Result result = Transactions.write(script.client(), ITEMS, "test");

        assertFalse(result.conditionFailed(0));
        assertTrue(result.conditionFailed(1));
        assertEquals(2, script.calls.size());
    }

    @Test
    void a_plain_condition_failure_is_not_retried() {
        ScriptedClient script = new ScriptedClient().thenCancel("ConditionalCheckFailed", "None");

        assertTrue(Transactions.write(script.client(), ITEMS, "test").conditionFailed(0));
        assertEquals(1, script.calls.size());
    }

    @Test
    void gives_up_on_endless_conflicts() {
        ScriptedClient script = new ScriptedClient();
        for (int i = 0; i < 10; i++) {
            script.thenCancel("TransactionConflict");
        }

        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> Transactions.write(script.client(), ITEMS, "reserve"));
        assertTrue(error.getMessage().startsWith("reserve: still conflicting"), error.getMessage());
        assertEquals(10, script.calls.size());
    }

    @Test
    void other_cancellations_are_errors() {
        TransactionCanceledException validation = cancellation("ValidationError", "None");
        ScriptedClient script = new ScriptedClient();
        script.transactions.add(validation);

        assertSame(
                validation,
                assertThrows(
                        TransactionCanceledException.class, () -> Transactions.write(script.client(), ITEMS, "test")));
    }

    @Test
    void a_payout_conflicting_on_the_balance_is_not_mistaken_for_insufficient_funds() {
        ScriptedClient script = new ScriptedClient()
                .thenCancel("None", "None", "TransactionConflict")
                .thenCancel("None", "None", "TransactionConflict")
                .thenCommit();
        DynamoPaymentStore store = new DynamoPaymentStore(script.client(), "payments", "balances");

        assertEquals(CreateOutcome.CREATED, store.create(TestPayments.payout(TestPayments.newKey(1), 1_000)));
        assertEquals(List.of("transactWriteItems", "transactWriteItems", "transactWriteItems"), script.calls);
    }

    @Test
    void a_payout_the_balance_refuses_after_a_conflict_is_stored_without_funds() {
        ScriptedClient script = new ScriptedClient()
                .thenCancel("None", "None", "TransactionConflict")
                .thenCancel("None", "None", "ConditionalCheckFailed")
                .thenCommit();
        DynamoPaymentStore store = new DynamoPaymentStore(script.client(), "payments", "balances");

        assertEquals(
                CreateOutcome.CREATED_WITHOUT_FUNDS, store.create(TestPayments.payout(TestPayments.newKey(1), 1_000)));
        // the third: the payout without funds and its operation id claim
        assertEquals(List.of("transactWriteItems", "transactWriteItems", "transactWriteItems"), script.calls);
    }
}
