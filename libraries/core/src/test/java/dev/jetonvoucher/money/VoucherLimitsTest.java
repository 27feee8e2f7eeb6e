package dev.jetonvoucher.money;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VoucherLimitsTest {

    @ParameterizedTest(name = "{0}: face value {1}..{2} minor, payment from {1}")
    @CsvSource({
        "EUR, 1000,  50000",
        "USD, 1000,  50000",
        "JPY, 10,    500",
        "KWD, 10000, 500000",
        "BHD, 10000, 500000",
    })
    void limits_are_10_and_500_major_units_in_every_currency(String code, long min, long max) {
        CurrencyUnit currency = CurrencyUnit.of(code);

        assertEquals(Money.ofMinor(min, currency), VoucherLimits.minFaceValue(currency));
        assertEquals(Money.ofMinor(max, currency), VoucherLimits.maxFaceValue(currency));
        assertEquals(Money.ofMinor(min, currency), VoucherLimits.minPaymentAmount(currency));
    }

    @Test
    void limits_print_as_the_method_page_states_them() {
        CurrencyUnit eur = CurrencyUnit.of("EUR");

        assertEquals("10.00", VoucherLimits.minFaceValue(eur).toMajorString());
        assertEquals("500.00", VoucherLimits.maxFaceValue(eur).toMajorString());
        assertEquals("10.00", VoucherLimits.minPaymentAmount(eur).toMajorString());
    }
}
