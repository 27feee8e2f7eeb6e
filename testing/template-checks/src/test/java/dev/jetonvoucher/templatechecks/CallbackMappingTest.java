package dev.jetonvoucher.templatechecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.QueueDef;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.SqsTrigger;
import dev.jetonvoucher.local.TemplateRules;
import dev.jetonvoucher.workflow.CallbackDelivery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A slow merchant delays no one else, deployed: MerchantCallbackFunction's event source mapping hands each callback
 * to an invocation of its own, at once, with invocations side by side, and the function outlasts one try's deadline.
 */
class CallbackMappingTest {

    /** Lambda's least ScalingConfig.MaximumConcurrency, and the most it accepts. */
    private static final int LEAST_MAXIMUM_CONCURRENCY = 2;

    private static final int MOST_MAXIMUM_CONCURRENCY = 1000;
    /** What an invocation does besides the try: claim it, queue the next one, record it (DynamoDB and SQS calls). */
    private static final Duration ROOM_FOR_AWS_CALLS = Duration.ofSeconds(5);

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final FunctionDef CALLBACKS = TEMPLATE.function("MerchantCallbackFunction");

    private static SqsTrigger mapping() {
        List<SqsTrigger> triggers = CALLBACKS.sqsTriggers();
        assertEquals(1, triggers.size(), () -> "MerchantCallbackFunction has one SQS event: " + triggers);
        assertEquals("MerchantCallbackQueue", triggers.get(0).queueLogicalId());
        return triggers.get(0);
    }

    @Test
    void each_callback_is_an_invocation_of_its_own_so_a_slow_try_holds_back_no_other_message() {
        assertEquals(1, mapping().batchSize(), "a batch is handled message after message: BatchSize must be 1");
    }

    @Test
    void callbacks_are_invoked_at_once_without_waiting_to_fill_a_batch() {
        assertEquals(0, mapping().maximumBatchingWindowSeconds());
    }

    @Test
    void invocations_run_side_by_side_up_to_a_chosen_concurrency() {
        int concurrency = mapping()
                .maximumConcurrency()
                .orElseThrow(
                        () -> new AssertionError(
                                "ScalingConfig.MaximumConcurrency must be set: it bounds how many slow tries can be in flight at once"
                                        + " before other merchants wait, and how much of the account's concurrency callbacks take"));
        assertTrue(
                concurrency >= LEAST_MAXIMUM_CONCURRENCY && concurrency <= MOST_MAXIMUM_CONCURRENCY,
                () -> "MaximumConcurrency " + concurrency + " is outside Lambda's 2..1000");
    }

    @Test
    void a_failed_callback_alone_goes_back_to_the_queue() {
        assertTrue(mapping().reportBatchItemFailures(), "FunctionResponseTypes must include ReportBatchItemFailures");
    }

    @Test
    void the_function_outlasts_one_try_with_room_for_its_aws_calls() {
        Duration least = CallbackDelivery.TIMEOUT.plus(ROOM_FOR_AWS_CALLS);
        assertTrue(
                CALLBACKS.timeoutSeconds() >= least.toSeconds(),
                () -> "MerchantCallbackFunction Timeout "
                        + CALLBACKS.timeoutSeconds() + " s is below the try's deadline "
                        + CallbackDelivery.TIMEOUT.toSeconds()
                        + " s plus " + ROOM_FOR_AWS_CALLS.toSeconds() + " s for its DynamoDB and SQS calls");
    }

    @Test
    void the_queue_hides_a_message_for_six_function_timeouts() {
        QueueDef queue = TEMPLATE.queue("MerchantCallbackQueue");
        assertTrue(
                queue.visibilityTimeoutSeconds()
                        >= TemplateRules.VISIBILITY_TIMEOUT_FACTOR * CALLBACKS.timeoutSeconds(),
                () -> "VisibilityTimeout " + queue.visibilityTimeoutSeconds()
                        + " s is below 6 x the function's Timeout " + CALLBACKS.timeoutSeconds() + " s");
        assertTrue(queue.redrive().isPresent(), "callbacks that always fail end in the dead-letter queue");
    }
}
