package dev.jetonvoucher.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.jetonvoucher.web.WebRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpApiRequestsTest {

    @Test
    void reads_everything_the_web_pages_use_from_the_event() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/payment/submit")
                .withRawQueryString("a=1%202&b=x")
                .withQueryStringParameters(Map.of("a", "1 2", "b", "x"))
                .withHeaders(Map.of("Host", "pay.example", "origin", "https://pay.example"))
                .withCookies(List.of("jv_session=v1.2.3.x"))
                .withBody("{\"n\":1}")
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("post")
                                .withSourceIp("203.0.113.7")
                                .build())
                        .build())
                .build();
        WebRequest request = HttpApiRequests.webRequest(event);
        assertEquals("POST", request.method());
        assertEquals("/payment/submit", request.path());
        assertEquals("a=1%202&b=x", request.rawQuery());
        assertEquals("1 2", request.query("a"));
        assertEquals("pay.example", request.header("host"));
        assertEquals(Optional.of("v1.2.3.x"), request.cookie("jv_session"));
        assertEquals("{\"n\":1}", request.body());
        assertEquals("203.0.113.7", request.sourceIp());
    }

    @Test
    void decodes_a_base64_body_and_defaults_what_a_hand_written_event_lacks() {
        String form = "project_id=239&secret_key=a%2Bb%26c+d";
        WebRequest request = HttpApiRequests.webRequest(APIGatewayV2HTTPEvent.builder()
                .withBody(Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .build());
        assertEquals("a+b&c d", request.form().get("secret_key"));
        assertEquals("GET", request.method());
        assertEquals("/", request.path());
        assertEquals("", request.rawQuery());
        assertNull(request.query("a"));
        assertNull(request.sourceIp());
    }
}
