package dev.jetonvoucher.sandbox;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.HttpRoute;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.SqsTrigger;
import dev.jetonvoucher.local.TemplateResources;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system in one process: the tables and queues of template.yaml on a local endpoint, every
 * function of the template hosted with its own environment, its HttpApi routes served on loopback and its
 * SQS triggers run as event source mappings (batch size and maximum concurrency as the template sets them).
 */
public final class LocalRuntime implements AutoCloseable {

    private final TemplateResources.Deployed resources;
    private final Map<String, FunctionHost> functions = new LinkedHashMap<>();
    private final List<QueuePoller> pollers = new ArrayList<>();
    private final HttpGateway gateway;
    private final Map<String, String> parameters;

    /**
     * @param parameters values for template parameters, and the platform keys (ProviderSigningKey, VoucherTransitKey),
     *     which are written to the SSM parameters the functions read them from (not into their environment)
     * @param projectsFile the project file every function reads projects from
     * @param startPollers false to drive the SQS mappings by hand ({@link #drainQueues}) in tests
     */
    public LocalRuntime(
            SamTemplate template,
            LocalAwsEndpoint endpoint,
            String resourcePrefix,
            Path projectsFile,
            Map<String, String> parameters,
            String host,
            int port,
            Clock clock,
            boolean startPollers)
            throws IOException {
        this(
                template,
                endpoint,
                resourcePrefix,
                projectsFile,
                parameters,
                new HttpGateway(host, port),
                clock,
                startPollers);
    }

    /** As above, serving on a gateway already bound (so a taken port is reported before anything starts). */
    public LocalRuntime(
            SamTemplate template,
            LocalAwsEndpoint endpoint,
            String resourcePrefix,
            Path projectsFile,
            Map<String, String> parameters,
            HttpGateway gateway,
            Clock clock,
            boolean startPollers) {
        Map<String, String> withGateway = new HashMap<>(parameters);
        // Every HttpApi of the template is served by this one gateway: their URLs resolve to it.
        withGateway.putIfAbsent(TemplateResources.LOCAL_API_URL, "http://127.0.0.1:" + gateway.port());
        parameters = withGateway;
        this.parameters = Map.copyOf(parameters);
        this.gateway = gateway;
        try {
            this.resources = TemplateResources.create(template, endpoint, resourcePrefix);
            for (FunctionDef function : template.functions()) {
                FunctionHost hosted = new FunctionHost(
                        function, functionEnvironment(resources, function, endpoint, parameters, projectsFile), clock);
                functions.put(function.logicalId(), hosted);
                for (HttpRoute route : function.httpRoutes()) {
                    gateway.route(route, hosted);
                }
                for (SqsTrigger trigger : function.sqsTriggers()) {
                    pollers.add(new QueuePoller(
                            endpoint.sqs(),
                            resources.queueUrl(trigger.queueLogicalId()),
                            resources.queueArn(trigger.queueLogicalId()),
                            trigger.batchSize(),
                            trigger.maximumConcurrency().orElse(QueuePoller.DEFAULT_MAXIMUM_CONCURRENCY),
                            trigger.reportBatchItemFailures(),
                            hosted));
                }
            }
        } catch (RuntimeException e) {
            gateway.close(); // the port is ours until closed: give it back when startup fails
            throw e;
        }
        gateway.start();
        if (startPollers) {
            pollers.forEach(QueuePoller::start);
        }
    }

    /**
     * What Lambda would give the function: the template's variables resolved to the local resources, plus
     * the local endpoint, region and credentials, and the project file the sandbox reads projects from.
     */
    static Map<String, String> functionEnvironment(
            TemplateResources.Deployed resources,
            FunctionDef function,
            LocalAwsEndpoint endpoint,
            Map<String, String> parameters,
            Path projectsFile) {
        Map<String, String> environment = new HashMap<>(resources.localEnvironmentFor(function, parameters, endpoint));
        environment.put("PROJECTS_FILE", projectsFile.toAbsolutePath().toString());
        return environment;
    }

    public TemplateResources.Deployed resources() {
        return resources;
    }

    public HttpGateway gateway() {
        return gateway;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public FunctionHost function(String logicalId) {
        FunctionHost host = functions.get(logicalId);
        if (host == null) {
            throw new IllegalArgumentException("template.yaml has no function " + logicalId);
        }
        return host;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /** Runs every SQS mapping until all queues answer empty (tests with a controlled clock). */
    public void drainQueues(int maxRounds) {
        for (int round = 0; round < maxRounds; round++) {
            boolean any = false;
            for (QueuePoller poller : pollers) {
                any |= poller.pollOnce(0);
            }
            if (!any) {
                return;
            }
        }
    }

    @Override
    public void close() {
        pollers.forEach(QueuePoller::requestStop); // all at once: each may be in a long poll of up to 1 s
        pollers.forEach(QueuePoller::close);
        gateway.close();
    }
}
