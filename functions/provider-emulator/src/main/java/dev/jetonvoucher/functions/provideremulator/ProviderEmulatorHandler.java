package dev.jetonvoucher.functions.provideremulator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.provider.sandbox.ProviderEmulatorRoutes;
import java.util.Locale;
import java.util.Map;

/**
 * The Jeton provider emulator as its own HTTP service (ProviderEmulatorApi): the provider API of
 * {@link dev.jetonvoucher.provider.http.WalletApi} over the emulator and its DynamoDB ledger, for the platform's HTTP
 * connector ({@code ProviderConnector: http}). Its IPNs wait on ProviderEmulatorIpnQueue and are sent by
 * {@link ProviderEmulatorIpnHandler}.
 */
public final class ProviderEmulatorHandler extends HttpFunction {

    private final ProviderEmulatorRoutes routes;

    public ProviderEmulatorHandler() {
        this(Wiring.fromEnvironment());
    }

    public ProviderEmulatorHandler(Wiring wiring) {
        this.routes = wiring.providerEmulatorRoutes();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
            String method = event.getRequestContext() == null
                            || event.getRequestContext().getHttp() == null
                    ? "POST"
                    : event.getRequestContext().getHttp().getMethod();
            ProviderEmulatorRoutes.Answer answer = routes.handle(
                    method.toUpperCase(Locale.ROOT),
                    event.getRawPath(),
                    name -> header(headers, name),
                    HttpApi.body(event) == null ? "" : HttpApi.body(event));
            return HttpApi.json(answer.status(), answer.body());
        } catch (RuntimeException e) {
            Log.error("provider_emulator.failed", e);
            return HttpApi.json(500, "{\"error\":\"internal error\"}");
        }
    }

    /** API Gateway hands header names over in lower case; look a name up whatever its case. */
    private static String header(Map<String, String> headers, String name) {
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
