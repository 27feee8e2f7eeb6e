package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class LocalAwsEndpointTest {

    // ------------------------------------------------------------------ selection rules

    @Test
    void system_property_aws_endpoint_url_wins_over_the_others() {
        Properties properties = new Properties();
        properties.setProperty("aws.endpointUrl", "http://127.0.0.1:1111");
        properties.setProperty("AWS_ENDPOINT_URL", "http://127.0.0.1:2222");

        Optional<URI> chosen =
                LocalAwsEndpoint.configuredEndpoint(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:3333"), properties);

        assertEquals(Optional.of(URI.create("http://127.0.0.1:1111")), chosen);
    }

    @Test
    void upper_case_system_property_wins_over_the_environment() {
        Properties properties = new Properties();
        properties.setProperty("AWS_ENDPOINT_URL", "http://127.0.0.1:2222");

        assertEquals(
                Optional.of(URI.create("http://127.0.0.1:2222")),
                LocalAwsEndpoint.configuredEndpoint(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:3333"), properties));
    }

    @Test
    void environment_variable_is_used_when_no_property_is_set() {
        assertEquals(
                Optional.of(URI.create("http://localhost:4566")),
                LocalAwsEndpoint.configuredEndpoint(
                        Map.of("AWS_ENDPOINT_URL", " http://localhost:4566 "), new Properties()));
    }

    @Test
    void blank_or_missing_settings_mean_nothing_is_configured() {
        Properties properties = new Properties();
        properties.setProperty("aws.endpointUrl", "  ");

        assertEquals(Optional.empty(), LocalAwsEndpoint.configuredEndpoint(Map.of("AWS_ENDPOINT_URL", ""), properties));
        assertEquals(Optional.empty(), LocalAwsEndpoint.configuredEndpoint(Map.of(), new Properties()));
    }

    @Test
    void malformed_endpoint_is_rejected_naming_where_it_came_from() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class,
                () -> LocalAwsEndpoint.configuredEndpoint(
                        Map.of("AWS_ENDPOINT_URL", "localhost:4566"), new Properties()));

        assertTrue(error.getMessage().contains("environment variable AWS_ENDPOINT_URL"), error.getMessage());
    }

    @Test
    void region_is_us_east1_unless_configured() {
        Properties properties = new Properties();
        assertEquals(Region.US_EAST_1, LocalAwsEndpoint.region(Map.of(), properties));
        assertEquals(Region.EU_WEST_1, LocalAwsEndpoint.region(Map.of("AWS_REGION", "eu-west-1"), properties));
        properties.setProperty("aws.region", "eu-central-1");
        assertEquals(Region.EU_CENTRAL_1, LocalAwsEndpoint.region(Map.of("AWS_REGION", "eu-west-1"), properties));
    }

    @Test
    void credentials_are_static_test_ones_unless_real_ones_are_given() {
        assertInstanceOf(StaticCredentialsProvider.class, LocalAwsEndpoint.credentials(Map.of(), new Properties()));
        assertInstanceOf(
                DefaultCredentialsProvider.class,
                LocalAwsEndpoint.credentials(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"), new Properties()));
    }

    // ------------------------------------------------------------------ endpoints for real

    @Test
    void configured_endpoint_is_used_as_is_and_closing_it_stops_nothing() {
        try (LocalAwsEndpoint moto = LocalAwsEndpoint.startMoto()) {
            String previous =
                    System.setProperty("aws.endpointUrl", moto.endpoint().toString());
            try {
                LocalAwsEndpoint configured = LocalAwsEndpoint.start();
                assertEquals("env", configured.kind());
                assertTrue(configured.external(), "what is created on it outlives this process");
                assertFalse(moto.external(), "a moto server started here stops with it");
                assertEquals(moto.endpoint(), configured.endpoint());
                assertTrue(configured.motoProcess().isEmpty());
                configured.dynamoDb().listTables();
                configured.close();

                assertTrue(
                        moto.motoProcess().orElseThrow().isAlive(),
                        "closing an env endpoint must not stop the server behind it");
                moto.dynamoDb().listTables();
            } finally {
                restoreProperty("aws.endpointUrl", previous);
            }
        }
    }

    @Test
    void closing_a_moto_endpoint_stops_the_server_and_frees_its_port() throws Exception {
        LocalAwsEndpoint moto = LocalAwsEndpoint.startMoto();
        ProcessHandle process = moto.motoProcess().orElseThrow();
        int port = moto.endpoint().getPort();
        assertEquals("moto", moto.kind());
        assertEquals("127.0.0.1", moto.endpoint().getHost());
        moto.sqs().listQueues();

        moto.close();

        process.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(process.isAlive());
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
        assertThrows(IllegalStateException.class, moto::dynamoDb, "a closed endpoint hands out no clients");
    }

    @Test
    void moto_server_stops_by_itself_when_its_jvm_is_killed() throws Exception {
        // A JVM killed with SIGKILL runs no shutdown hook; the server must still not outlive it.
        Process childJvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path") + File.pathSeparator + testClassesDirectory(),
                        MotoHoldingMain.class.getName())
                .redirectErrorStream(true)
                .start();
        ProcessHandle moto = null;
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(childJvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line = output.readLine();
            StringBuilder printed = new StringBuilder();
            while (line != null && !line.startsWith(MotoHoldingMain.PID_LINE)) {
                printed.append(line).append('\n');
                line = output.readLine();
            }
            assertTrue(line != null, "child JVM ended without starting moto:\n" + printed);
            long motoPid = Long.parseLong(line.substring(MotoHoldingMain.PID_LINE.length()));
            moto = ProcessHandle.of(motoPid).orElseThrow();
            assertTrue(moto.isAlive());

            childJvm.destroyForcibly();
            childJvm.waitFor(10, TimeUnit.SECONDS);

            moto.onExit().completeOnTimeout(moto, 10, TimeUnit.SECONDS).join();
            assertFalse(moto.isAlive(), "moto " + motoPid + " outlived its killed JVM");
        } finally {
            childJvm.destroyForcibly();
            if (moto != null) {
                moto.destroyForcibly(); // no orphan even when the test fails
            }
        }
    }

    @Test
    void missing_python_is_reported_with_the_install_command() {
        // MotoMissingException: LocalAwsEndpoint.startMoto() then installs moto into a virtualenv
        // (MotoInstallationTest).
        IllegalStateException error = assertThrows(
                MotoServer.MotoMissingException.class, () -> LocalAwsEndpoint.startMoto("python3-that-does-not-exist"));

        assertTrue(error.getMessage().contains("python3-that-does-not-exist"), error.getMessage());
        assertTrue(error.getMessage().contains("pip install 'moto[server]'"), error.getMessage());
    }

    @Test
    void missing_moto_is_reported_with_the_install_command(@TempDir Path directory) throws IOException {
        // python3 -S skips site-packages, so moto cannot be imported: the situation on a fresh machine.
        Path pythonWithoutPackages = directory.resolve("python-without-packages");
        Files.writeString(pythonWithoutPackages, "#!/bin/sh\nexec python3 -S \"$@\"\n");
        Files.setPosixFilePermissions(pythonWithoutPackages, PosixFilePermissions.fromString("rwx------"));

        // MotoMissingException: LocalAwsEndpoint.startMoto() then installs moto into a virtualenv
        // (MotoInstallationTest).
        IllegalStateException error = assertThrows(
                MotoServer.MotoMissingException.class,
                () -> LocalAwsEndpoint.startMoto(pythonWithoutPackages.toString()));

        assertTrue(error.getMessage().contains("No module named 'moto'"), error.getMessage());
        assertTrue(error.getMessage().contains("pip install 'moto[server]'"), error.getMessage());
    }

    @Test
    void shared_endpoint_is_one_per_jvm_and_survives_close() {
        LocalAwsEndpoint shared = LocalAwsEndpoint.shared();
        shared.close();

        assertSame(shared, LocalAwsEndpoint.shared());
        shared.dynamoDb().listTables();
        shared.sqs().listQueues();
    }

    private static Path testClassesDirectory() {
        try {
            return Path.of(MotoHoldingMain.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restoreProperty(String name, String previous) {
        if (previous == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, previous);
        }
    }
}
