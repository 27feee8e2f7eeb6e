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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function of template.yaml can really start from its CodeUri jar: the handler class is in
 * it, loads from the jar alone (a self-contained shaded jar), and has the public method the
 * Handler names; and the jar keeps to the 8 MiB package budget (issue 16 §3), every function alike (package
 * size is cold start; bench/ measures the cold starts themselves).
 */
class FunctionJarsTest {

    /** The package budget of every function, far within Lambda's 50 MB quota for a directly uploaded package. */
    private static final long MAX_JAR_BYTES = 8L * 1024 * 1024;

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final Path REPOSITORY_ROOT = TEMPLATE.path().getParent();

    @TestFactory
    Stream<DynamicTest> every_handler_is_in_its_jar_with_its_public_method() {
        return TEMPLATE.functions().stream()
                .map(function -> DynamicTest.dynamicTest(
                        function.logicalId() + ": " + function.handler().orElse("(no Handler)") + " in "
                                + function.codeUri(),
                        () -> assertHandlerInJar(function)));
    }

    @TestFactory
    Stream<DynamicTest> every_function_jar_keeps_to_the_eight_mib_budget() {
        Set<String> jars = new LinkedHashSet<>();
        TEMPLATE.functions().forEach(function -> jars.add(function.codeUri()));
        return jars.stream()
                .map(codeUri -> DynamicTest.dynamicTest(codeUri + " <= 8 MiB", () -> {
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
                                    "%s is %.2f MiB, over the 8 MiB package budget: look for dependencies that do not belong",
                                    codeUri,
                                    bytes / 1048576.0));
                }));
    }

    /**
     * The shade configuration (root pom.xml, profile {@code lambda-function}) leaves out every SDK service class that
     * only operations no function calls reach. Each SDK service class kept must then find every class it refers to in
     * the jar: otherwise the first call that reaches it fails with a NoClassDefFoundError in production. Two kinds of
     * class are exempt, by what the JVM does with them: an operation's lone request or response class (kept without its
     * builder: the bytecode verifier loads it when it links the client, and nothing ever runs it), and the classes
     * that name every operation (the client interface and implementation, the endpoint rules' request dispatch), whose
     * references to those lone classes are what the verifier loads: those must be in the jar. The client then links.
     */
    @TestFactory
    Stream<DynamicTest> every_kept_sdk_service_class_finds_what_it_refers_to() {
        Set<String> jars = new LinkedHashSet<>();
        TEMPLATE.functions().forEach(function -> jars.add(function.codeUri()));
        return jars.stream()
                .map(codeUri -> DynamicTest.dynamicTest(codeUri + ": SDK service classes complete", () -> {
                    Path jar = existingJar(codeUri);
                    Map<String, byte[]> services = new TreeMap<>();
                    Set<String> classes = new HashSet<>();
                    try (JarFile jarFile = new JarFile(jar.toFile())) {
                        for (JarEntry entry : Collections.list(jarFile.entries())) {
                            String name = entry.getName();
                            if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                                continue;
                            }
                            String className =
                                    name.substring(0, name.length() - 6).replace('/', '.');
                            classes.add(className);
                            if (className.startsWith(SDK_SERVICES)) {
                                try (InputStream in = jarFile.getInputStream(entry)) {
                                    services.put(className, in.readAllBytes());
                                }
                            }
                        }
                    }
                    List<String> missing = new ArrayList<>();
                    for (Map.Entry<String, byte[]> service : services.entrySet()) {
                        String className = service.getKey();
                        if (loneOperationClass(className, classes)) {
                            continue;
                        }
                        boolean namesEveryOperation =
                                NAMES_EVERY_OPERATION.matcher(className).matches();
                        for (String referenced :
                                ClassReferences.read(service.getValue()).referenced()) {
                            if (referenced.startsWith(SDK_SERVICES)
                                    && !classes.contains(referenced)
                                    && (!namesEveryOperation
                                            || OPERATION_CLASS
                                                    .matcher(referenced)
                                                    .matches())) {
                                missing.add(className + " -> " + referenced);
                            }
                        }
                    }
                    assertTrue(
                            missing.isEmpty(),
                            () -> codeUri + " lacks SDK classes that kept classes refer to (remove their exclude"
                                    + " lines from the root pom.xml):\n  " + String.join("\n  ", missing));
                    try (URLClassLoader jarOnly =
                            new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                        for (String client : List.of(
                                "software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient",
                                "software.amazon.awssdk.services.sqs.DefaultSqsClient")) {
                            if (classes.contains(client)) {
                                try {
                                    Class.forName(client, true, jarOnly); // links it: the verifier's loads
                                } catch (LinkageError e) {
                                    throw new AssertionError(codeUri + ": " + client + " does not link: " + e, e);
                                }
                            }
                        }
                    }
                }));
    }

    private static final String SDK_SERVICES = "software.amazon.awssdk.services.";

    /** The client interfaces and implementations and the endpoint rules' dispatch on the request's class. */
    private static final Pattern NAMES_EVERY_OPERATION = Pattern.compile(
            "software\\.amazon\\.awssdk\\.services\\.\\w+\\.(Default)?\\w+Client|"
                    + "software\\.amazon\\.awssdk\\.services\\.\\w+\\.endpoints\\.internal\\.\\w+EndpointResolverUtils");

    private static final Pattern OPERATION_CLASS =
            Pattern.compile("software\\.amazon\\.awssdk\\.services\\.\\w+\\.model\\.\\w+(Request|Response|Exception)");

    /** An operation's request or response kept without its builder: loaded by the verifier, never run. */
    private static boolean loneOperationClass(String className, Set<String> classes) {
        return OPERATION_CLASS.matcher(className).matches()
                && !className.endsWith("Exception")
                && !classes.contains(className + "$BuilderImpl");
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
