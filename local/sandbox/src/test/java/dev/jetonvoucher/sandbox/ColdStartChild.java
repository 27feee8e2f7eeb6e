package dev.jetonvoucher.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start of one function in a fresh JVM, as the Lambda Java runtime performs it for a
 * {@code RequestStreamHandler}: the handler class, its no-argument constructor (the wiring from the process's
 * environment), and one invocation with an event file's bytes; the answer goes to standard output. Run by
 * {@link FunctionColdPathTest}, which reads what this JVM loaded.
 *
 * <p>Usage: {@code ColdStartChild <handler class> <event file>}
 */
public final class ColdStartChild {

    private ColdStartChild() {}

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0], true, ColdStartChild.class.getClassLoader());
        RequestStreamHandler handler =
                (RequestStreamHandler) type.getConstructor().newInstance();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (InputStream event = Files.newInputStream(Path.of(args[1]))) {
            handler.handleRequest(event, answer, new LocalContext(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), 1024, 30));
        }
        System.out.print(answer.toString(StandardCharsets.UTF_8));
        System.out.flush();
        System.exit(0);
    }
}
