package dev.jetonvoucher.gate;

import dev.jetonvoucher.model.InvalidVoucherDataException;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.UnicodeText;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.model.VoucherValidator;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.InvalidCurrencyException;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.money.VoucherLimits;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.signing.SignatureCheck;
import java.time.LocalDate;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The platform's checks on a payment request, shared by every channel that accepts one (Gate JSON bodies,
 * Payment Page query parameters and form posts): each rule and its result code lives here once. Callers
 * name the field as their channel spells it ({@code payment.amount} in Gate, {@code payment_amount} on the
 * Payment Page), so the rejection points at what the merchant actually sent.
 */
public final class PaymentRules {

    public static final int MAX_PAYMENT_ID_LENGTH = 255;
    public static final int MAX_TEXT_LENGTH = 255;
    /** Project ids and amounts: at most 18 digits, so every match fits a long. */
    private static final Pattern POSITIVE_INTEGER = Pattern.compile("[1-9][0-9]{0,17}");

    private PaymentRules() {}

    /** The project of a request (2442 when the id is malformed or unknown). */
    public static Project project(ProjectDirectory projects, String projectIdText, String field) {
        if (projectIdText == null || !POSITIVE_INTEGER.matcher(projectIdText).matches()) {
            throw new GateRejection(ResultCode.PROJECT_NOT_FOUND, field, field + " must be a positive integer");
        }
        long projectId = Long.parseLong(projectIdText);
        return projects.find(projectId)
                .orElseThrow(() -> new GateRejection(
                        ResultCode.PROJECT_NOT_FOUND, field, "project " + projectId + " is not known"));
    }

    /** 3262 for a missing signature, 3261 for one that does not match; nothing for a valid one. */
    public static void requireValidSignature(SignatureCheck check, String field) {
        switch (check.outcome()) {
            case MISSING -> throw new GateRejection(ResultCode.EMPTY_SIGNATURE, field, null);
            case INVALID -> throw new GateRejection(ResultCode.INVALID_SIGNATURE, field, null);
            case VALID -> {
                // go on
            }
        }
    }

    /**
     * The payment's key: 1 to 255 printable characters, unique within the project (3024 otherwise). Half of a
     * surrogate pair is not a printable character.
     */
    public static PaymentKey paymentKey(Project project, String paymentId, String field) {
        if (paymentId.length() > MAX_PAYMENT_ID_LENGTH
                || paymentId.isBlank()
                || hasControlCharacters(paymentId)
                || !UnicodeText.isWellFormed(paymentId)) {
            throw new GateRejection(
                    ResultCode.INVALID_PAYMENT_ID,
                    field,
                    field + " must be a string of 1 to " + MAX_PAYMENT_ID_LENGTH + " printable characters");
        }
        return new PaymentKey(project.projectId(), paymentId);
    }

    /** Minor units written as a decimal integer; empty when the text is not a positive integer. */
    public static OptionalLong positiveMinorUnits(String text) {
        return text != null && POSITIVE_INTEGER.matcher(text).matches()
                ? OptionalLong.of(Long.parseLong(text))
                : OptionalLong.empty();
    }

    /**
     * A payment amount: a positive integer of minor units (502), in a currency enabled for the project
     * (3121), at least the method's minimum of 10.00 (3358).
     *
     * @param minorUnits empty when the request's amount was not a positive integer
     */
    public static Money amount(
            Project project, OptionalLong minorUnits, String currencyCode, String amountField, String currencyField) {
        if (minorUnits.isEmpty()) {
            throw new GateRejection(
                    ResultCode.VALIDATION_ERROR,
                    amountField,
                    amountField + " must be a positive integer in minor units");
        }
        CurrencyUnit currency;
        try {
            currency = CurrencyUnit.of(currencyCode);
        } catch (InvalidCurrencyException e) {
            throw new GateRejection(ResultCode.INVALID_CURRENCY, currencyField, e.getMessage());
        }
        if (!project.accepts(currency)) {
            throw new GateRejection(
                    ResultCode.INVALID_CURRENCY,
                    currencyField,
                    currency + " is not enabled for project " + project.projectId());
        }
        Money amount = new Money(minorUnits.getAsLong(), currency);
        Money minimum = VoucherLimits.minPaymentAmount(currency);
        if (amount.isLessThan(minimum)) {
            throw new GateRejection(
                    ResultCode.AMOUNT_LESS_THAN_LIMIT,
                    amountField,
                    "the minimum is " + minimum.toMajorString() + " " + currency);
        }
        return amount;
    }

    /** A purchase is paid with one voucher, so it can be at most one voucher's face value (2642). */
    public static void requireWithinOneVoucher(Money amount, String amountField) {
        Money largest = VoucherLimits.maxFaceValue(amount.currency());
        if (amount.isGreaterThan(largest)) {
            throw new GateRejection(
                    ResultCode.AMOUNT_GREATER_THAN_LIMIT,
                    amountField,
                    "a voucher holds at most " + largest.toMajorString() + " " + amount.currency());
        }
    }

    /**
     * The customer's voucher (502 naming the first bad field). A test project takes arbitrary voucher data of the
     * right form, expired or not (the method's testing mode); a live one also refuses an expired voucher.
     * {@code fieldPrefix} goes before the field's bare name: {@code "account."} in the Gate ({@code account.number}),
     * {@code ""} on the Payment Page form ({@code number}).
     */
    public static VoucherData voucher(
            Project project,
            String number,
            String expiration,
            String securityCode,
            LocalDate today,
            String fieldPrefix) {
        try {
            return project.test()
                    ? VoucherValidator.validateForm(number, expiration, securityCode)
                    : VoucherValidator.validate(number, expiration, securityCode, today);
        } catch (InvalidVoucherDataException e) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, fieldPrefix + e.field(), e.getMessage());
        }
    }

    /** Optional free text such as a description: well-formed, at most 255 characters (502). */
    public static String optionalText(String text, String field) {
        if (text != null) {
            requireText(text, field);
        }
        return text;
    }

    /**
     * Text a request gives (a customer id, a description): at most 255 characters, none of them half of a UTF-16
     * surrogate pair, which no store or queue can carry (502 naming the field).
     */
    public static String requireText(String text, String field) {
        if (text.length() > MAX_TEXT_LENGTH || !UnicodeText.isWellFormed(text)) {
            throw new GateRejection(
                    ResultCode.VALIDATION_ERROR,
                    field,
                    field + " must be a string of at most " + MAX_TEXT_LENGTH
                            + " characters, all of them valid Unicode");
        }
        return text;
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
