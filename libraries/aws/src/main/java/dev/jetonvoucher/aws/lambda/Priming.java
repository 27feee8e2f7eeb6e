package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.SnapshotPriming;
import dev.jetonvoucher.gate.Acknowledgement;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.provider.ProviderNotification;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.provider.http.WalletApi;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebResponse;
import dev.jetonvoucher.workflow.PaymentDocuments;
import dev.jetonvoucher.workflow.WorkMessages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The harmless work {@link Wiring#primeForSnapshot()} runs: the same code paths as real requests, on sample values
 * that belong to no merchant. Made-up security codes live only in memory here; nothing is stored, sent or logged.
 * A function's own priming ({@link Wiring#primeAlso}) builds its events and checks its answers with {@link
 * #httpEvent}, {@link #get} and {@link #expect}.
 */
public final class Priming {

    private static final String SAMPLE_SALE = """
            {"general": {"project_id": %d, "payment_id": "snapstart-priming"},
             "customer": {"id": "priming-customer", "ip_address": "192.0.2.1"},
             "account": {"number": "4619000000000000017", "expiration": "12/2030", "security_code": "0000"},
             "payment": {"amount": 1000, "currency": "EUR", "description": "priming"}}
            """.formatted(SnapshotPriming.PROJECT_ID);

    /**
     * A body as real ones are, for the event JSON's reader: a string with escapes and a non-ASCII character (the
     * parser's slow string path) and a number with a fraction (its floating-point path; SSM's answers carry one).
     */
    private static final String PRIMING_BODY = "{\"priming\":\"\\\"caf\u00e9\\\"\",\"at\":1.5}";

    private Priming() {}

    /** JSON in and out, and the ECommPay signature both ways. */
    static void jsonAndSignatures() {
        parse(PRIMING_BODY);
        Signer signer = new Signer("snapstart-priming-key");
        ObjectNode signed = signer.signInGeneral((ObjectNode) parse(SAMPLE_SALE));
        if (!signer.check(parse(Json.write(signed))).valid()) {
            throw new IllegalStateException("a freshly signed sample does not verify");
        }
    }

    /**
     * The event JSON of both kinds of function, both ways: what the stream handlers read and write on every
     * invocation.
     */
    static void eventJson() {
        try {
            APIGatewayV2HTTPEvent event =
                    httpEvent("POST", "/priming", null, Map.of("content-type", "application/json"), PRIMING_BODY);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            LambdaEventJson.writeHttpEvent(event, json);
            LambdaEventJson.readHttpEvent(new ByteArrayInputStream(json.toByteArray()));
            json.reset();
            LambdaEventJson.writeHttpResponse(HttpApi.response(WebResponse.json(200, "{}")), json);
            LambdaEventJson.readHttpResponse(new ByteArrayInputStream(json.toByteArray()));
            json.reset();
            LambdaEventJson.writeQueueEvent(sqsEvent(PRIMING_BODY), json);
            LambdaEventJson.readQueueEvent(new ByteArrayInputStream(json.toByteArray()));
            json.reset();
            LambdaEventJson.writeBatchResponse(
                    new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("priming"))), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Gate request as API Gateway delivers it, through the Gate's checks up to the project lookup, which refuses it
     * (no merchant has the priming project), and the refusal as the HTTP answer.
     */
    static void gateRequest(GateRequests requests) {
        String body = Json.write(new Signer("snapstart-priming-key").signInGeneral((ObjectNode) parse(SAMPLE_SALE)));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath("/v2/payment/voucher/jeton/sale")
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
        try {
            requests.sale(HttpApi.body(event));
            throw new IllegalStateException("the priming project was accepted: a project with its id exists");
        } catch (GateRejection refused) {
            HttpApi.response(WebErrors.apiError(refused.httpStatus(), refused));
        }
        HttpApi.response(
                WebResponse.json(200, new Acknowledgement("0".repeat(48), SnapshotPriming.PAYMENT_KEY).toJson()));
    }

    static void transitCipher(VoucherTransitCipher cipher) {
        VoucherData sample = new VoucherData("4619000000000000017", YearMonth.of(2030, 12), "0000");
        cipher.open(cipher.seal(sample, 1L), 1L);
    }

    /** A successful payout's signed callback (with its vouchers) and its signed status answer. */
    static void documents() {
        Payment processing = SnapshotPriming.samplePayout();
        List<ProviderVoucher> withCodes =
                processing.vouchers().stream().map(Priming::withSampleCode).toList();
        Payment finished = processing.finish(
                PaymentStatus.SUCCESS,
                "0",
                "Success",
                Funds.PAID_OUT,
                "JV1",
                processing.createdAt(),
                processing.vouchers(),
                processing.createdAt());
        Json.write(PaymentDocuments.callback(finished, SnapshotPriming.sampleProject(), withCodes));
        Json.write(PaymentDocuments.status(finished, SnapshotPriming.sampleProject()));
    }

    static void workMessages() {
        Payment sample = SnapshotPriming.samplePayout();
        WorkMessages.dispatch(WorkMessages.toJson(new WorkMessages.Dispatch(sample.key(), 1L, "c2VhbGVk", 0)));
        WorkMessages.poll(WorkMessages.toJson(new WorkMessages.Poll(sample.key(), 1L, 1, sample.createdAt())));
        WorkMessages.callback(
                WorkMessages.toJson(new WorkMessages.Callback(sample.key(), 1L, 1, null, sample.createdAt(), "{}")));
    }

    /**
     * The emulator service's side of a provider request: a redeem request written, signed and verified with a throwaway
     * key (the platform key is read after restore), its voucher validated as the service parses it, and the service's
     * acceptance written. The emulator itself and its ledger are not called here (the ledger's writes are primed on a
     * client that sends nothing).
     */
    static void emulatorRequest(String throwawayKey, Instant now) {
        ProviderRequest request = new ProviderRequest(
                SnapshotPriming.PAYMENT_KEY,
                1L,
                OperationType.SALE,
                Money.ofMinor(1_000, "EUR"),
                new VoucherData("4619000000000000017", YearMonth.of(2030, 12), "0000"),
                true);
        String body = WalletApi.requestJson(request);
        long timestamp = now.getEpochSecond();
        String signature = WalletApi.signature(throwawayKey, timestamp, "POST", WalletApi.REDEEM, body);
        expect(
                WalletApi.verify(
                        KeyRing.of(throwawayKey),
                        Long.toString(timestamp),
                        signature,
                        "POST",
                        WalletApi.REDEEM,
                        body,
                        now),
                "a freshly signed provider request does not verify");
        ProviderRequest parsed = WalletApi.parseRequest(body, OperationType.SALE);
        WalletApi.providerPaymentIdOf(WalletApi.acceptedJson(parsed.operationId(), "JV1"));
    }

    /** A provider notification signed and verified with the platform's provider key. */
    static void providerNotification(String providerKey) {
        Signer provider = new Signer(providerKey);
        Payment sample = SnapshotPriming.samplePayout();
        List<ProviderVoucher> vouchers =
                sample.vouchers().stream().map(Priming::withSampleCode).toList();
        String notification = ProviderNotification.signedJson(
                sample.key(),
                new ProviderResult(
                        sample.operationId(),
                        "JV1",
                        PaymentStatus.SUCCESS,
                        "0",
                        "Success",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        vouchers),
                provider);
        ProviderNotification.verify(notification, provider);
    }

    /**
     * An HTTP API (payload 2.0) event as API Gateway delivers it, from a documentation address (192.0.2.1, TEST-NET-1)
     * that belongs to no client.
     *
     * @param rawQuery the query without {@code ?}, or null; {@code body} null for none
     */
    public static APIGatewayV2HTTPEvent httpEvent(
            String method, String path, String rawQuery, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withRawQueryString(rawQuery)
                .withHeaders(headers)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withSourceIp("192.0.2.1")
                                .build())
                        .build())
                .build();
    }

    /** A browser's {@code GET} of a page: {@link #httpEvent} accepting HTML, without a body. */
    public static APIGatewayV2HTTPEvent get(String path, String rawQuery) {
        return httpEvent("GET", path, rawQuery, Map.of("accept", "text/html"), null);
    }

    /**
     * A dashboard session cookie ({@code jv_session}) of the priming project, well formed and unexpired, that no key
     * signed: a dashboard page refuses it after looking the project up (absent), and asks for a sign-in.
     */
    public static final String UNSIGNED_SESSION_COOKIE =
            "jv_session=v2." + SnapshotPriming.PROJECT_ID + "." + "A".repeat(22) + ".999999999999." + "A".repeat(43);

    /** A browser's {@code GET} of a dashboard page with {@link #UNSIGNED_SESSION_COOKIE}. */
    public static APIGatewayV2HTTPEvent getWithUnsignedSession(String path, String rawQuery) {
        APIGatewayV2HTTPEvent event = get(path, rawQuery);
        event.setCookies(List.of(UNSIGNED_SESSION_COOKIE));
        return event;
    }

    /** A batch of one SQS message with this body, as Lambda delivers it (received once). */
    public static SQSEvent sqsEvent(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("snapstart-priming");
        message.setBody(body);
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(message));
        return batch;
    }

    /** How long the loopback exchange of {@link #postAnsweredInProcess} may take in all. */
    static final int LOOPBACK_TIMEOUT_MILLIS = 5_000;

    /**
     * Runs {@code post} against a one-shot HTTP server of this process on the loopback address ({@code
     * http://127.0.0.1:<port>/priming}), which reads one request and answers it {@code 200 {}} with {@code Connection:
     * close}: the JDK's HTTP client builds, writes and reads a real exchange, and nothing leaves the process. Both
     * sockets are closed when it returns (the client keeps no connection, the answer said close) and the answering
     * thread has ended, so no connection and no thread of it is in the snapshot. Fails unless exactly one request was
     * answered.
     */
    public static void postAnsweredInProcess(Consumer<URI> post) {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(LOOPBACK_TIMEOUT_MILLIS);
            AtomicReference<String> answered = new AtomicReference<>();
            Thread answering = new Thread(() -> answered.set(answerOnce(server)), "snapstart-priming-answer");
            answering.setDaemon(true);
            answering.start();
            post.accept(URI.create(
                    "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/priming"));
            answering.join(LOOPBACK_TIMEOUT_MILLIS);
            expect(!answering.isAlive(), "the loopback answer did not end");
            expect(answered.get() != null && answered.get().startsWith("POST "), "no POST was answered: " + answered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Reads one request (head and Content-Length body), answers it 200 and closes: its request line, or null. */
    private static String answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(LOOPBACK_TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    return null;
                }
                head.write(next);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            long length = 0;
            for (String line : headText.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(
                            line.substring("content-length:".length()).trim());
                }
            }
            in.readNBytes((int) length);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                            + "Connection: close\r\n\r\n{}")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return headText.substring(0, headText.indexOf("\r\n"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Fails the priming, and so the snapshot, when a primed path did not answer as it should. */
    public static void expect(boolean condition, String otherwise) {
        if (!condition) {
            throw new IllegalStateException(otherwise);
        }
    }

    private static ProviderVoucher withSampleCode(IssuedVoucher voucher) {
        return new ProviderVoucher(
                voucher.number(), voucher.faceValue(), voucher.createdAt(), voucher.expiresAt(), "0000");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
