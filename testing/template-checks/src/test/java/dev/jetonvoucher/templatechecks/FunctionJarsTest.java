package dev.jetonvoucher.templatechecks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function of template.yaml can really start from its CodeUri jar: the handler class is in
 * it, loads from the jar alone (a self-contained shaded jar), and has the public method the
 * Handler names; and the jar keeps to the 10 MiB package budget, every function alike (package
 * size is cold start; bench/ measures the cold starts themselves).
 */
class FunctionJarsTest {

    /** The package budget of every function, far within Lambda's 50 MB quota for a directly uploaded package. */
    private static final long MAX_JAR_BYTES = 10L * 1024 * 1024;

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final Path REPOSITORY_ROOT = TEMPLATE.path().getParent();

    @TestFactory
    Stream<DynamicTest> everyHandlerIsInItsJarWithItsPublicMethod() {
        return TEMPLATE.functions().stream()
                .map(function -> DynamicTest.dynamicTest(
                        function.logicalId() + ": " + function.handler().orElse("(no Handler)") + " in "
                                + function.codeUri(),
                        () -> assertHandlerInJar(function)));
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionJarKeepsToTheTenMibBudget() {
        Set<String> jars = new LinkedHashSet<>();
        TEMPLATE.functions().forEach(function -> jars.add(function.codeUri()));
        return jars.stream()
                .map(codeUri -> DynamicTest.dynamicTest(codeUri + " <= 10 MiB", () -> {
                    long bytes = Files.size(existingJar(codeUri));
                    System.out.printf(
                            Locale.ROOT,
                            "function jar %-45s %,12d bytes (%.2f MiB)%n",
                            codeUri,
                            bytes,
                            bytes / 1048576.0);
                    assertTrue(
                            bytes <= MAX_JAR_BYTES,
                            () -> String.format(
                                    Locale.ROOT,
                                    "%s is %.2f MiB, over the 10 MiB package budget: look for dependencies that do not belong",
                                    codeUri,
                                    bytes / 1048576.0));
                }));
    }

    private static void assertHandlerInJar(FunctionDef function) throws Exception {
        Path jar = existingJar(function.codeUri());
        String className = function.handlerClass();
        String where = function.logicalId() + " (" + function.codeUri() + ")";
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            String entry = className.replace('.', '/') + ".class";
            assertTrue(
                    jarFile.getEntry(entry) != null,
                    () -> where + " has no " + entry + ", the Handler class " + className);
        }
        // Only the jar and the JDK: what the Lambda runtime gives the handler, nothing from this build's classpath.
        try (URLClassLoader jarOnly =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> handlerClass = loadWithoutInitializing(className, jarOnly, where);
            assertTrue(
                    Modifier.isPublic(handlerClass.getModifiers()), () -> where + ": " + className + " must be public");
            List<Method> candidates = publicMethodsNamed(handlerClass, function.handlerMethod(), where);
            if (candidates.isEmpty()) {
                fail(where + ": " + className + " has no public method " + function.handlerMethod()
                        + "; its public methods: "
                        + Arrays.stream(handlerClass.getMethods())
                                .map(Method::getName)
                                .distinct()
                                .sorted()
                                .toList());
            }
            // A stream handler reads its own event: the runtime then builds no event serializer of its own (a second,
            // shaded Jackson), which cost 250-600 ms of each cold start. Among overloads of the Handler's method the
            // runtime prefers the longest signature, the stream one.
            Class<?> streamHandler = loadWithoutInitializing(
                    "com.amazonaws.services.lambda.runtime.RequestStreamHandler", jarOnly, where);
            assertTrue(
                    streamHandler.isAssignableFrom(handlerClass),
                    () -> where + ": " + className + " must be a RequestStreamHandler (HttpFunction or QueueFunction)");
            assertTrue(
                    candidates.stream()
                            .anyMatch(m -> m.getParameterCount() == 3 && m.getParameterTypes()[0] == InputStream.class),
                    () -> where + ": the Handler method " + function.handlerMethod()
                            + " must have the stream signature");
            boolean instanceMethod = candidates.stream().anyMatch(m -> !Modifier.isStatic(m.getModifiers()));
            if (instanceMethod) {
                assertFalse(
                        Modifier.isAbstract(handlerClass.getModifiers()),
                        () -> where + ": " + className + " is abstract");
                // The Java runtime instantiates handler classes with getConstructor().newInstance().
                try {
                    handlerClass.getConstructor();
                } catch (NoSuchMethodException e) {
                    fail(where + ": " + className + " needs a public no-argument constructor for the Lambda runtime");
                }
            }
        }
    }

    private static Class<?> loadWithoutInitializing(String className, ClassLoader loader, String where) {
        try {
            // initialize=false: static initializers may build AWS clients, which is not what is checked here.
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(where + ": " + className + " cannot be loaded from the jar", e);
        } catch (LinkageError e) {
            throw new AssertionError(
                    where + ": " + className + " needs a class the jar lacks (is it shaded with all"
                            + " its dependencies?): " + e,
                    e);
        }
    }

    private static List<Method> publicMethodsNamed(Class<?> handlerClass, String name, String where) {
        try {
            return Arrays.stream(handlerClass.getMethods())
                    .filter(m -> m.getName().equals(name))
                    .toList();
        } catch (LinkageError e) {
            // getMethods resolves parameter and return types: Context, event classes, ... must be in the jar.
            throw new AssertionError(
                    where + ": the methods of " + handlerClass.getName() + " use a class the jar lacks: " + e, e);
        }
    }

    private static Path existingJar(String codeUri) throws IOException {
        Path jar = REPOSITORY_ROOT.resolve(codeUri).normalize();
        if (!Files.isRegularFile(jar)) {
            fail(codeUri + " missing: run ./mvnw package");
        }
        return jar;
    }
}
