package dev.jetonvoucher.sandbox;

import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/sandbox [--port N] [--projects FILE] [--aws-endpoint URL [--state-prefix NAME]] [--provider-connector
 * in-process-emulator|http]}: the whole system on 127.0.0.1 until Ctrl-C / SIGTERM, as fixed in
 * shared/spec/sandbox-contract.md. The provider is the in-process emulator (the fastest) unless {@code
 * --provider-connector http} puts the HTTP connector and the emulator service (its own routes and IPNs) between them. On an endpoint given to it,
 * its state persists and a restart resumes ({@link SandboxState}).
 */
public final class SandboxMain {

    static final String USAGE =
            "usage: bin/sandbox [--port N] [--projects FILE] [--aws-endpoint URL [--state-prefix NAME]]"
                    + " [--provider-connector in-process-emulator|http]\n"
                    + "       bin/sandbox demo [--base-url URL] [--project-id N --secret KEY]";
    private static final CurrencyUnit PREFERRED_LINK_CURRENCY = CurrencyUnit.of("EUR");

    /** What this process started, newest first; the shutdown hook (Ctrl-C, SIGTERM, exit) stops it all. */
    private static final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();

    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/sandbox: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopEverythingStarted();
                            stopped.countDown();
                        },
                        "stop-sandbox"));

        String projectJson;
        try {
            projectJson = Sandbox.readProjectFile(options.projectsFile);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        HttpGateway gateway;
        try {
            gateway = new HttpGateway(Sandbox.HOST, options.port);
        } catch (BindException e) {
            fail("port " + options.port + " on " + Sandbox.HOST
                    + " is taken: stop what uses it, or run bin/sandbox --port N");
            return;
        } catch (IOException e) {
            fail("cannot listen on " + Sandbox.HOST + ":" + options.port + ": " + e.getMessage());
            return;
        }
        started.push(gateway);
        if (options.awsEndpoint != null) {
            System.setProperty("aws.endpointUrl", options.awsEndpoint);
        }
        LocalAwsEndpoint endpoint;
        SandboxState state;
        Sandbox sandbox;
        try {
            endpoint = LocalAwsEndpoint.start();
            started.push(endpoint);
            state = SandboxState.on(endpoint, options.stateName);
            Map<String, String> parameters = new java.util.HashMap<>(state.parameters());
            parameters.put("ProviderConnector", options.providerConnector);
            sandbox = Sandbox.start(
                    gateway,
                    endpoint,
                    projectJson,
                    state.prefix(),
                    Sandbox.RunOptions.defaults().withParameters(parameters));
            started.push(sandbox);
        } catch (RuntimeException e) {
            fail(e.getMessage());
            return;
        }
        printBanner(sandbox, endpoint, state, options.projectsFile != null);
        stopped.await();
    }

    private static void stopEverythingStarted() {
        if (started.isEmpty()) {
            return;
        }
        System.out.println("Stopping the sandbox…");
        for (AutoCloseable resource; (resource = started.poll()) != null; ) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("bin/sandbox: while stopping: " + e);
            }
        }
        System.out.flush();
    }

    private static void printBanner(
            Sandbox sandbox, LocalAwsEndpoint endpoint, SandboxState state, boolean fromProjectFile) {
        String base = sandbox.baseUrl();
        System.out.println();
        System.out.println("Jeton Voucher sandbox is running at " + base + "  (Ctrl-C stops it)");
        System.out.println("  AWS endpoint: " + endpoint.endpoint() + " (" + endpoint.kind() + ")");
        System.out.println("  State: " + state.description());
        System.out.println("  Provider: " + sandbox.providerConnector());
        System.out.println(
                "  Routes: " + String.join(", ", sandbox.runtime().gateway().routeKeys()));
        System.out.println("  Callback inbox: " + base + CallbackInbox.PAGE_PATH + "  (JSON: GET " + base
                + CallbackInbox.PATH + ", replay: POST " + base + CallbackInbox.PATH + "/{index}/replay)");
        for (Project project : sandbox.projects().values()) {
            System.out.println("  Project " + project.projectId() + (project.test() ? " (test mode)" : "")
                    + "  secret_key=" + project.secretKey() + "  currencies=" + project.currencies()
                    + "  callbacks → "
                    + project.callbackUrl().map(Object::toString).orElse("none"));
            System.out.println("    Payment Page test link: " + paymentPageTestLink(base, project));
        }
        sandbox.apiTokens()
                .forEach(token -> System.out.println(
                        "  Data API token " + token.token() + "  secret_key=" + token.secretKey() + "  projects="
                                + token.projects() + "  (POST " + base + "/v1/operations/get, docs/data-api.md)"));
        System.out.println("  Try it: " + demoCommand(base, sandbox.projects().values(), fromProjectFile));
        System.out.println("Ready: GET " + base + "/health");
        System.out.flush();
    }

    /**
     * The demo command line for this sandbox: with a project file it names a project of it with its secret (a test
     * project when there is one, since the demo's sale uses made-up voucher data); the built-in project is the
     * demo's default. {@code --base-url} only when the port is not the demo's default.
     */
    static String demoCommand(String baseUrl, Collection<Project> projects, boolean fromProjectFile) {
        StringBuilder command = new StringBuilder("bin/sandbox demo");
        if (!baseUrl.equals(Demo.DEFAULT_BASE_URL)) {
            command.append(" --base-url ").append(baseUrl);
        }
        if (fromProjectFile && !projects.isEmpty()) {
            Project project = projects.stream()
                    .filter(Project::test)
                    .findFirst()
                    .orElse(projects.iterator().next());
            command.append(" --project-id ")
                    .append(project.projectId())
                    .append(" --secret ")
                    .append(shellWord(project.secretKey()));
        }
        return command.toString();
    }

    /** The text as one shell word, quoted when it has characters a shell would read otherwise. */
    private static String shellWord(String text) {
        return text.matches("[A-Za-z0-9._/:=@%+-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * A signed link that opens the Payment Page for a 10.00 purchase with Jeton Voucher preselected. Its
     * payment id is new for every start, since a payment id can be used once.
     */
    static String paymentPageTestLink(String baseUrl, Project project) {
        CurrencyUnit currency = project.accepts(PREFERRED_LINK_CURRENCY)
                ? PREFERRED_LINK_CURRENCY
                : project.currencies().iterator().next();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project_id", Long.toString(project.projectId()));
        params.put("payment_id", "pp-test-" + Instant.now().getEpochSecond());
        params.put("payment_amount", Long.toString(10 * currency.minorPerMajor()));
        params.put("payment_currency", currency.code());
        params.put("customer_id", "customer-1");
        params.put("force_payment_method", "jetonVoucher");
        return PaymentPageUrl.build(baseUrl + "/payment", params, new Signer(project.secretKey()).signParams(params));
    }

    private static void fail(String message) {
        System.err.println("bin/sandbox: " + message);
        System.exit(1);
    }

    static final class Options {
        int port = 3000;
        Path projectsFile;
        String awsEndpoint;
        String providerConnector = "in-process-emulator";
        String stateName = SandboxState.DEFAULT_NAME;
        boolean stateNameGiven;

        static Options parse(String[] args) {
            Options options = new Options();
            String envPort = System.getenv("PORT");
            if (envPort != null && !envPort.isBlank()) {
                options.port = port(envPort);
            }
            String envEndpoint = System.getenv("AWS_ENDPOINT_URL");
            if (envEndpoint != null && !envEndpoint.isBlank()) {
                options.awsEndpoint = envEndpoint;
            }
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> options.port = port(require(value, "--port"));
                    case "--projects" -> options.projectsFile = Path.of(require(value, "--projects"));
                    case "--aws-endpoint" -> options.awsEndpoint = require(value, "--aws-endpoint");
                    case "--provider-connector" -> {
                        options.providerConnector = require(value, "--provider-connector");
                        if (!options.providerConnector.equals("in-process-emulator")
                                && !options.providerConnector.equals("http")) {
                            throw new IllegalArgumentException(
                                    "--provider-connector must be in-process-emulator or http");
                        }
                    }
                    case "--state-prefix" -> {
                        options.stateName = SandboxState.requireValidName(require(value, "--state-prefix"));
                        options.stateNameGiven = true;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (options.stateNameGiven && options.awsEndpoint == null) {
                throw new IllegalArgumentException("--state-prefix needs --aws-endpoint (or AWS_ENDPOINT_URL):"
                        + " the sandbox's own endpoint is ephemeral and keeps no state");
            }
            return options;
        }

        private static String require(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port must be a number from 0 to 65535, got " + text);
            }
        }
    }
}
