package dev.jetonvoucher.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.payment.PaymentKey;

/** The synchronous answer to an accepted Gate request (unsigned, as the platform's auxiliary responses are). */
public record Acknowledgement(String requestId, PaymentKey key) {

    public String toJson() {
        ObjectNode body = Json.object();
        body.put("status", "success");
        body.put("request_id", requestId);
        body.put("project_id", key.projectId());
        body.put("payment_id", key.paymentId());
        return Json.write(body);
    }

    public static String errorJson(GateRejection rejection) {
        ObjectNode body = Json.object();
        body.put("status", "error");
        body.put("code", rejection.code().code());
        body.put("message", rejection.getMessage());
        if (rejection.field() != null) {
            body.put("field", rejection.field());
        }
        return Json.write(body);
    }
}
