package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.logging.Log;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bin/invoke FUNCTION EVENT_FILE [--projects FILE] [--aws-endpoint URL]}: runs one function of
 * template.yaml once with an event file, as {@code sam local invoke} does but without Docker. The same handler
 * class, the function's environment from the template, the same local endpoint choice as {@code bin/sandbox};
 * the template's tables and queues are created if missing. On an endpoint given to it they are named
 * {@value #STATE_NAME}-… and the keys are kept in {@value #STATE_NAME}-SandboxState ({@link SandboxState}), so
 * invocations against one persistent endpoint share payments, queued work and keys. The event file's bytes go
 * to the handler's stream method as in Lambda, and its answer's bytes to stdout, while the function's logs go
 * to stderr.
 */
public final class Invoke {

    static final String STATE_NAME = "invoke";
    static final String USAGE = "usage: bin/invoke FUNCTION EVENT_FILE [--projects FILE] [--aws-endpoint URL]\n"
            + "  FUNCTION: a logical id of template.yaml, e.g. GateSaleFunction; EVENT_FILE: e.g. events/gate-sale.json";
    private static final ObjectMapper JSON = Json.mapper();

    private Invoke() {}

    /**
     * One invocation's outcome: the handler's response, and that response as Lambda would return it; the event as
     * the function got it (its placeholders filled in).
     */
    record Invocation(Object response, String responseJson, String event) {}

    /** The function threw: Lambda's error answer ({@code errorType}, {@code errorMessage}). */
    static final class FunctionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FunctionFailed(String functionId, RuntimeException cause) {
            super(functionId + " failed: " + cause, cause);
        }

        String errorJson() {
            ObjectNode error = JSON.createObjectNode();
            error.put("errorType", getCause().getClass().getName());
            error.put("errorMessage", String.valueOf(getCause().getMessage()));
            return error.toPrettyString();
        }
    }

    public static void main(String[] args) {
        PrintStream responseOut = System.out;
        // As with sam local invoke: the response alone on stdout, so it can be piped; logs on stderr.
        System.setOut(System.err);
        Log.configure(System.err, false);
        System.exit(run(args, responseOut));
    }

    static int run(String[] args, PrintStream responseOut) {
        String functionId;
        Path eventFile;
        Path projectsFile = null;
        String awsEndpoint = null;
        try {
            if (args.length < 2 || args[0].startsWith("--") || args[1].startsWith("--")) {
                throw new IllegalArgumentException("FUNCTION and EVENT_FILE come first");
            }
            functionId = args[0];
            eventFile = Path.of(args[1]);
            for (int i = 2; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--projects" -> projectsFile = Path.of(args[i + 1]);
                    case "--aws-endpoint" -> awsEndpoint = args[i + 1];
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bin/invoke: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        if (awsEndpoint != null) {
            System.setProperty("aws.endpointUrl", awsEndpoint);
        }
        Path effectiveProjects = null;
        try {
            SamTemplate template = SamTemplate.load(SamTemplate.locate());
            FunctionDef function = function(template, functionId);
            effectiveProjects = projectsFileFor(projectsFile);
            try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
                SandboxState state = SandboxState.on(endpoint, STATE_NAME);
                Invocation invocation = invoke(
                        template, function, eventFile, endpoint, state.prefix(), effectiveProjects, state.parameters());
                responseOut.println(JSON.readTree(invocation.responseJson()).toPrettyString());
            }
            return 0;
        } catch (FunctionFailed e) {
            responseOut.println(e.errorJson());
            System.err.println("bin/invoke: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("bin/invoke: " + e.getMessage());
            return 1;
        } finally {
            if (effectiveProjects != null && projectsFile == null) {
                Sandbox.deleteQuietly(effectiveProjects);
            }
        }
    }

    /**
     * Runs {@code function} once with the event in {@code eventFile}, its placeholders filled in
     * ({@link SampleEvents}), on resources named {@code resourcePrefix}… of {@code endpoint} (created if missing).
     *
     * @throws FunctionFailed when the handler throws, as Lambda reports an invocation error
     */
    static Invocation invoke(
            SamTemplate template,
            FunctionDef function,
            Path eventFile,
            LocalAwsEndpoint endpoint,
            String resourcePrefix,
            Path projectsFile,
            Map<String, String> parameters) {
        TemplateResources.Deployed resources = TemplateResources.create(template, endpoint, resourcePrefix);
        FunctionHost host = new FunctionHost(
                function,
                LocalRuntime.functionEnvironment(resources, function, endpoint, parameters, projectsFile),
                Clock.systemUTC());
        // The placeholders of the samples ({{operation_id:…}}, the run's signatures, …: SampleEvents) filled in
        byte[] event = new SampleEvents(template, resources, endpoint, parameters, projectsFile, Clock.systemUTC())
                .resolve(readEvent(eventFile));
        byte[] answer;
        try {
            answer = host.invokeJson(event);
        } catch (RuntimeException e) {
            throw new FunctionFailed(function.logicalId(), e);
        }
        try {
            return new Invocation(
                    host.readAnswer(answer),
                    new String(answer, StandardCharsets.UTF_8),
                    new String(event, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(
                    function.logicalId() + " answered with something that is not its JSON: "
                            + new String(answer, StandardCharsets.UTF_8),
                    e);
        }
    }

    static FunctionDef function(SamTemplate template, String logicalId) {
        return template.functions().stream()
                .filter(function -> function.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no function " + logicalId
                        + "; its functions: "
                        + template.functions().stream()
                                .map(FunctionDef::logicalId)
                                .collect(Collectors.joining(", "))));
    }

    /** The event file's bytes, as Lambda hands them to the function; checked to be a JSON object first. */
    static byte[] readEvent(Path eventFile) {
        if (!Files.isRegularFile(eventFile)) {
            throw new IllegalArgumentException("no event file " + eventFile);
        }
        try {
            byte[] event = Files.readAllBytes(eventFile);
            if (!JSON.readTree(event).isObject()) {
                throw new IllegalArgumentException(eventFile + " is not a JSON object");
            }
            return event;
        } catch (IOException e) {
            throw new IllegalArgumentException(eventFile + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    /** The given project file, checked, or the built-in project (239) in a temporary file. */
    private static Path projectsFileFor(Path given) throws IOException {
        if (given != null) {
            Sandbox.readProjectFile(given);
            return given;
        }
        Path builtIn = Files.createTempFile("invoke-projects-", ".json");
        Files.writeString(builtIn, Sandbox.BUILT_IN_PROJECTS);
        return builtIn;
    }
}
