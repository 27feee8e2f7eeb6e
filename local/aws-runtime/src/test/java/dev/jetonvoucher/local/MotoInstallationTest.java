package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fresh machine's first run, without a network: python3 lacks moto, and pip is pointed at a local folder
 * (PIP_NO_INDEX, PIP_FIND_LINKS) holding a wheel this test builds, a package named moto with a moto.server
 * module. bin/lib/local-endpoint.sh, run as the tests and the sandbox run it, must install that into the cache
 * virtualenv, say so, reuse it afterwards, and fail in one line saying why when pip finds nothing. Against a
 * reachable package index the same step installs the real moto[server].
 */
class MotoInstallationTest {

    private static final String FAKE_MOTO_VERSION = "0.0.1";

    /** Removed by {@link #removeTheMachine()}, which, unlike @TempDir, says nothing about the virtualenvs' links to python. */
    private static Path shared;
    /** A folder pip may install from: one wheel, moto 0.0.1. */
    private static Path wheels;
    /** A python3 without moto: a virtualenv of this machine's python3, without its site-packages. */
    private static Path pythonWithoutMoto;

    private static Path script;

    @BeforeAll
    static void freshMachine() throws IOException {
        shared = Files.createTempDirectory("fresh-machine");
        script = MotoInstallation.findScript(Path.of("").toAbsolutePath()).orElseThrow();
        wheels = Files.createDirectories(shared.resolve("wheels"));
        writeFakeMotoWheel(wheels);
        Path venv = shared.resolve("python-without-moto");
        Result created = run(List.of("python3", "-m", "venv", "--without-pip", venv.toString()), Map.of());
        assertEquals(0, created.exitCode, created.output);
        pythonWithoutMoto = venv.resolve("bin");
        assertNotEquals(
                0,
                run(List.of(pythonWithoutMoto.resolve("python3").toString(), "-c", "import moto"), Map.of()).exitCode,
                "the python3 standing for a fresh machine's must lack moto");
    }

    @AfterAll
    static void removeTheMachine() throws IOException {
        try (Stream<Path> files = Files.walk(shared)) { // symbolic links are removed, never followed
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void a_python3_without_moto_gets_moto_installed_into_the_cache_virtualenv_once_from_the_package_index_pip_is_given()
            throws IOException {
        Path cache = emptyCache();
        List<String> firstRun = new ArrayList<>();

        String python = MotoInstallation.ensure(script, offlineMachine(cache, wheels), firstRun::add);

        Path venv = cache.resolve("jeton-voucher/venv");
        assertEquals(venv.resolve("bin/python3").toString(), python);
        assertEquals(
                FAKE_MOTO_VERSION,
                run(List.of(python, "-c", "import moto.server, moto; print(moto.__version__)"), Map.of())
                        .output
                        .trim());
        assertTrue(
                firstRun.contains(
                        "local endpoint: installing moto[server] into " + venv + " (pip, once; later runs reuse it)"),
                firstRun.toString());
        assertTrue(
                firstRun.contains("local endpoint: installed moto " + FAKE_MOTO_VERSION + " into " + venv),
                firstRun.toString());

        // The next run finds it there: nothing to install, and nothing could be (no wheels).
        List<String> secondRun = new ArrayList<>();
        Path nothingToInstall = Files.createDirectories(cache.resolve("no-wheels"));
        assertEquals(python, MotoInstallation.ensure(script, offlineMachine(cache, nothingToInstall), secondRun::add));
        assertEquals(List.of(), secondRun);
    }

    @Test
    void when_pip_finds_no_moto_the_error_is_one_line_saying_why() throws IOException {
        Path cache = emptyCache();
        Path noWheels = Files.createDirectories(cache.resolve("no-wheels"));
        List<String> lines = new ArrayList<>();

        IllegalStateException error = assertThrows(
                IllegalStateException.class,
                () -> MotoInstallation.ensure(script, offlineMachine(cache, noWheels), lines::add));

        Path venv = cache.resolve("jeton-voucher/venv");
        assertEquals(
                "local endpoint: cannot install moto[server] into " + venv
                        + ": No matching distribution found for moto[server] (PIP_NO_INDEX=1 PIP_FIND_LINKS=" + noWheels
                        + ")",
                error.getMessage());
        assertEquals(error.getMessage(), lines.get(lines.size() - 1));
    }

    @Test
    void a_python3_that_has_moto_is_used_as_it_is() throws IOException {
        // This machine's own python3 has moto (the tests start it); nothing is installed for it.
        Path cache = emptyCache();
        String python = MotoInstallation.ensure(script, Map.of("XDG_CACHE_HOME", cache.toString()), line -> {});

        assertEquals(0, run(List.of(python, "-c", "import moto.server"), Map.of()).exitCode);
        assertFalse(
                Files.exists(cache.resolve("jeton-voucher")), "nothing may be installed for a python3 that has moto");
    }

    private static Path emptyCache() throws IOException {
        return Files.createTempDirectory(shared, "cache");
    }

    /** python3 without moto first on PATH, pip on the given folder only (no index, no config files), an empty cache. */
    private static Map<String, String> offlineMachine(Path cache, Path findLinks) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", pythonWithoutMoto + ":" + System.getenv("PATH"));
        environment.put("XDG_CACHE_HOME", cache.toString());
        environment.put("PIP_CONFIG_FILE", "/dev/null");
        environment.put("PIP_NO_INDEX", "1");
        environment.put("PIP_FIND_LINKS", findLinks.toString());
        return environment;
    }

    /** A wheel (a zip with the package, its metadata and a RECORD of hashes) for a moto whose moto.server imports. */
    private static void writeFakeMotoWheel(Path directory) throws IOException {
        String distInfo = "moto-" + FAKE_MOTO_VERSION + ".dist-info/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("moto/__init__.py", "__version__ = \"" + FAKE_MOTO_VERSION + "\"\n");
        files.put(
                "moto/server.py",
                "def main():\n    raise SystemExit(\"a stand-in for moto's server, for the install test\")\n");
        files.put(
                distInfo + "METADATA",
                "Metadata-Version: 2.1\nName: moto\nVersion: " + FAKE_MOTO_VERSION + "\nProvides-Extra: server\n");
        files.put(
                distInfo + "WHEEL",
                "Wheel-Version: 1.0\nGenerator: MotoInstallationTest\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        Path wheel = directory.resolve("moto-" + FAKE_MOTO_VERSION + "-py3-none-any.whl");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(content);
                zip.closeEntry();
                record.append(file.getKey())
                        .append(",sha256=")
                        .append(sha256(content))
                        .append(',')
                        .append(content.length)
                        .append('\n');
            }
            record.append(distInfo).append("RECORD,,\n");
            zip.putNextEntry(new ZipEntry(distInfo + "RECORD"));
            zip.write(record.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private static String sha256(byte[] content) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
