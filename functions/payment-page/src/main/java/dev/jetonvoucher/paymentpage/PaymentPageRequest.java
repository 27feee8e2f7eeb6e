package dev.jetonvoucher.paymentpage;

import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;
import java.util.Optional;

/**
 * A Payment Page opening request whose signature matched and whose values passed the platform's checks.
 *
 * @param rawQuery the query string exactly as received: the form carries it back, so a submission is checked
 *     against the same signed parameters as the page it came from
 * @param merchantSignature the request's {@code signature}, to which the page's form token is bound
 * @param languageCode {@code language_code} as its ISO 639-1 code ({@link PageLanguage#requestedCode}), when it has
 *     one; the page's language is chosen from it and the browser's ({@link PageLanguage#choose})
 * @param forcedMethod {@code force_payment_method}, when given
 */
public record PaymentPageRequest(
        Project project,
        PaymentKey key,
        Money amount,
        String customerId,
        Optional<String> description,
        Optional<String> languageCode,
        Optional<String> forcedMethod,
        Optional<String> merchantSuccessUrl,
        Optional<String> merchantFailUrl,
        String rawQuery,
        String merchantSignature) {

    /** The voucher form opens at once; otherwise the customer picks the method from the list first. */
    public boolean opensVoucherFormDirectly() {
        return forcedMethod
                .filter(PaymentPageRequests.JETON_VOUCHER_METHOD::equals)
                .isPresent();
    }
}
