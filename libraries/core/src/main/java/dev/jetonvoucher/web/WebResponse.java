package dev.jetonvoucher.web;

import java.util.Map;

/** An HTTP response of a web page (the Payment Page): status, headers and a text body. */
public record WebResponse(int status, Map<String, String> headers, String body) {

    public WebResponse {
        headers = Map.copyOf(headers);
    }
}
