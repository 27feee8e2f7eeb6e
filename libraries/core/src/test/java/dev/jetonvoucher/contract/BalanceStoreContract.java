package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.BalanceStore.Balance;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link BalanceStore} must do: open once, per currency, under concurrent openings. */
public abstract class BalanceStoreContract {

    private static final CurrencyUnit EUR = CurrencyUnit.of("EUR");
    private static final CurrencyUnit JPY = CurrencyUnit.of("JPY");

    /** The store under test. Tests use fresh project ids, so a store may be shared by a whole class. */
    protected abstract BalanceStore balances();

    @Test
    void opens_once_with_the_first_amount() {
        long projectId = TestPayments.newProjectId();

        balances().openIfAbsent(projectId, Money.ofMinor(10_000, EUR));
        balances().openIfAbsent(projectId, Money.ofMinor(99_999, EUR));

        Money zero = Money.ofMinor(0, EUR);
        assertEquals(
                Optional.of(new Balance(
                        projectId, Money.ofMinor(10_000, EUR), zero, zero, zero, Money.ofMinor(10_000, EUR))),
                balances().find(projectId, EUR));
    }

    @Test
    void keeps_each_currency_apart() {
        long projectId = TestPayments.newProjectId();

        balances().openIfAbsent(projectId, Money.ofMinor(10_000, EUR));
        balances().openIfAbsent(projectId, Money.ofMinor(500, JPY));

        assertEquals(
                10_000,
                balances().find(projectId, EUR).orElseThrow().available().minorUnits());
        assertEquals(
                Money.ofMinor(500, JPY),
                balances().find(projectId, JPY).orElseThrow().available());
        assertEquals(Optional.empty(), balances().find(projectId, CurrencyUnit.of("USD")));
    }

    @Test
    void concurrent_openings_open_once() {
        long projectId = TestPayments.newProjectId();

        Concurrently.run(10, i -> {
            balances().openIfAbsent(projectId, Money.ofMinor(1_000 + i, EUR));
            return null;
        });

        Balance balance = balances().find(projectId, EUR).orElseThrow();
        assertTrue(balance.conserved(), balance::toString);
        assertEquals(balance.opening(), balance.available());
        assertTrue(List.of(1_000L, 1_001L, 1_002L, 1_003L, 1_004L, 1_005L, 1_006L, 1_007L, 1_008L, 1_009L)
                .contains(balance.opening().minorUnits()));
    }

    @Test
    void opens_at_zero() {
        long projectId = TestPayments.newProjectId();
        balances().openIfAbsent(projectId, Money.ofMinor(0, EUR));
        assertEquals(
                0, balances().find(projectId, EUR).orElseThrow().available().minorUnits());
    }

    @Test
    void refuses_a_negative_opening() {
        assertThrows(
                IllegalArgumentException.class,
                () -> balances().openIfAbsent(TestPayments.newProjectId(), Money.ofMinor(-1, EUR)));
    }
}
