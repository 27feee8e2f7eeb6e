package dev.jetonvoucher.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.export.ExportJobStore;
import dev.jetonvoucher.export.ExportStorage;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import dev.jetonvoucher.session.AttemptCounters;
import dev.jetonvoucher.session.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sample values and read-only calls that warm the adapters before a SnapStart snapshot: a payment that no project
 * has, looked up (one GetItem, which every function's role allows), and a sample payment taken through the
 * DynamoDB item mapping both ways, and its writes through a client that sends nothing and answers them itself.
 * Nothing here writes, and nothing here draws an identifier or a seed that would be frozen into the snapshot.
 */
public final class SnapshotPriming {

    /** A project id no merchant has (ECommPay project ids are far smaller). */
    public static final long PROJECT_ID = 999_999_999_999_999_999L;

    public static final PaymentKey PAYMENT_KEY = new PaymentKey(PROJECT_ID, "snapstart-priming");
    /** The queue of the priming send: a URL no queue has (its client answers itself, nothing is sent). */
    public static final String QUEUE_URL = "https://sqs.invalid/000000000000/snapstart-priming";

    public static final String MESSAGE_BODY = "{\"priming\":true}";

    /**
     * The id of what priming looks up or writes in the other stores (a session, an export job, a ledger item): no
     * real one has it (theirs are random tokens and numbers).
     */
    public static final String PRIMING_ID = "snapstart-priming";

    /** An operation id no operation has (ids are positive). */
    public static final long PRIMING_OPERATION = -1L;

    private static final Instant SAMPLE_TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final LocalDate SAMPLE_DAY = LocalDate.parse("2026-01-01");
    private static final String SAMPLE_VOUCHER = "4619000000000000017";

    private SnapshotPriming() {}

    /** Reads the priming payment (absent) and maps a sample payment to its item and back. */
    public static void paymentStore(PaymentStore payments) {
        payments.find(PAYMENT_KEY);
        Payment sample = samplePayout();
        PaymentItems.payment(PaymentItems.newPaymentItem(sample));
        PaymentItems.payment(PaymentItems.newPaymentItem(sample.finish(
                PaymentStatus.SUCCESS,
                "0",
                "Success",
                Funds.PAID_OUT,
                "JV1",
                SAMPLE_TIME,
                sample.vouchers(),
                SAMPLE_TIME)));
    }

    /**
     * The payment store's writes, through a store whose client sends nothing ({@link MinimalAnswers}): a payout's
     * creation (a transaction of puts and updates), its finish, the dispatch mark and the callback's claim, record and
     * state move, each built, marshalled and signed as a real one, answered in the process with DynamoDB's empty answer
     * and that answer unmarshalled. A write that fails, or that returns without a request answered, fails the step: it
     * did not run the whole path.
     */
    public static void paymentWrites(PaymentStore sendsNothing, MinimalAnswers answers) {
        Payment processing = samplePayout();
        Payment finished = processing.finish(
                PaymentStatus.SUCCESS,
                "0",
                "Success",
                Funds.PAID_OUT,
                "JV1",
                SAMPLE_TIME,
                processing.vouchers(),
                SAMPLE_TIME);
        answeredInProcess("create", answers, () -> sendsNothing.create(processing));
        answeredInProcess("finish", answers, () -> sendsNothing.finish(processing, finished));
        answeredInProcess("mark dispatched", answers, () -> sendsNothing.markDispatched(PAYMENT_KEY, 1L, "JV1"));
        answeredInProcess("claim callback attempt", answers, () -> sendsNothing.claimCallbackAttempt(PAYMENT_KEY, 1));
        answeredInProcess(
                "record callback attempt",
                answers,
                () -> sendsNothing.recordCallbackAttempt(
                        PAYMENT_KEY,
                        new CallbackAttempt(1, SAMPLE_TIME, 200, Duration.ofMillis(1), null),
                        Optional.of(CallbackState.DELIVERED)));
        answeredInProcess(
                "move callback state",
                answers,
                () -> sendsNothing.moveCallbackState(PAYMENT_KEY, CallbackState.PENDING, CallbackState.QUEUED));
    }

    /**
     * The payment store's analysis reads (the Data API's, the dashboard's and the export worker's), through a store whose
     * client sends nothing: a page of the created index (Query), and the totals of two past days, which read the day
     * items (Query), the shards of days not folded (BatchGetItem) and fold them (TransactWriteItems). On the real client
     * the fold would write the priming project's day items; here nothing is written.
     */
    public static void paymentQueries(PaymentStore sendsNothing, MinimalAnswers answers, String paymentsTable) {
        // A page that lists the sample payment and goes on: the index entry, its cursor and the item read by key are
        // parsed and mapped as a Data API page's are (an empty answer leaves their response side out of the snapshot).
        Payment sample = samplePayout();
        Map<String, AttributeValue> indexEntry = PaymentItems.createdIndexKey(
                PROJECT_ID,
                new PaymentStore.CreatedPosition(
                        sample.createdAt(), sample.key().paymentId()));
        answers.answering(
                QUERY,
                "{\"Count\":1,\"ScannedCount\":1,\"Items\":[" + wireJson(indexEntry) + "],\"LastEvaluatedKey\":"
                        + wireJson(indexEntry) + "}");
        answers.answering(
                BATCH_GET_ITEM,
                "{\"Responses\":{" + Json.write(TextNode.valueOf(paymentsTable)) + ":["
                        + wireJson(PaymentItems.newPaymentItem(sample)) + "]},\"UnprocessedKeys\":{}}");
        try {
            answeredInProcess("created between", answers, () -> {
                PaymentStore.CreatedPage page = sendsNothing.createdBetween(
                        PROJECT_ID, SAMPLE_TIME, SAMPLE_TIME.plus(Duration.ofDays(1)), null, 50);
                if (page.payments().size() != 1 || page.next().isEmpty()) {
                    throw new IllegalStateException("the priming page did not list the sample payment and go on");
                }
            });
        } finally {
            answers.answering(QUERY, "{}");
            answers.answering(BATCH_GET_ITEM, "{}");
        }
        answeredInProcess("totals", answers, () -> sendsNothing.totals(PROJECT_ID, SAMPLE_DAY, SAMPLE_DAY.plusDays(1)));
    }

    /**
     * The balance store's calls, through a store whose client sends nothing: the priming project's balance looked up
     * (absent) and opened.
     */
    public static void balanceStore(BalanceStore sendsNothing, MinimalAnswers answers) {
        answeredInProcess("find balance", answers, () -> sendsNothing.find(PROJECT_ID, CurrencyUnit.of("EUR")));
        answeredInProcess(
                "open balance", answers, () -> sendsNothing.openIfAbsent(PROJECT_ID, Money.ofMinor(0, "EUR")));
    }

    /**
     * A dashboard session nobody has, looked up (one GetItem on the real client: every function that builds the store
     * may read its table), which also takes the client's HTTP transport through a real exchange.
     */
    public static void sessionLookup(SessionStore sessions) {
        sessions.isOpen(PRIMING_ID, PROJECT_ID, SAMPLE_TIME);
    }

    /** An export job nobody has, looked up (one GetItem on the real client, as {@link #sessionLookup}). */
    public static void exportJobLookup(ExportJobStore jobs) {
        jobs.find(PRIMING_ID);
    }

    /** An operation nobody has, looked up in the emulator's ledger (one GetItem on the real client). */
    public static void voucherLedgerLookup(VoucherLedger ledger) {
        ledger.findTransaction(PRIMING_OPERATION);
    }

    /**
     * The dashboard session store's calls, through a store whose client sends nothing: a session nobody has looked up
     * (absent), one opened and revoked.
     */
    public static void sessionStore(SessionStore sendsNothing, MinimalAnswers answers) {
        answeredInProcess("find session", answers, () -> sendsNothing.isOpen(PRIMING_ID, PROJECT_ID, SAMPLE_TIME));
        answeredInProcess(
                "open session",
                answers,
                () -> sendsNothing.open(PRIMING_ID, PROJECT_ID, SAMPLE_TIME.plus(Duration.ofHours(1))));
        answeredInProcess("revoke session", answers, () -> sendsNothing.revoke(PRIMING_ID));
    }

    /**
     * A sign-in attempt counted, through counters whose client sends nothing: DynamoDB always answers an update that
     * asks for its new values with them, so {@code answers} gives the new count.
     */
    public static void attemptCounters(AttemptCounters sendsNothing, MinimalAnswers answers) {
        answersCounts(answers);
        answeredInProcess(
                "count an attempt",
                answers,
                () -> sendsNothing.add(PRIMING_ID, 1, SAMPLE_TIME.plus(Duration.ofMinutes(15))));
    }

    /**
     * Makes {@code answers} answer an UpdateItem as DynamoDB answers the counters' update, which asks for the new values:
     * with them (a count of 1).
     */
    public static MinimalAnswers answersCounts(MinimalAnswers answers) {
        return answers.answering("DynamoDB_20120810.UpdateItem", "{\"Attributes\":{\"count\":{\"N\":\"1\"}}}");
    }

    /**
     * The export job store's calls, through a store whose client sends nothing: a job nobody has looked up (absent),
     * and a job's life (created, progress, done, failed).
     */
    public static void exportJobStore(ExportJobStore sendsNothing, MinimalAnswers answers) {
        answeredInProcess("find export job", answers, () -> sendsNothing.find(PRIMING_ID));
        ExportJob job = ExportJob.queued(
                PRIMING_ID, PROJECT_ID, "csv", "from=2026-01-01&to=2026-01-01", "priming.csv", SAMPLE_TIME);
        answeredInProcess("create export job", answers, () -> sendsNothing.create(job));
        // start, done and failed ask for the job's new values, which DynamoDB then always answers
        answers.answering(
                "DynamoDB_20120810.UpdateItem",
                "{\"Attributes\":"
                        + wireJson(Map.of(
                                "pk", Items.s("export#" + PRIMING_ID),
                                "project_id", Items.n(PROJECT_ID),
                                "format", Items.s(job.format()),
                                "query", Items.s(job.query()),
                                "file_name", Items.s(job.fileName()),
                                "status", Items.s(ExportJob.Status.RUNNING.name()),
                                "rows", Items.n(0),
                                "created_at", Items.instant(SAMPLE_TIME),
                                "updated_at", Items.instant(SAMPLE_TIME)))
                        + "}");
        answeredInProcess("export start", answers, () -> expectJob(sendsNothing.start(PRIMING_ID, SAMPLE_TIME)));
        answeredInProcess("export progress", answers, () -> sendsNothing.progress(PRIMING_ID, 1, SAMPLE_TIME));
        answeredInProcess("export done", answers, () -> expectJob(sendsNothing.done(PRIMING_ID, 1, SAMPLE_TIME)));
        answeredInProcess(
                "export failed", answers, () -> expectJob(sendsNothing.failed(PRIMING_ID, "priming", SAMPLE_TIME)));
    }

    /**
     * The emulator's ledger calls, through a ledger whose client sends nothing: an operation and a voucher nobody has
     * looked up (absent), a payout's vouchers issued, a sale's redemption and a decline recorded.
     */
    public static void voucherLedger(VoucherLedger sendsNothing, MinimalAnswers answers) {
        answeredInProcess("find operation", answers, () -> sendsNothing.findTransaction(PRIMING_OPERATION));
        answeredInProcess("find voucher", answers, () -> sendsNothing.findVoucher(PRIMING_ID));
        Money amount = Money.ofMinor(1_000, "EUR");
        VoucherLedger.Transaction payout = sampleTransaction(OperationType.PAYOUT, amount);
        VoucherLedger.LedgerVoucher voucher = new VoucherLedger.LedgerVoucher(
                SAMPLE_VOUCHER,
                amount,
                "0".repeat(64),
                SAMPLE_TIME,
                SAMPLE_TIME.plus(Duration.ofDays(365)),
                PRIMING_OPERATION,
                0);
        answeredInProcess("issue vouchers", answers, () -> sendsNothing.recordIssue(payout, List.of(voucher)));
        VoucherLedger.Transaction sale = sampleTransaction(OperationType.SALE, amount);
        answeredInProcess(
                "redeem a voucher",
                answers,
                () -> sendsNothing.recordRedemption(
                        sale,
                        new VoucherLedger.RedemptionTerms(
                                SAMPLE_VOUCHER, "0".repeat(64), "12/2026", "EUR", amount.minorUnits(), SAMPLE_TIME)));
        answeredInProcess("record a decline", answers, () -> sendsNothing.record(sale));
    }

    /**
     * The export storage's calls, through a storage whose HTTP client sends nothing: a small file uploaded (the
     * multipart upload created, its one part sent, completed) and a download link presigned.
     */
    public static void exportStorage(ExportStorage sendsNothing, MinimalAnswers answers) {
        String key = "exports/" + PRIMING_ID + ".csv";
        answeredInProcess("upload an export", answers, () -> {
            try (ExportStorage.Upload upload = sendsNothing.upload(key, "text/csv; charset=utf-8")) {
                upload.write("priming\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        sendsNothing.downloadLink(key, PRIMING_ID + ".csv", Duration.ofMinutes(15));
    }

    /** A successful ledger transaction of the priming operation over the sample voucher. */
    private static VoucherLedger.Transaction sampleTransaction(OperationType type, Money amount) {
        return new VoucherLedger.Transaction(
                PRIMING_OPERATION,
                PAYMENT_KEY,
                type,
                amount,
                "JV1",
                SAMPLE_TIME,
                SAMPLE_TIME,
                false,
                PaymentStatus.SUCCESS,
                "0",
                "Success",
                List.of(SAMPLE_VOUCHER));
    }

    private static final String QUERY = "DynamoDB_20120810.Query";
    private static final String BATCH_GET_ITEM = "DynamoDB_20120810.BatchGetItem";

    /** An item as DynamoDB's JSON protocol writes it: {"name":{"S":"…"}, …}. */
    static String wireJson(Map<String, AttributeValue> item) {
        ObjectNode json = Json.object();
        item.forEach((name, value) -> json.set(name, wireJson(value)));
        return Json.write(json);
    }

    private static JsonNode wireJson(AttributeValue value) {
        ObjectNode typed = Json.object();
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case BOOL -> typed.put("BOOL", value.bool());
            case NUL -> typed.put("NULL", true);
            case SS -> value.ss().forEach(typed.putArray("SS")::add);
            case NS -> value.ns().forEach(typed.putArray("NS")::add);
            case M -> {
                ObjectNode members = typed.putObject("M");
                value.m().forEach((name, member) -> members.set(name, wireJson(member)));
            }
            case L -> {
                ArrayNode elements = typed.putArray("L");
                value.l().forEach(element -> elements.add(wireJson(element)));
            }
            default -> throw new IllegalArgumentException("no wire form here for " + value.type()); // no binary
        }
        return typed;
    }

    private static void expectJob(Optional<ExportJob> answered) {
        if (answered.isEmpty()) {
            throw new IllegalStateException("an export job's update was answered without the job");
        }
    }

    private static void answeredInProcess(String write, MinimalAnswers answers, Runnable call) {
        int before = answers.answered().size();
        call.run();
        if (answers.answered().size() == before) {
            throw new IllegalStateException(write + " returned without a request answered in the process");
        }
    }

    /** A processing payout of 1,000.00 EUR with two issued vouchers, in the priming project. */
    public static Payment samplePayout() {
        Money half = Money.ofMinor(50_000, "EUR");
        List<IssuedVoucher> vouchers = List.of(
                new IssuedVoucher("4619000000000000017", half, SAMPLE_TIME, SAMPLE_TIME.plus(Duration.ofDays(365))),
                new IssuedVoucher("4619000000000000025", half, SAMPLE_TIME, SAMPLE_TIME.plus(Duration.ofDays(365))));
        return Payment.builder()
                .key(PAYMENT_KEY)
                .type(PaymentType.PAYOUT)
                .amount(Money.ofMinor(100_000, "EUR"))
                .customerId("priming-customer")
                .customerIp("192.0.2.1")
                .description("priming")
                .channel(Channel.GATE)
                .requestId("0".repeat(48))
                .operationId(1L)
                .createdAt(SAMPLE_TIME)
                .updatedAt(SAMPLE_TIME)
                .limitAt(SAMPLE_TIME.plusSeconds(120))
                .funds(Funds.RESERVED)
                .vouchers(vouchers)
                .build();
    }

    /** The priming project, with a key that signs nothing real. */
    public static Project sampleProject() {
        return new Project(
                PROJECT_ID,
                "snapstart-priming-key",
                Optional.of(URI.create("https://merchant.invalid/callbacks")),
                true,
                Set.of(CurrencyUnit.of("EUR")),
                Duration.ofSeconds(10),
                Duration.ofSeconds(120),
                Map.of(),
                SandboxSettings.NORMAL);
    }
}
