package dev.jetonvoucher.functions.dashboard;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.jetonvoucher.aws.lambda.HttpApiRequests;

/**
 * The core's {@link dev.jetonvoucher.web.WebRequest} built from an HTTP API event, under the name the dashboard
 * and export handlers construct it by ({@code new WebRequest(event)}). It adds nothing: what a request says is
 * read by the core type, whether it comes from the dashboard itself by {@link dev.jetonvoucher.web.SameOrigin}.
 * Once the handlers call {@link HttpApiRequests#webRequest} themselves, this class goes.
 */
public final class WebRequest extends dev.jetonvoucher.web.WebRequest {

    public WebRequest(APIGatewayV2HTTPEvent event) {
        super(HttpApiRequests.webRequest(event));
    }
}
