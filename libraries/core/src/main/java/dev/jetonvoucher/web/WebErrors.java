package dev.jetonvoucher.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.gate.Acknowledgement;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.ResultCode;
import java.util.function.Supplier;

/**
 * The one error mapper of the HTTP edge: every function behind the HTTP API answers through it
 * ({@code aws.lambda.HttpFunction}), so a request the platform refuses and a failure nobody expected are logged
 * and answered the same way on every route (README "Error answers"):
 * <ul>
 *   <li>a {@link GateRejection} is logged as {@code request.rejected} and answered with its status (400) and the
 *       platform's code;</li>
 *   <li>any other exception is logged as {@code request.failed} with its stack trace and answered 500 with the
 *       platform's code 501 ({@link ResultCode#INTERNAL_ERROR}, "Internal error"): no internals, no stack trace, no
 *       message of the exception reach the client.</li>
 * </ul>
 * How the answer looks is the route's: the API's ECommPay-shaped JSON ({@link #API}), the provider route's JSON
 * without a code ({@link #PROVIDER}), or a page's own error page ({@link #pages}).
 */
public final class WebErrors {

    /** How one kind of route shows an error. */
    @FunctionalInterface
    public interface ErrorAnswer {
        /**
         * @param status 400 for a refusal, 500 for a failure
         * @param error the platform's code, message and field at fault
         */
        WebResponse answer(WebRequest request, int status, GateRejection error);
    }

    /** The Gate and the Data API: {@code {"status":"error","code","message"}} plus {@code field} where one is at fault. */
    public static final WebErrors API = new WebErrors((request, status, error) -> apiError(status, error));

    /** The provider's notification route: {@code {"status":"error","message"}}. */
    public static final WebErrors PROVIDER = new WebErrors(
            (request, status, error) -> providerError(status, error.code().message()));

    private final ErrorAnswer answer;

    private WebErrors(ErrorAnswer answer) {
        this.answer = answer;
    }

    /** Routes people open in a browser: the error as the page's own error page. */
    public static WebErrors pages(ErrorAnswer page) {
        return new WebErrors(page);
    }

    /** The call's answer; its refusal or failure answered as this kind of route answers errors. Never throws. */
    public WebResponse answer(WebRequest request, Supplier<WebResponse> call) {
        try {
            return call.get();
        } catch (GateRejection rejection) {
            Log.info(
                    "request.rejected",
                    "route",
                    route(request),
                    "code",
                    rejection.code().code(),
                    "field",
                    rejection.field());
            return answerSafely(request, rejection.httpStatus(), rejection);
        } catch (RuntimeException unexpected) {
            Log.error("request.failed", unexpected, "route", route(request));
            return answerSafely(request, 500, GateRejection.of(ResultCode.INTERNAL_ERROR));
        }
    }

    /** The API's error answer: the documented body with {@code application/json; charset=utf-8}. */
    public static WebResponse apiError(int status, GateRejection error) {
        return WebResponse.json(status, Acknowledgement.errorJson(error));
    }

    /** The provider route's error answer: {@code {"status":"error","message"}}. */
    public static WebResponse providerError(int status, String message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("status", "error");
        body.put("message", message);
        return WebResponse.json(status, Json.write(body));
    }

    /** A page that cannot render its error page still answers: the API's 500, never an exception to the gateway. */
    private WebResponse answerSafely(WebRequest request, int status, GateRejection error) {
        try {
            return answer.answer(request, status, error);
        } catch (RuntimeException failed) {
            Log.error("request.error_answer_failed", failed, "route", route(request));
            return apiError(500, GateRejection.of(ResultCode.INTERNAL_ERROR));
        }
    }

    private static String route(WebRequest request) {
        return request.route() != null ? request.route() : request.method() + " " + request.path();
    }
}
