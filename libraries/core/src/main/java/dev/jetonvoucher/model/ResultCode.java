package dev.jetonvoucher.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ECommPay result codes this method uses ({@code operation.code} / {@code operation.message},
 * {@code errors[].code}). Codes are strings on the wire. Messages are copied verbatim from the
 * platform catalogue ({@code ecommpay-codes.json}); they are hard-coded so a Lambda cold start parses
 * no JSON, and a test keeps them in step with the catalogue.
 */
public enum ResultCode {
    SUCCESS("0", "Success"),

    // Platform level (100-904)
    GENERAL_DECLINE_PLATFORM("100", "General decline"),
    CANCELLED("301", "Cancelled"),
    OPERATION_NOT_ALLOWED("310", "This operation is not allowed by project settings"),
    PROVIDER_NOT_AVAILABLE("314", "Provider is not available now to perform the operation"),
    INTERNAL_ERROR("501", "Internal error"),
    VALIDATION_ERROR("502", "Validation error"),
    /** Also what a request to a method and path the API does not have gets (HTTP 404). */
    MALFORMED_REQUEST("702", "Malformed request"),
    EXCEEDED_ALLOWED_AMOUNT_FOR_PAYOUT("904", "Exceeded allowed amount for payout"),

    // Request and constraint errors (2xxx-3xxx)
    INVALID_JSON("2003", "Invalid JSON string"),
    REQUIRED_FIELD_NOT_PROVIDED("2004", "Required field not provided"),
    PROJECT_NOT_FOUND("2442", "Project ID not found"),
    AMOUNT_GREATER_THAN_LIMIT("2642", "Operation amount is greater than limit"),
    INVALID_PAYMENT_ID("3024", "Invalid Payment ID"),
    INSUFFICIENT_MERCHANT_BALANCE("3028", "Insufficient funds on merchant balance"),
    PAYMENT_ID_ALREADY_EXISTS("3041", "Payment ID already exists"),
    STATUS_DOES_NOT_ALLOW_ACTION("3060", "Current payment or operation status does not allow this action"),
    TRANSACTION_NOT_FOUND("3061", "Transaction not found"),
    INVALID_CURRENCY("3121", "Invalid currency"),
    INVALID_SIGNATURE("3261", "Invalid signature"),
    EMPTY_SIGNATURE("3262", "Empty signature"),
    AMOUNT_LESS_THAN_LIMIT("3358", "Operation amount is less than limit"),

    // Not final: the outcome is still unknown
    AWAITING_PROCESSING("9999", "Awaiting processing"),

    // Non-card (APM) provider declines (20xxx), the family a voucher method uses
    GENERAL_DECLINE("20000", "General decline"),
    DECLINED_BY_PROVIDER("20100", "Declined by external provider"),
    AMOUNT_OR_FREQUENCY_LIMIT("20101", "Decline due to amount or frequency limit"),
    INCORRECT_ACCOUNT_DATA("20102", "Incorrect account data entered"),
    INSUFFICIENT_FUNDS_ON_CUSTOMER_ACCOUNT("20105", "Insufficient funds on customer account"),
    CUSTOMER_ACCOUNT_NO_LONGER_AVAILABLE("20106", "Customer account is no longer available"),
    ACCOUNT_DOES_NOT_SUPPORT_CURRENCY("20107", "Customer account does not support requested currency"),
    TRY_AGAIN("20601", "Try again"),
    TIME_OUT("20602", "Time-out"),
    NOT_SUPPORTED_BY_PROVIDER("20706", "Operation not supported by provider"),
    PROVIDER_DID_NOT_CONFIRM_CREDITING("20812", "The service provider did not confirm the account crediting"),

    // Merchant side (30xxx)
    DECLINED_BY_MERCHANT("30000", "Operation was declined by merchant");

    private static final Map<String, ResultCode> BY_CODE = new HashMap<>();

    static {
        for (ResultCode resultCode : values()) {
            BY_CODE.put(resultCode.code, resultCode);
        }
    }

    private final String code;
    private final String message;

    ResultCode(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The code as it travels in JSON, e.g. {@code "20602"}. */
    public String code() {
        return code;
    }

    /** The catalogue's short message, e.g. {@code "Time-out"}. */
    public String message() {
        return message;
    }

    /** The constant for a wire code; empty for null and for codes this catalogue does not model. */
    public static Optional<ResultCode> fromCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
    }
}
