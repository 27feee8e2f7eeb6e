package dev.jetonvoucher.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.functions.dashboard.DashboardHandler;
import dev.jetonvoucher.functions.dataapi.OperationsHandler;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.signing.Signer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Issue 18: the dashboard overview and a Data API page of 100 against the number of payments in the period. One
 * project's payments are seeded through the store's create and finish ({@link PaymentSeeder}) into tables of their
 * own, growing size by size; at each size the two requests are sent to the functions' handlers in this JVM (warm, on
 * the bench's endpoint), three times each, and the median is kept. The overview covers the whole 30-day window (the
 * last 30 days before today); the Data API page is its first 100 operations.
 *
 * <p>A reference period, the 30 days before that window, holds the smallest size's payments throughout, and its two
 * requests are measured interleaved with the growing window's at every size: the same project, tables and endpoint
 * at the same moment, so a ratio of the two at each size is not moved by the machine's load drifting over a long run.
 */
final class AnalysisScaleBenchmark {

    static final int VIEWS = 3;
    private static final int WINDOW_DAYS = 30;
    private static final String ADDRESS = "198.51.100.18";
    private static final ObjectMapper JSON = Json.mapper();

    record Result(
            int payments,
            double seedSeconds,
            double overviewMs,
            double dataApiPageMs,
            int overviewTotal,
            int pageCount,
            int referencePayments,
            double referenceOverviewMs,
            double referenceDataApiPageMs) {}

    private final BenchDeployment deployment;
    private final Consumer<String> progress;

    AnalysisScaleBenchmark(BenchDeployment deployment, Consumer<String> progress) {
        this.deployment = deployment;
        this.progress = progress;
    }

    List<Result> run(int[] sizes, int writers) throws Exception {
        TemplateResources.Deployed tables = deployment.freshResources("analysis");
        Wiring dashboardWiring = Wiring.of(
                deployment.environmentFor(deployment.template.function("DashboardFunction"), tables),
                Clock.systemUTC());
        Wiring dataApiWiring = Wiring.of(
                deployment.environmentFor(deployment.template.function("DataApiFunction"), tables), Clock.systemUTC());
        DashboardHandler dashboard = new DashboardHandler(dashboardWiring);
        OperationsHandler dataApi = new OperationsHandler(dataApiWiring);
        for (String currency : List.of("EUR", "USD")) {
            dashboardWiring
                    .balances()
                    .openIfAbsent(BenchDeployment.PROJECT_ID, Money.ofMinor(BenchDeployment.BALANCE, currency));
        }

        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate firstDay = lastDay.minusDays(WINDOW_DAYS - 1L);
        Instant windowStart = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        LocalDate referenceFirstDay = firstDay.minusDays(WINDOW_DAYS);
        Instant referenceStart = referenceFirstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        long firstOperationId = System.currentTimeMillis() * 1_000;
        PaymentSeeder seeder = new PaymentSeeder(
                dashboardWiring.payments(),
                BenchDeployment.PROJECT_ID,
                windowStart,
                Duration.ofDays(WINDOW_DAYS),
                "seed-",
                firstOperationId);
        PaymentSeeder referenceSeeder = new PaymentSeeder(
                dashboardWiring.payments(),
                BenchDeployment.PROJECT_ID,
                referenceStart,
                Duration.ofDays(WINDOW_DAYS),
                "reference-",
                firstOperationId + 100_000_000L);
        String session = signIn(dashboard);
        Map<String, String> overviewQuery = Map.of("from", firstDay.toString(), "to", lastDay.toString());
        Map<String, String> referenceQuery = Map.of(
                "from",
                referenceFirstDay.toString(),
                "to",
                firstDay.minusDays(1).toString());
        String dataApiBody = dataApiBody(windowStart, windowStart.plus(Duration.ofDays(WINDOW_DAYS)));
        String referenceDataApiBody = dataApiBody(referenceStart, windowStart);

        int[] ascending = Arrays.stream(sizes).sorted().distinct().toArray();
        int referenceSize = ascending[0];
        referenceSeeder.seed(0, referenceSize, writers);
        progress.accept("analysis: the reference period holds " + referenceSize + " payments");
        List<Result> results = new ArrayList<>();
        int seeded = 0;
        for (int size : ascending) {
            long seedStarted = System.nanoTime();
            seeder.seed(seeded, size, writers);
            double seedSeconds = (System.nanoTime() - seedStarted) / 1e9;
            progress.accept("analysis: " + size + " payments seeded (" + (size - seeded) + " in "
                    + String.format("%.1f", seedSeconds) + " s)");
            seeded = size;
            // One unmeasured view of each first: the new size's first reads are not what a merchant's views cost.
            String overviewHtml = call(dashboard, get(overviewQuery, session)).getBody();
            int total = totalCount(overviewHtml);
            int referenceTotal =
                    totalCount(call(dashboard, get(referenceQuery, session)).getBody());
            if (referenceTotal != referenceSize) {
                throw new IllegalStateException(
                        "the reference period shows " + referenceTotal + " payments, not " + referenceSize);
            }
            int pageCount = JSON.readTree(call(dataApi, post(dataApiBody)).getBody())
                    .path("count")
                    .asInt();
            call(dataApi, post(referenceDataApiBody));
            double[] overview = new double[VIEWS];
            double[] page = new double[VIEWS];
            double[] referenceOverview = new double[VIEWS];
            double[] referencePage = new double[VIEWS];
            for (int view = 0; view < VIEWS; view++) {
                overview[view] = timed(() -> call(dashboard, get(overviewQuery, session)));
                referenceOverview[view] = timed(() -> call(dashboard, get(referenceQuery, session)));
                page[view] = timed(() -> call(dataApi, post(dataApiBody)));
                referencePage[view] = timed(() -> call(dataApi, post(referenceDataApiBody)));
            }
            results.add(new Result(
                    size,
                    seedSeconds,
                    median(overview),
                    median(page),
                    total,
                    pageCount,
                    referenceSize,
                    median(referenceOverview),
                    median(referencePage)));
            progress.accept("analysis: " + size + " payments: overview " + String.format("%.0f", median(overview))
                    + " ms (total shown " + total + "; the reference's "
                    + String.format("%.0f", median(referenceOverview))
                    + " ms), Data API page " + String.format("%.0f", median(page)) + " ms (" + pageCount
                    + " operations; the reference's " + String.format("%.0f", median(referencePage)) + " ms)");
        }
        return results;
    }

