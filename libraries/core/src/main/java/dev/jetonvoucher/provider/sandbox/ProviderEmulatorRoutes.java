package dev.jetonvoucher.provider.sandbox;

import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderUnavailableException;
import dev.jetonvoucher.provider.UnknownOperationException;
import dev.jetonvoucher.provider.http.WalletApi;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The emulator's HTTP route set ({@link WalletApi}) over the in-process emulator: what the provider-emulator function
 * serves, so the platform's HTTP connector talks to it as it would to the real service. A request not signed with the
 * provider key is refused (401); the answers:
 *
 * <ul>
 *   <li>{@code POST /provider/v1/vouchers/redeem}, {@code …/issue}: 202 with the order, the same for a repeated
 *       {@code orderId} (nothing done twice); 409 when the {@code orderId} belongs to another payment; 503 during the
 *       project's {@code provider_outage_seconds};
 *   <li>{@code POST /provider/v1/orders/status} (the status pull): 200 with PROCESSING, SUCCESS or FAILED; 404 for an
 *       unknown order;
 *   <li>{@code POST /provider/v1/orders/cancel}, {@code …/reverse}: 200 with the outcome.
 * </ul>
 */
public final class ProviderEmulatorRoutes {

    /** An HTTP answer: status and JSON body. */
    public record Answer(int status, String body) {}

    private final JetonProvider emulator;
    private final Supplier<KeyRing> providerKeys;
    private final Clock clock;

    public ProviderEmulatorRoutes(JetonProvider emulator, Supplier<KeyRing> providerKeys, Clock clock) {
        this.emulator = emulator;
        this.providerKeys = providerKeys;
        this.clock = clock;
    }

    /**
     * @param header a request header by name (case-insensitive), null when absent
     */
    public Answer handle(String method, String path, UnaryOperator<String> header, String body) {
        if (!WalletApi.verify(
                providerKeys.get(),
                header.apply(WalletApi.TIMESTAMP_HEADER),
                header.apply(WalletApi.SIGNATURE_HEADER),
                method,
                path,
                body,
                clock.instant())) {
            return new Answer(401, WalletApi.errorJson("the request is not signed with the provider key"));
        }
        try {
            if (method.equals("POST") && path.equals(WalletApi.REDEEM)) {
                return submit(WalletApi.parseRequest(body, OperationType.SALE));
            }
            if (method.equals("POST") && path.equals(WalletApi.ISSUE)) {
                return submit(WalletApi.parseRequest(body, OperationType.PAYOUT));
            }
            if (method.equals("POST") && path.equals(WalletApi.STATUS)) {
                return new Answer(200, WalletApi.orderJson(emulator.status(WalletApi.parseOrderId(body))));
            }
            if (method.equals("POST") && path.equals(WalletApi.CANCEL)) {
                return new Answer(200, WalletApi.cancelJson(emulator.cancel(WalletApi.parseOrderId(body))));
            }
            if (method.equals("POST") && path.equals(WalletApi.REVERSE)) {
                return new Answer(200, WalletApi.reversalJson(emulator.reverse(WalletApi.parseOrderId(body))));
            }
            return new Answer(404, WalletApi.errorJson("no route " + method + " " + path));
        } catch (ProviderUnavailableException e) {
            return new Answer(503, WalletApi.errorJson(e.getMessage()));
        } catch (IllegalStateException e) {
            return new Answer(409, WalletApi.errorJson(e.getMessage()));
        } catch (UnknownOperationException e) {
            return new Answer(404, WalletApi.errorJson(String.valueOf(e.getMessage())));
        } catch (IllegalArgumentException e) {
            return new Answer(400, WalletApi.errorJson(String.valueOf(e.getMessage())));
        }
    }

    private Answer submit(ProviderRequest request) {
        String providerPaymentId = emulator.submit(request);
        Log.info(
                "emulator.accepted",
                "order",
                request.operationId(),
                "type",
                request.type().wire());
        return new Answer(202, WalletApi.acceptedJson(request.operationId(), providerPaymentId));
    }
}
