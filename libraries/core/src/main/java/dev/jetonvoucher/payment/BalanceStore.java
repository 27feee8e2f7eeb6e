package dev.jetonvoucher.payment;

import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import java.util.Optional;

/**
 * The merchant's payout balance per project and currency. Payouts reserve and settle it inside
 * {@link PaymentStore} transactions; this interface opens and reads it.
 */
public interface BalanceStore {

    /** Opens the balance with this amount unless it exists already (idempotent). */
    void openIfAbsent(long projectId, Money opening);

    Optional<Balance> find(long projectId, CurrencyUnit currency);

    /**
     * available + reserved + paidOut = opening + credited, always.
     */
    record Balance(long projectId, Money available, Money reserved, Money paidOut, Money credited, Money opening) {

        public boolean conserved() {
            return available.plus(reserved).plus(paidOut).equals(opening.plus(credited));
        }
    }
}