    private static double timed(Runnable request) {
        long started = System.nanoTime();
        request.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The number in the overview's "All" row: the totals the page shows, for the report to check against the seed. */
    private static int totalCount(String html) {
        String marker = "id=\"total-count\">";
        int at = html.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("the overview has no total count");
        }
        int from = at + marker.length();
        return Integer.parseInt(html.substring(from, html.indexOf('<', from)));
    }

    private static APIGatewayV2HTTPResponse call(HttpFunction handler, APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException(
                    event.getRawPath() + " answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return response;
    }

    private static String signIn(DashboardHandler dashboard) {
        String body = "csrf=bench-token&project_id=" + BenchDeployment.PROJECT_ID + "&secret_key="
                + URLEncoder.encode(BenchDeployment.SECRET, StandardCharsets.UTF_8);
        APIGatewayV2HTTPResponse signedIn = dashboard.handleRequest(
                event(
                        "POST",
                        "/dashboard/sign-in",
                        "",
                        body,
                        List.of("jv_csrf=bench-token"),
                        "application/x-www-form-urlencoded"),
                null);
        String cookie = signedIn.getCookies() == null
                ? null
                : signedIn.getCookies().stream()
                        .filter(c -> c.startsWith("jv_session="))
                        .findFirst()
                        .orElse(null);
        if (signedIn.getStatusCode() != 303 || cookie == null) {
            throw new IllegalStateException("dashboard sign-in answered " + signedIn.getStatusCode());
        }
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String dataApiBody(Instant from, Instant to) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("general").put("project_id", BenchDeployment.PROJECT_ID);
        body.putObject("interval").put("from", from.toString()).put("to", to.toString());
        body.put("limit", 100);
        return new Signer(BenchDeployment.SECRET).signInGeneral(body).toString();
    }

    private static APIGatewayV2HTTPEvent get(Map<String, String> query, String session) {
        APIGatewayV2HTTPEvent event = event("GET", "/dashboard", "", null, List.of(session), null);
        event.setRawQueryString(query.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining("&")));
        event.setQueryStringParameters(query);
        return event;
    }

    private static APIGatewayV2HTTPEvent post(String body) {
        return event("POST", "/operations/get", "", body, List.of(), "application/json");
    }

    private static APIGatewayV2HTTPEvent event(
            String method, String path, String query, String body, List<String> cookies, String contentType) {
        Map<String, String> headers = contentType == null
                ? Map.of("host", "localhost")
                : Map.of("host", "localhost", "content-type", contentType);
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withRawQueryString(query)
                .withBody(body)
                .withCookies(cookies)
                .withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withSourceIp(ADDRESS)
                                .build())
                        .build())
                .build();
    }
}
