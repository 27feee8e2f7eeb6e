package dev.jetonvoucher.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CurrencyUnitTest {

    @ParameterizedTest(name = "{0} has {1} fraction digits")
    @CsvSource({
        "JPY, 0, 1",
        "KRW, 0, 1",
        "EUR, 2, 100",
        "USD, 2, 100",
        "GBP, 2, 100",
        "KWD, 3, 1000",
        "BHD, 3, 1000",
        "TND, 3, 1000",
    })
    void iso_currencies_are_accepted_with_their_minor_unit(String code, int digits, long minorPerMajor) {
        CurrencyUnit currency = CurrencyUnit.of(code);

        assertEquals(code, currency.code());
        assertEquals(digits, currency.fractionDigits());
        assertEquals(minorPerMajor, currency.minorPerMajor());
    }

    @ParameterizedTest(name = "pseudo currency {0} is rejected")
    @ValueSource(strings = {"XXX", "XAU", "XAG", "XPT", "XDR", "XTS"})
    void pseudo_currencies_without_minor_units_are_rejected(String code) {
        InvalidCurrencyException e = assertThrows(InvalidCurrencyException.class, () -> CurrencyUnit.of(code));

        assertTrue(e.getMessage().contains(code), e.getMessage());
        assertTrue(e.getMessage().contains("pseudo currency"), e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is not an alpha-3 code")
    @ValueSource(strings = {"eur", "Eur", " EUR", "EUR ", "E UR", "EU", "EURO", "978", "E1R", "\u0415UR", "ÉUR"})
    void anything_but_three_upper_case_ascii_letters_is_rejected(String code) {
        InvalidCurrencyException e = assertThrows(InvalidCurrencyException.class, () -> CurrencyUnit.of(code));

        assertTrue(e.getMessage().contains("alpha-3"), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void a_missing_code_is_rejected(String code) {
        assertThrows(InvalidCurrencyException.class, () -> CurrencyUnit.of(code));
    }

    @Test
    void a_well_formed_but_unknown_code_is_rejected() {
        InvalidCurrencyException e = assertThrows(InvalidCurrencyException.class, () -> CurrencyUnit.of("ZZZ"));

        assertTrue(e.getMessage().contains("not a known ISO-4217 currency"), e.getMessage());
    }

    @Test
    void the_exception_is_unchecked_and_an_illegal_argument() {
        assertTrue(RuntimeException.class.isAssignableFrom(InvalidCurrencyException.class));
        assertTrue(IllegalArgumentException.class.isAssignableFrom(InvalidCurrencyException.class));
    }

    @Test
    void a_long_input_is_not_echoed_in_full() {
        String longInput = "A".repeat(1000);

        InvalidCurrencyException e = assertThrows(InvalidCurrencyException.class, () -> CurrencyUnit.of(longInput));

        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }

    @Test
    void equality_hash_code_and_text_are_the_code() {
        assertEquals(CurrencyUnit.of("EUR"), CurrencyUnit.of("EUR"));
        assertEquals(CurrencyUnit.of("EUR").hashCode(), CurrencyUnit.of("EUR").hashCode());
        assertNotEquals(CurrencyUnit.of("EUR"), CurrencyUnit.of("USD"));
        assertNotEquals(CurrencyUnit.of("EUR"), "EUR");
        assertEquals("EUR", CurrencyUnit.of("EUR").toString());
    }
}
