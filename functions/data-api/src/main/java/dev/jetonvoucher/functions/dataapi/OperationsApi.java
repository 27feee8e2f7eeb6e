package dev.jetonvoucher.functions.dataapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.analysis.PageCursors;
import dev.jetonvoucher.analysis.PaymentSearch;
import dev.jetonvoucher.analysis.QueryException;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.gate.GateRequests.SignedRequest;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore.CreatedPage;
import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.workflow.PaymentDocuments;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The Data API's {@code POST /operations/get}: a request signed like a Gate request
 * ({@code general{project_id, signature}} plus the {@link OperationsQuery} fields) answered with the project's
 * operations of the interval, oldest first, signed at the top level like a status response. The project is the
 * one whose secret verified the signature, never anything else the request says, so no request reads another
 * project's operations.
 */
public final class OperationsApi {

    static final String CURSOR_PURPOSE = "data-api/operations";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private final GateRequests requests;
    private final PaymentSearch search;

    public OperationsApi(GateRequests requests, PaymentSearch search) {
        this.requests = requests;
        this.search = search;
    }

    /**
     * @throws GateRejection 2003/2004/2442/3262/3261 as for Gate requests; 2004 without {@code interval}; 502
     *         naming the field for an interval, filter, limit or cursor it cannot use
     */
    public ObjectNode operations(String body) {
        return operations(requests.authenticate(body));
    }

    /** As {@link #operations(String)}, for a request whose signature was checked already. */
    public ObjectNode operations(SignedRequest request) {
        Project project = request.project();
        try {
            OperationsQuery query = OperationsQuery.parse(request.body());
            PageCursors cursors = PageCursors.of(project, CURSOR_PURPOSE);
            CreatedPosition after = query.cursor() == null
                    ? null
                    : cursors.decode(query.cursor(), query.period(), query.filter(), "cursor");
            CreatedPage page = search.page(project.projectId(), query.period(), query.filter(), after, query.limit());
            return document(project, query, page, cursors);
        } catch (QueryException invalid) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, invalid.field(), invalid.getMessage());
        }
    }

    private static ObjectNode document(Project project, OperationsQuery query, CreatedPage page, PageCursors cursors) {
        ZoneId zone = query.zone();
        ObjectNode body = Json.object();
        body.put("project_id", project.projectId());
        body.putObject("interval")
                .put("from", format(query.period().from(), zone))
                .put("to", format(query.period().to(), zone));
        body.put("time_zone", zone.getId());
        body.put("count", page.payments().size());
        ArrayNode operations = body.putArray("operations");
        page.payments().forEach(payment -> operations.add(operation(payment, zone)));
        page.next().ifPresent(next -> body.put("cursor", cursors.encode(query.period(), query.filter(), next)));
        return new Signer(project.secretKey()).signTopLevel(body);
    }

    /** One operation, with ECommPay's Data API names; fields without a value yet are left out, not null. */
    static ObjectNode operation(Payment payment, ZoneId zone) {
        ObjectNode operation = Json.object();
        operation.put("project_id", payment.key().projectId());
        operation.put("operation_id", payment.operationId());
        operation.put("operation_type", payment.operationType().wire());
        operation.put("operation_status", payment.status().wire());
        operation.put("payment_id", payment.key().paymentId());
        operation.put("payment_type", payment.type().wire());
        operation.put("payment_method_name", PaymentDocuments.METHOD_NAME);
        if (payment.description() != null) {
            operation.put("payment_description", payment.description());
        }
        if (payment.accountNumber() != null) {
            operation.put("account_number", VoucherNumbers.mask(payment.accountNumber()));
        }
        operation.put("operation_created_at", format(payment.createdAt(), zone));
        if (payment.isFinal() && payment.updatedAt() != null) {
            operation.put("operation_completed_at", format(payment.updatedAt(), zone));
        }
        operation
                .putObject("sum_initial")
                .put("amount", payment.amount().minorUnits())
                .put("currency", payment.amount().currency().code());
        if (payment.resultCode() != null) {
            operation.put("code", payment.resultCode());
            operation.put("message", payment.resultMessage());
        }
        if (payment.providerPaymentId() != null) {
            operation.put("provider_payment_id", payment.providerPaymentId());
        }
        Compensation compensation = payment.compensation();
        if (compensation != null) {
            // An extension of ECommPay's shape: what the platform undid at the provider after declining.
            ObjectNode undo = operation.putObject("compensation");
            undo.put("action", compensation.action().wire());
            undo.put("state", compensation.state().wire());
            undo.put("reason", compensation.reason());
            undo.put("opened_at", format(compensation.openedAt(), zone));
            if (compensation.closedAt() != null) {
                undo.put("closed_at", format(compensation.closedAt(), zone));
                undo.put("outcome", compensation.outcome());
            }
            undo.put("attempts", compensation.attempts());
        }
        return operation;
    }

    static String format(Instant instant, ZoneId zone) {
        return DATE_TIME.format(instant.atZone(zone));
    }
}
