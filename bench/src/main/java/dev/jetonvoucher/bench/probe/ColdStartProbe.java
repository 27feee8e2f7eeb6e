package dev.jetonvoucher.bench.probe;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start of one function, as the Lambda Java runtime performs it, in a fresh JVM whose class path is
 * the function's jar (plus this probe and the runtime's event serializer):
 * <ol>
 *   <li>init: load the Handler class, call its public no-argument constructor, and for a typed
 *       {@code RequestHandler} build the runtime's event serializers for its input and output types;</li>
 *   <li>with {@code --snapstart}: run the CRaC {@code beforeCheckpoint}/{@code afterRestore} hooks the function
 *       registered (what Lambda runs around the snapshot; needs {@code -Dorg.crac.Core.Compat=...probe.crac});</li>
 *   <li>first invocation: a {@code RequestStreamHandler} gets the event file's bytes and writes its answer; a
 *       typed handler gets the event file deserialized into its input type, and its response is serialized.</li>
 * </ol>
 * The environment (tables, queues, endpoint, project file) comes from the orchestrator, built from template.yaml.
 *
 * <p>Usage: {@code ColdStartProbe <handler class> <event file> [--snapstart]}
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String handlerClass = args[0];
        Path eventFile = Path.of(args[1]);
        boolean snapStart = args.length > 2 && args[2].equals("--snapstart");
        ClassLoader loader = ColdStartProbe.class.getClassLoader();

        // Init, as the runtime's handler loader does it: the class and its no-argument constructor; for a typed
        // RequestHandler also the serializers for its input and output types (a RequestStreamHandler has none).
        Class<?> type = Class.forName(handlerClass, true, loader);
        Object handler = type.getConstructor().newInstance();
        double constructorMillis = ProbeResult.millisSince(started);
        PojoSerializer<Object> input = null;
        PojoSerializer<Object> output = null;
        if (!(handler instanceof RequestStreamHandler)) {
            Method handleRequest = handleRequest(type);
            input = LambdaEventSerializers.serializerFor(
                    asObjectClass(handleRequest.getParameterTypes()[0]), loader);
            output = LambdaEventSerializers.serializerFor(asObjectClass(handleRequest.getReturnType()), loader);
        }
        double initMillis = ProbeResult.millisSince(started);

        Marker.reached(Hooks.class);
        long checkpointStarted = System.nanoTime();
        int hooks = snapStart ? runCheckpointHooks() : -1;
        double checkpointMillis = snapStart ? ProbeResult.millisSince(checkpointStarted) : 0;

        Marker.reached(Invocation.class);
        long invokeStarted = System.nanoTime();
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        double deserializeMillis;
        double handleMillis;
        if (handler instanceof RequestStreamHandler streamHandler) {
            // The function reads the event bytes and writes its answer itself: all of it is the function's work.
            try (InputStream in = Files.newInputStream(eventFile)) {
                streamHandler.handleRequest(in, serialized, new ProbeContext(handlerClass));
            }
            deserializeMillis = 0;
            handleMillis = ProbeResult.millisSince(invokeStarted);
        } else {
            Object event;
            try (InputStream in = Files.newInputStream(eventFile)) {
                event = input.fromJson(in);
            }
            deserializeMillis = ProbeResult.millisSince(invokeStarted);
            long handleStarted = System.nanoTime();
            @SuppressWarnings("unchecked")
            Object response =
                    ((RequestHandler<Object, Object>) handler).handleRequest(event, new ProbeContext(handlerClass));
            handleMillis = ProbeResult.millisSince(handleStarted);
            output.toJson(response, serialized);
        }
        double invokeMillis = ProbeResult.millisSince(invokeStarted);
        Marker.reached(Answered.class);

        new ProbeResult()
                .number("constructor_ms", constructorMillis)
                .number("init_ms", initMillis)
                .number("checkpoint_ms", checkpointMillis)
                .number("crac_resources", hooks)
                .number("deserialize_ms", deserializeMillis)
                .number("handle_ms", handleMillis)
                .number("first_invoke_ms", invokeMillis)
                .number("cpu_ms", cpuMillis())
                .text("response", serialized.toString(StandardCharsets.UTF_8))
                .print();
        System.exit(0); // as a frozen Lambda would: no waiting for non-daemon SDK threads
    }

    /**
     * Stage markers for a class-load log ({@code -Xlog:class+load}): each is an empty class loaded (initialized) when
     * its stage starts, so the log shows which classes init, the hooks and the first invocation loaded.
     */
    private static final class Marker {
        static void reached(Class<?> stage) {
            stage.getName(); // referencing the class literal loads it; its name is already interned
        }
    }

    private static final class Hooks {}

    private static final class Invocation {}

    private static final class Answered {}

    /** The handler's own handleRequest (not the bridge method taking Object). */
    private static Method handleRequest(Class<?> handlerType) {
        for (Method method : handlerType.getMethods()) {
            if (method.getName().equals("handleRequest")
                    && method.getParameterCount() == 2
                    && !method.isBridge()
                    && method.getParameterTypes()[1] == Context.class) {
                return method;
            }
        }
        throw new IllegalArgumentException(handlerType + " has no handleRequest(<event>, Context)");
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> asObjectClass(Class<?> type) {
        return (Class<Object>) type;
    }

    /** CPU time of the whole process so far (all threads: JIT and GC included), the figure load does not inflate. */
    static double cpuMillis() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(d -> d.toNanos() / 1e6)
                .orElse(-1.0);
    }

    /** Runs the registered CRaC hooks; -1 when the function jar has no org.crac (nothing could register). */
    private static int runCheckpointHooks() throws Exception {
        try {
            Class.forName("org.crac.Core");
        } catch (ClassNotFoundException noCrac) {
            return -1;
        }
        org.crac.Core.checkpointRestore();
        return dev.jetonvoucher.bench.probe.crac.Core.registeredResources();
    }

    /** The Lambda context of the one invocation. */
    private record ProbeContext(String functionName) implements Context {

        @Override
        public String getAwsRequestId() {
            return "00000000-0000-0000-0000-000000000001";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 15_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.print(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
