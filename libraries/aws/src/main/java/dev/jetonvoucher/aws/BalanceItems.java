package dev.jetonvoucher.aws;

import static dev.jetonvoucher.aws.Items.n;
import static dev.jetonvoucher.aws.Items.s;

import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore.Balance;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The BalancesTable item: key {@code project_id} N + {@code currency} S; {@code available}, {@code reserved},
 * {@code paid_out}, {@code credited} and {@code opening} in minor units (N). Invariant:
 * available + reserved + paid_out = opening + credited.
 */
final class BalanceItems {

    private BalanceItems() {}

    static Map<String, AttributeValue> key(long projectId, CurrencyUnit currency) {
        return Map.of("project_id", n(projectId), "currency", s(currency.code()));
    }

    /** Amounts not written yet count as zero (a sale's credit can create the item before it is opened). */
    static Balance balance(Map<String, AttributeValue> item) {
        CurrencyUnit currency = CurrencyUnit.of(Items.requiredString(item, "currency"));
        return new Balance(
                Items.number(item, "project_id"),
                money(item, "available", currency),
                money(item, "reserved", currency),
                money(item, "paid_out", currency),
                money(item, "credited", currency),
                money(item, "opening", currency));
    }

    private static Money money(Map<String, AttributeValue> item, String name, CurrencyUnit currency) {
        return Money.ofMinor(Items.numberOrZero(item, name), currency);
    }
}
