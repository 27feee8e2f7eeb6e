package dev.jetonvoucher.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.aws.QueueSender;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.LambdaEventJson;
import dev.jetonvoucher.aws.lambda.QueueFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.local.FunctionDef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One function of template.yaml, hosted in this process: the very handler class the template names,
 * constructed once (like a warm Lambda container) with a {@link Wiring} built from the function's own
 * environment, and invoked as Lambda invokes it: the event's JSON bytes in, the answer's JSON bytes out, through
 * the handler's {@link RequestStreamHandler} method.
 */
public final class FunctionHost {

    /** Told of every invocation; the cost benchmark (bench/run --only cost) meters with it. */
    public interface InvocationObserver {
        /**
         * @param function the function invoked
         * @param http true for an HTTP API event, false for an SQS batch
         * @param nanos how long the handler ran, as Lambda's billed duration counts it (event in to answer out)
         */
        void invoked(FunctionDef function, boolean http, long nanos);
    }

    private static volatile InvocationObserver observer = (function, http, nanos) -> {};
    private static volatile UnaryOperator<QueueSender> queueSenders = UnaryOperator.identity();

    private final FunctionDef function;
    private final RequestStreamHandler handler;
    private final Map<String, String> environment;

    /** Replaces the observer of every function hosted in this process (none but a no-op by default). */
    public static void observeInvocations(InvocationObserver newObserver) {
        observer = newObserver;
    }

    /**
     * Wraps the queue sender of every function hosted in this process from now on (none by default): the reliability
     * suite's fault injection fails chosen sends with it, the cost benchmark counts the SendMessage requests.
     */
    public static void decorateQueueSenders(UnaryOperator<QueueSender> decorator) {
        queueSenders = decorator;
    }

    public FunctionHost(FunctionDef function, Map<String, String> environment, Clock clock) {
        this.function = function;
        this.environment = Map.copyOf(environment);
        try {
            Class<?> type = Class.forName(function.handlerClass());
            Object instance;
            Constructor<?> withWiring = findConstructor(type);
            if (withWiring != null) {
                instance = withWiring.newInstance(Wiring.of(environment, clock, queueSenders));
            } else {
                instance = type.getConstructor().newInstance();
            }
            if (!(instance instanceof RequestStreamHandler streamHandler)) {
                throw new IllegalStateException(function.handlerClass() + " is not a RequestStreamHandler");
            }
            this.handler = streamHandler;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "handler class " + function.handlerClass() + " of " + function.logicalId()
                            + " is not on the class path",
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    function.logicalId() + " failed to initialize: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + function.handlerClass(), e);
        }
    }

    private static Constructor<?> findConstructor(Class<?> type) {
        try {
            return type.getConstructor(Wiring.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The environment the function was given (values may be secrets: never print them all). */
    public Map<String, String> environment() {
        return environment;
    }

    public FunctionDef definition() {
        return function;
    }

    /** One invocation as Lambda makes it: the event's JSON in, the answer's JSON out. */
    public byte[] invokeJson(byte[] event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        long started = System.nanoTime();
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(event),
                    answer,
                    new LocalContext(function.logicalId(), function.memorySizeMb(), function.timeoutSeconds()));
        } catch (IOException e) {
            throw new UncheckedIOException(function.logicalId() + " could not read its event or write its answer", e);
        } finally {
            observer.invoked(function, handler instanceof HttpFunction, System.nanoTime() - started);
        }
        return answer.toByteArray();
    }

    /**
     * One invocation with an HTTP API event (answer: {@code APIGatewayV2HTTPResponse}) or an SQS batch (answer:
     * {@code SQSBatchResponse}), through the same JSON as in Lambda.
     */
    public Object invoke(Object event) {
        try {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            if (event instanceof APIGatewayV2HTTPEvent http) {
                LambdaEventJson.writeHttpEvent(http, json);
            } else if (event instanceof SQSEvent batch) {
                LambdaEventJson.writeQueueEvent(batch, json);
            } else {
                throw new IllegalArgumentException("not an HTTP API or SQS event: " + event);
            }
            return readAnswer(invokeJson(json.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer's JSON read as the type the handler answers with. */
    public Object readAnswer(byte[] answer) throws IOException {
        if (handler instanceof HttpFunction) {
            return LambdaEventJson.readHttpResponse(new ByteArrayInputStream(answer));
        }
        if (handler instanceof QueueFunction) {
            return LambdaEventJson.readBatchResponse(new ByteArrayInputStream(answer));
        }
        return new String(answer, StandardCharsets.UTF_8);
    }
}
