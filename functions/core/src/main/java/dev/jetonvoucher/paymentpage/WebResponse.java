package dev.jetonvoucher.paymentpage;

import java.util.Map;

/** An HTTP response of the Payment Page: status, headers and a text body. */
public record WebResponse(int status, Map<String, String> headers, String body) {

    public WebResponse {
        headers = Map.copyOf(headers);
    }
}
