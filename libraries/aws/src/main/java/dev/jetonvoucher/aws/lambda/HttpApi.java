package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The HTTP API (payload v2.0) side of every HTTP function: the body as API Gateway hands it over, and the functions'
 * one answer type ({@link WebResponse}) as API Gateway's response. What a function answers, and how an error is
 * answered ({@link dev.jetonvoucher.web.WebErrors}), is not decided here.
 */
public final class HttpApi {

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

    /** The answer as API Gateway takes it: the headers as spelled, each cookie its own {@code Set-Cookie}. */
    public static APIGatewayV2HTTPResponse response(WebResponse answer) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(answer.status())
                .withHeaders(answer.headers())
                .withBody(answer.body())
                .withCookies(answer.cookies().isEmpty() ? null : answer.cookies())
                .withIsBase64Encoded(false)
                .build();
    }
}
