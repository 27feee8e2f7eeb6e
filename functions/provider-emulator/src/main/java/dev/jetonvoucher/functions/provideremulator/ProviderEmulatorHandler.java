package dev.jetonvoucher.functions.provideremulator;

import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.provider.sandbox.ProviderEmulatorRoutes;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.util.Locale;

/**
 * The Jeton provider emulator as its own HTTP service (ProviderEmulatorApi): the provider API of
 * {@link dev.jetonvoucher.provider.http.WalletApi} over the emulator and its DynamoDB ledger, for the platform's HTTP
 * connector ({@code ProviderConnector: http}). Its IPNs wait on ProviderEmulatorIpnQueue and are sent by
 * {@link ProviderEmulatorIpnHandler}. Errors as {@code {"status":"error","message"}} ({@link WebErrors#PROVIDER}).
 */
public final class ProviderEmulatorHandler extends HttpFunction {

    private final ProviderEmulatorRoutes routes;

    /** In Lambda: the services of the container's wiring, from its environment. */
    public ProviderEmulatorHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public ProviderEmulatorHandler(Wiring wiring) {
        this(wiring.providerEmulatorRoutes());
    }

    public ProviderEmulatorHandler(ProviderEmulatorRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected WebResponse handle(WebRequest request) {
        ProviderEmulatorRoutes.Answer answer = routes.handle(
                request.method().toUpperCase(Locale.ROOT),
                request.path(),
                request::header,
                request.body() == null ? "" : request.body());
        return WebResponse.json(answer.status(), answer.body());
    }

    @Override
    protected WebErrors errors() {
        return WebErrors.PROVIDER;
    }
}
