package dev.jetonvoucher.local;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::Function} of template.yaml with Globals already merged in.
 *
 * @param handler "package.Class::method" as written; empty only for a template that forgot it
 *                (the template rules report that)
 * @param codeUri the CodeUri path, relative to the template's directory
 * @param environment environment variables, values unresolved: String, Number, Boolean or {@link Intrinsic}
 */
public record FunctionDef(
        String logicalId,
        Optional<String> handler,
        String codeUri,
        int timeoutSeconds,
        int memorySizeMb,
        Map<String, Object> environment,
        List<HttpRoute> httpRoutes,
        List<SqsTrigger> sqsTriggers) {

    /** Lambda's defaults when neither the function nor Globals set them. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;

    public static final int DEFAULT_MEMORY_SIZE_MB = 128;
    /** The method the Java runtime calls when the Handler names only a class. */
    public static final String DEFAULT_HANDLER_METHOD = "handleRequest";

    public FunctionDef {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        httpRoutes = List.copyOf(httpRoutes);
        sqsTriggers = List.copyOf(sqsTriggers);
    }

    /** The handler's fully qualified class name. */
    public String handlerClass() {
        String value = requireHandler();
        int separator = value.indexOf("::");
        return separator < 0 ? value : value.substring(0, separator);
    }

    /** The handler's method name; {@value #DEFAULT_HANDLER_METHOD} when the Handler names only a class. */
    public String handlerMethod() {
        String value = requireHandler();
        int separator = value.indexOf("::");
        return separator < 0 ? DEFAULT_HANDLER_METHOD : value.substring(separator + 2);
    }

    private String requireHandler() {
        return handler.orElseThrow(() -> new TemplateException(logicalId + " has no Handler"));
    }
}
