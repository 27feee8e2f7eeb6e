package dev.jetonvoucher.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VoucherDataTest {

    private static final String NUMBER = "1111222233334441234";
    private static final VoucherData VOUCHER = new VoucherData(NUMBER, YearMonth.of(2027, 7), "9876");

    @Test
    void to_string_shows_only_the_last_4_digits_and_no_security_code() {
        assertEquals(
                "VoucherData[number=***************1234, expiration=07/2027, securityCode=****]", VOUCHER.toString());
    }

    @Test
    void masked_number_is_15_stars_and_the_last_4_digits() {
        assertEquals("***************1234", VOUCHER.maskedNumber());
    }

    @Test
    void expiration_is_formatted_as_on_the_wire() {
        assertEquals("07/2027", VOUCHER.formattedExpiration());
        assertEquals("12/0999", new VoucherData(NUMBER, YearMonth.of(999, 12), "0000").formattedExpiration());
    }

    @Test
    void components_are_kept_as_entered() {
        assertEquals(NUMBER, VOUCHER.number());
        assertEquals(YearMonth.of(2027, 7), VOUCHER.expiration());
        assertEquals("9876", VOUCHER.securityCode());
        assertEquals(new VoucherData(NUMBER, YearMonth.of(2027, 7), "9876"), VOUCHER);
    }

    @Test
    void an_instance_is_always_well_formed() {
        YearMonth july = YearMonth.of(2027, 7);

        assertEquals(
                InvalidVoucherDataException.NUMBER,
                assertThrows(InvalidVoucherDataException.class, () -> new VoucherData("123", july, "9876"))
                        .field());
        assertEquals(
                InvalidVoucherDataException.NUMBER,
                assertThrows(InvalidVoucherDataException.class, () -> new VoucherData(null, july, "9876"))
                        .field());
        assertEquals(
                InvalidVoucherDataException.EXPIRATION,
                assertThrows(InvalidVoucherDataException.class, () -> new VoucherData(NUMBER, null, "9876"))
                        .field());
        assertEquals(
                InvalidVoucherDataException.EXPIRATION,
                assertThrows(
                                InvalidVoucherDataException.class,
                                () -> new VoucherData(NUMBER, YearMonth.of(10_000, 1), "9876"))
                        .field());
        assertEquals(
                InvalidVoucherDataException.SECURITY_CODE,
                assertThrows(InvalidVoucherDataException.class, () -> new VoucherData(NUMBER, july, "98765"))
                        .field());
        assertEquals(
                InvalidVoucherDataException.SECURITY_CODE,
                assertThrows(InvalidVoucherDataException.class, () -> new VoucherData(NUMBER, july, null))
                        .field());
    }

    @Test
    void mask_shows_the_last_4_of_a_long_enough_input() {
        assertEquals("***************1234", VoucherNumbers.mask(NUMBER));
        assertEquals("***************4321", VoucherNumbers.mask("12345678904321"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1", "1234", "12345678901"})
    void mask_hides_short_input_completely_and_keeps_a_fixed_width(String input) {
        String masked = VoucherNumbers.mask(input);

        assertEquals("*".repeat(19), masked);
        assertEquals(Optional.empty(), VoucherNumbers.lastFour(input), "the page shows no tail the mask hides");
    }

    @Test
    void last_four_is_the_tail_the_mask_shows() {
        assertEquals(Optional.of("1234"), VoucherNumbers.lastFour(NUMBER));
        assertEquals(Optional.of("9012"), VoucherNumbers.lastFour("123456789012"), "12 characters are enough");
    }

    @Test
    void the_exception_hides_nothing_it_should_not_show() {
        InvalidVoucherDataException e = assertThrows(
                InvalidVoucherDataException.class, () -> new VoucherData(NUMBER, YearMonth.of(2027, 7), "98765"));

        assertFalse(e.getMessage().contains("98765"));
        assertFalse(e.getMessage().contains(NUMBER));
    }
}
