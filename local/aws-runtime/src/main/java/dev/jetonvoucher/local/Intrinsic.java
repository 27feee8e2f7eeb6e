package dev.jetonvoucher.local;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudFormation intrinsic function exactly as written in the template, not resolved. Short tags
 * ({@code !Ref X}) and long forms ({@code {Ref: X}}, {@code {"Fn::GetAtt": [A, B]}}) parse to the same value.
 */
public sealed interface Intrinsic {

    /** {@code !Ref LogicalIdOrParameter}. */
    record Ref(String logicalId) implements Intrinsic {}

    /** {@code !GetAtt Resource.Attribute} or {@code !GetAtt [Resource, Attribute]}. */
    record GetAtt(String logicalId, String attribute) implements Intrinsic {}

    /** {@code !Sub "text ${X}"} or {@code !Sub ["text ${v}", {v: value}]}; variables may hold intrinsics. */
    record Sub(String template, Map<String, Object> variables) implements Intrinsic {}

    /**
     * Any other function ({@code If}, {@code Join}, {@code Select}, {@code Split}, {@code Equals},
     * {@code FindInMap}, ...), named without the {@code Fn::} prefix, with its arguments as parsed.
     */
    record Call(String function, Object arguments) implements Intrinsic {}

    /** Builds the intrinsic for {@code function} (short name, e.g. "GetAtt") from its parsed argument. */
    static Intrinsic of(String function, Object argument) {
        return switch (function) {
            case "Ref" -> new Ref(requireString(function, argument));
            case "GetAtt" -> getAtt(argument);
            case "Sub" -> sub(argument);
            default -> new Call(function, argument);
        };
    }

    private static GetAtt getAtt(Object argument) {
        if (argument instanceof String dotted) {
            int dot = dotted.indexOf('.');
            if (dot > 0 && dot < dotted.length() - 1) {
                // Split at the first dot only: attributes such as Endpoint.Address contain dots themselves.
                return new GetAtt(dotted.substring(0, dot), dotted.substring(dot + 1));
            }
        } else if (argument instanceof List<?> list
                && list.size() == 2
                && list.get(0) instanceof String resource
                && list.get(1) instanceof String attribute) {
            return new GetAtt(resource, attribute);
        }
        throw new TemplateException("GetAtt needs \"Resource.Attribute\" or [Resource, Attribute], found: " + argument);
    }

    private static Sub sub(Object argument) {
        if (argument instanceof String template) {
            return new Sub(template, Map.of());
        }
        if (argument instanceof List<?> list
                && list.size() == 2
                && list.get(0) instanceof String template
                && list.get(1) instanceof Map<?, ?> variables) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) variables;
            return new Sub(template, Collections.unmodifiableMap(new LinkedHashMap<>(typed)));
        }
        throw new TemplateException("Sub needs a string or [string, {variables}], found: " + argument);
    }

    private static String requireString(String function, Object argument) {
        if (argument instanceof String text) {
            return text;
        }
        throw new TemplateException(function + " needs a logical id, found: " + argument);
    }
}
