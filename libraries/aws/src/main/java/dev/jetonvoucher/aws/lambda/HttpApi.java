package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.gate.Acknowledgement;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.logging.Log;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP API (payload v2.0) side of every API function: the body as API Gateway hands it over, and the
 * platform's answers: 200 with the domain's JSON, 400 with {@code {"status":"error","code","message"}} for
 * a request the platform refuses, and a logged 500 with no internals for anything unexpected.
 */
public final class HttpApi {

    private static final Map<String, String> JSON_HEADERS = Map.of(
            "Content-Type", "application/json; charset=utf-8",
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff");
    private static final String INTERNAL_ERROR =
            "{\"status\":\"error\",\"code\":\"501\",\"message\":\"Internal error\"}";

    private HttpApi() {}

    /** The request body as text, decoding what API Gateway base64-encoded. */
    public static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        if (event.getIsBase64Encoded()) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return body;
    }

    /** Runs the domain call and maps its outcome to HTTP. */
    public static APIGatewayV2HTTPResponse respond(String route, Supplier<String> call) {
        try {
            return json(200, call.get());
        } catch (GateRejection rejection) {
            Log.info(
                    "request.rejected", "route", route, "code", rejection.code().code(), "field", rejection.field());
            return json(rejection.httpStatus(), Acknowledgement.errorJson(rejection));
        } catch (RuntimeException unexpected) {
            Log.error("request.failed", unexpected, "route", route);
            return json(500, INTERNAL_ERROR);
        }
    }

    public static APIGatewayV2HTTPResponse json(int status, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(JSON_HEADERS)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
