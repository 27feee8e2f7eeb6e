package dev.jetonvoucher.reliability;

import dev.jetonvoucher.aws.QueueSender;
import dev.jetonvoucher.sandbox.FunctionHost;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Makes chosen AWS calls fail as if the process died just before them: a global SDK interceptor (registered for every
 * client of this JVM through {@code software/amazon/awssdk/global/handlers/execution.interceptors}) that is inert
 * until a test arms a fault. The functions send their queue messages without the SDK's client, through their
 * {@link QueueSender} port: {@link Reliability} has every hosted function's sender wrapped by {@link #around}
 * ({@link FunctionHost#decorateQueueSenders}), which offers each send as a {@code SendMessage} request. An armed fault
 * fails the next matching calls before anything is sent, so every write that came before it in the same invocation
 * stands, and nothing after it happens.
 */
public final class FaultInjection implements ExecutionInterceptor {

    private static final List<Fault> ARMED = new CopyOnWriteArrayList<>();

    /** One armed fault: fails the next {@code times} calls of the operation whose request matches. */
    public static final class Fault {
        private final String operation;
        private final Predicate<SdkRequest> matches;
        private final AtomicInteger remaining;
        private final AtomicInteger fired = new AtomicInteger();

        private Fault(String operation, Predicate<SdkRequest> matches, int times) {
            this.operation = operation;
            this.matches = matches;
            this.remaining = new AtomicInteger(times);
        }

        public int fired() {
            return fired.get();
        }

        public void disarm() {
            ARMED.remove(this);
        }

        private boolean fire(String calledOperation, SdkRequest request) {
            if (!operation.equals(calledOperation) || !matches.test(request)) {
                return false;
            }
            if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
                return false;
            }
            fired.incrementAndGet();
            return true;
        }
    }

    /** Arms a fault on an operation ("SendMessage", "TransactWriteItems", ...). */
    public static Fault failNext(String operation, Predicate<SdkRequest> matches, int times) {
        Fault fault = new Fault(operation, matches, times);
        ARMED.add(fault);
        return fault;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (ARMED.isEmpty()) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Fault fault : ARMED) {
            if (fault.fire(operation, context.request())) {
                throw SdkClientException.create(
                        "fault injected by the reliability suite: the process died before " + operation);
            }
        }
    }

    /** {@code sender}, failing the sends an armed {@code SendMessage} fault matches before they are made. */
    public static QueueSender around(QueueSender sender) {
        return (queueUrl, body, delaySeconds) -> {
            beforeSend(queueUrl, body, delaySeconds);
            sender.send(queueUrl, body, delaySeconds);
        };
    }

    private static void beforeSend(String queueUrl, String body, int delaySeconds) {
        if (ARMED.isEmpty()) {
            return;
        }
        SendMessageRequest request = SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(body)
                .delaySeconds(delaySeconds)
                .build();
        for (Fault fault : ARMED) {
            if (fault.fire("SendMessage", request)) {
                throw SdkClientException.create(
                        "fault injected by the reliability suite: the process died before SendMessage");
            }
        }
    }
}
