package dev.jetonvoucher.functions.providercallback;

import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import dev.jetonvoucher.workflow.ProviderNotifications;

/**
 * {@code POST /provider/jeton/notifications}: the same signed notifications over HTTP, for a provider
 * outside this stack. 200 once applied or recorded, 401 when the signature does not verify, 404 for an
 * unknown payment; errors as {@code {"status":"error","message"}} ({@link WebErrors#PROVIDER}).
 */
public final class ProviderNotificationHttpHandler extends HttpFunction {

    private final ProviderNotifications notifications;

    /** In Lambda: the services of the container's wiring, from its environment. */
    public ProviderNotificationHttpHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public ProviderNotificationHttpHandler(Wiring wiring) {
        this(wiring.providerNotifications());
    }

    public ProviderNotificationHttpHandler(ProviderNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    protected WebResponse handle(WebRequest request) {
        return switch (notifications.receive(request.body())) {
            case APPLIED, IGNORED_FINAL -> WebResponse.json(200, "{\"status\":\"ok\"}");
            case UNKNOWN_PAYMENT -> WebErrors.providerError(404, "unknown payment");
            case REJECTED -> WebErrors.providerError(401, "invalid notification");
        };
    }

    @Override
    protected WebErrors errors() {
        return WebErrors.PROVIDER;
    }
}
