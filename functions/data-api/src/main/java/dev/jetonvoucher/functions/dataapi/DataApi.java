package dev.jetonvoucher.functions.dataapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.analysis.QueryException;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.ApiTokens;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Data API in ECommPay's shape ({@code shared/spec/ecommpay-protocol.md} §8): {@code /operations/get},
 * {@code /operations/get-by-payment} and {@code /balance/get}, each answered signed at the top level with the key
 * the request was signed with. A request authenticates with a {@code token} and its secret key or, as this platform's
 * extension, with {@code general{project_id, signature}} and the project's secret ({@link DataApiCaller}); the
 * project-secret form of {@code /operations/get} keeps its own fields and cursor ({@link OperationsApi}).
 */
public final class DataApi {

    private final GateRequests requests;
    private final ApiTokens tokens;
    private final ProjectDirectory projects;
    private final PaymentStore payments;
    private final BalanceStore balances;
    private final OperationsApi projectOperations;
    private final MergedOperations merged;

    public DataApi(
            GateRequests requests,
            ApiTokens tokens,
            ProjectDirectory projects,
            PaymentStore payments,
            BalanceStore balances,
            OperationsApi projectOperations) {
        this.requests = requests;
        this.tokens = tokens;
        this.projects = projects;
        this.payments = payments;
        this.balances = balances;
        this.projectOperations = projectOperations;
        this.merged = new MergedOperations(payments);
    }

    /**
     * {@code /operations/get}: the project-secret form as {@link OperationsApi} answers it; the token form with
     * {@code offset} paging over the requested projects ({@link MergedOperations}).
     */
    public ObjectNode operations(String body) {
        DataApiCaller caller = DataApiCaller.authenticate(body, requests, tokens);
        if (!caller.byToken()) {
            return projectOperations.operations(caller.projectRequest());
        }
        return validated(() -> {
            SortedSet<Long> requested = caller.requestedProjects();
            OffsetQuery query = OffsetQuery.parse(caller.body());
            MergedOperations.Window window =
                    merged.window(requested, query.period(), query.filter(), query.offset(), query.limit());
            ObjectNode answer = Json.object();
            ids(answer.putArray("project_id"), requested);
            answer.putObject("interval")
                    .put("from", OperationsApi.format(query.period().from(), query.zone()))
                    .put("to", OperationsApi.format(query.period().to(), query.zone()));
            answer.put("time_zone", query.zone().getId());
            answer.put("offset", query.offset());
            answer.put("limit", query.limit());
            answer.put("count", window.payments().size());
            answer.put("more", window.more());
            ArrayNode operations = answer.putArray("operations");
            window.payments()
                    .forEach(payment -> operations.add(
                            OperationFields.select(OperationsApi.operation(payment, query.zone()), query.fields())));
            return caller.signer().signTopLevel(answer);
        });
    }

    /**
     * {@code /operations/get-by-payment}: the operations of the payment {@code payment_id} in the requested projects
     * (one at most per project: a payment of this method has one operation).
     */
    public ObjectNode operationsOfPayment(String body) {
        DataApiCaller caller = DataApiCaller.authenticate(body, requests, tokens);
        return validated(() -> {
            SortedSet<Long> requested = caller.requestedProjects();
            JsonNode paymentIdNode = caller.body().get("payment_id");
            if (paymentIdNode == null
                    || paymentIdNode.isNull()
                    || (paymentIdNode.isTextual() && paymentIdNode.asText().isEmpty())) {
                throw GateRejection.missing("payment_id");
            }
            String paymentId = OperationsQuery.paymentId(paymentIdNode);
            ZoneId zone = OperationsQuery.zone(caller.body().get("time_zone"));
            Set<String> fields = OperationFields.parse(caller.body().get("fields"));
            ObjectNode answer = Json.object();
            ids(answer.putArray("project_id"), requested);
            answer.put("payment_id", paymentId);
            answer.put("time_zone", zone.getId());
            ArrayNode operations = answer.putArray("operations");
            requested.stream()
                    .map(projectId -> payments.find(new PaymentKey(projectId, paymentId)))
                    .flatMap(Optional::stream)
                    .sorted(MergedOperations.ORDER)
                    .forEach(payment ->
                            operations.add(OperationFields.select(OperationsApi.operation(payment, zone), fields)));
            answer.put("count", operations.size());
            return caller.signer().signTopLevel(answer);
        });
    }

    /**
     * {@code /balance/get}: the payout (OUT) balance of each requested project in each of its currencies, as ECommPay
     * names it: {@code {"name": "239_balance_EUR", "EUR": "500000"}}, the available sum in minor units as a string. A
     * currency no payout has touched yet shows the project's opening balance.
     */
    public ObjectNode balance(String body) {
        DataApiCaller caller = DataApiCaller.authenticate(body, requests, tokens);
        return validated(() -> {
            ObjectNode answer = Json.object();
            ArrayNode list = answer.putArray("balance");
            for (long projectId : caller.requestedProjects()) {
                Optional<Project> project = projects.find(projectId);
                if (project.isEmpty()) {
                    continue; // a token may outlive a project it named
                }
                Set<CurrencyUnit> currencies = new TreeSet<>(Comparator.comparing(CurrencyUnit::code));
                currencies.addAll(project.get().currencies());
                currencies.addAll(project.get().openingBalances().keySet());
                for (CurrencyUnit currency : currencies) {
                    long available = balances.find(projectId, currency)
                            .map(balance -> balance.available().minorUnits())
                            .orElse(project.get().openingBalances().getOrDefault(currency, 0L));
                    list.addObject()
                            .put("name", projectId + "_balance_" + currency.code())
                            .put(currency.code(), Long.toString(available));
                }
            }
            return caller.signer().signTopLevel(answer);
        });
    }

    private static void ids(ArrayNode array, SortedSet<Long> ids) {
        ids.forEach(array::add);
    }

    /** A value the request cannot use is a 502 naming its field, as everywhere in the Data API. */
    private static ObjectNode validated(Supplier<ObjectNode> answer) {
        try {
            return answer.get();
        } catch (QueryException invalid) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, invalid.field(), invalid.getMessage());
        }
    }

    /** The endpoint a route names, with or without ECommPay's {@code /v1} base path; null for none of these. */
    public static Function<String, ObjectNode> endpoint(DataApi api, String path) {
        String route = path == null ? "" : path.startsWith("/v1/") ? path.substring(3) : path;
        return switch (route) {
            case "/operations/get" -> api::operations;
            case "/operations/get-by-payment" -> api::operationsOfPayment;
            case "/balance/get" -> api::balance;
            default -> null;
        };
    }
}
