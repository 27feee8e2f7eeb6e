package dev.jetonvoucher.sandbox;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.local.FunctionDef;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.Map;

/**
 * One function of template.yaml, hosted in this process: the very handler class the template names,
 * constructed once (like a warm Lambda container) with a {@link Wiring} built from the function's own
 * environment, and invoked with events shaped as Lambda delivers them.
 */
public final class FunctionHost {

    private final FunctionDef function;
    private final RequestHandler<Object, Object> handler;

    @SuppressWarnings("unchecked")
    public FunctionHost(FunctionDef function, Map<String, String> environment, Clock clock) {
        this.function = function;
        try {
            Class<?> type = Class.forName(function.handlerClass());
            Object instance;
            Constructor<?> withWiring = findConstructor(type);
            if (withWiring != null) {
                instance = withWiring.newInstance(Wiring.of(environment, clock));
            } else {
                instance = type.getConstructor().newInstance();
            }
            if (!(instance instanceof RequestHandler<?, ?>)) {
                throw new IllegalStateException(function.handlerClass() + " is not a RequestHandler");
            }
            this.handler = (RequestHandler<Object, Object>) instance;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("handler class " + function.handlerClass() + " of " + function.logicalId()
                    + " is not on the class path", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(function.logicalId() + " failed to initialize: " + e.getCause(), e.getCause());
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

    public FunctionDef definition() {
        return function;
    }

    /**
     * The event type the handler declares ({@code RequestHandler<I, O>}'s {@code I}), which Lambda's runtime
     * deserializes the event JSON into; {@code Object} when the handler does not say.
     */
    public Class<?> inputType() {
        for (Class<?> type = handler.getClass(); type != null; type = type.getSuperclass()) {
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> input) {
                    return input;
                }
            }
        }
        return Object.class;
    }

    public Object invoke(Object event) {
        return handler.handleRequest(event,
                new LocalContext(function.logicalId(), function.memorySizeMb(), function.timeoutSeconds()));
    }
}
