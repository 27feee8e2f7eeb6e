package dev.jetonvoucher.functions.providercallback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.workflow.ProviderNotifications;

/**
 * {@code POST /provider/jeton/notifications}: the same signed notifications over HTTP, for a provider
 * outside this stack. 200 once applied or recorded, 401 when the signature does not verify, 404 for an
 * unknown payment.
 */
public final class ProviderNotificationHttpHandler extends HttpFunction {

    private final ProviderNotifications notifications;

    public ProviderNotificationHttpHandler() {
        this(Wiring.fromEnvironment());
    }

    public ProviderNotificationHttpHandler(Wiring wiring) {
        this.notifications = wiring.providerNotifications();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return switch (notifications.receive(HttpApi.body(event))) {
                case APPLIED, IGNORED_FINAL -> HttpApi.json(200, "{\"status\":\"ok\"}");
                case UNKNOWN_PAYMENT -> HttpApi.json(404, "{\"status\":\"error\",\"message\":\"unknown payment\"}");
                case REJECTED -> HttpApi.json(401, "{\"status\":\"error\",\"message\":\"invalid notification\"}");
            };
        } catch (RuntimeException e) {
            Log.error("provider_notification.failed", e);
            return HttpApi.json(500, "{\"status\":\"error\",\"message\":\"Internal error\"}");
        }
    }
}
