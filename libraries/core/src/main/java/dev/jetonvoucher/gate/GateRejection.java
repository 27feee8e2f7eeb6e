package dev.jetonvoucher.gate;

import dev.jetonvoucher.model.ResultCode;

/**
 * A request the platform refuses before accepting it: HTTP 400 with
 * {@code {"status":"error","code","message"}} and, where one field is at fault, {@code "field"}.
 */
public final class GateRejection extends RuntimeException {

    private final ResultCode code;
    private final String field;

    public GateRejection(ResultCode code, String field, String detail) {
        super(detail == null ? code.message() : code.message() + ": " + detail);
        this.code = code;
        this.field = field;
    }

    public static GateRejection of(ResultCode code) {
        return new GateRejection(code, null, null);
    }

    public static GateRejection missing(String field) {
        return new GateRejection(ResultCode.REQUIRED_FIELD_NOT_PROVIDED, field, field);
    }

    public ResultCode code() {
        return code;
    }

    /** The JSON path of the field at fault (e.g. {@code general.payment_id}), or null. */
    public String field() {
        return field;
    }

    public int httpStatus() {
        return 400;
    }
}
