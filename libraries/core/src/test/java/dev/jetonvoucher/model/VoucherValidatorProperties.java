package dev.jetonvoucher.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.YearMonth;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.time.api.constraints.DateRange;

class VoucherValidatorProperties {

    @Property
    void well_formed_unexpired_data_is_accepted_and_kept(
            @ForAll("numbers") String number,
            @ForAll("codes") String code,
            @ForAll @DateRange(min = "2000-01-01", max = "2200-12-31") LocalDate today,
            @ForAll @IntRange(min = 0, max = 240) int monthsAhead) {
        YearMonth expiry = YearMonth.from(today).plusMonths(monthsAhead);
        String expiration = String.format("%02d/%04d", expiry.getMonthValue(), expiry.getYear());

        VoucherData voucher = VoucherValidator.validate(number, expiration, code, today);

        assertEquals(new VoucherData(number, expiry, code), voucher);
        assertEquals(expiration, voucher.formattedExpiration());
        // Exact text: the only digits shown are the last 4 of the number and the expiry.
        assertEquals(
                "VoucherData[number=***************" + number.substring(15) + ", expiration=" + expiration
                        + ", securityCode=****]",
                voucher.toString());
    }

    @Property
    void an_expiry_before_the_current_month_is_always_rejected(
            @ForAll("numbers") String number,
            @ForAll("codes") String code,
            @ForAll @DateRange(min = "2000-01-01", max = "2200-12-31") LocalDate today,
            @ForAll @IntRange(min = 1, max = 240) int monthsAgo) {
        YearMonth expiry = YearMonth.from(today).minusMonths(monthsAgo);
        String expiration = String.format("%02d/%04d", expiry.getMonthValue(), expiry.getYear());

        InvalidVoucherDataException e = assertThrows(
                InvalidVoucherDataException.class, () -> VoucherValidator.validate(number, expiration, code, today));
        assertEquals(InvalidVoucherDataException.EXPIRATION, e.field());
    }

    /** Whatever is wrong, the message must not carry the secrets the customer typed. */
    @Property
    void messages_never_echo_the_number_or_the_code(
            @ForAll @NumericChars @StringLength(min = 5, max = 25) String number,
            @ForAll @NumericChars @StringLength(min = 3, max = 6) String code,
            @ForAll("expirations") String expiration) {
        try {
            VoucherValidator.validate(number, expiration, code, LocalDate.of(2026, 7, 15));
        } catch (InvalidVoucherDataException e) {
            assertFalse(e.getMessage().contains(number), e.getMessage());
            assertFalse(e.getMessage().contains(code), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.strings().numeric().ofLength(19);
    }

    @Provide
    Arbitrary<String> codes() {
        return Arbitraries.strings().numeric().ofLength(4);
    }

    @Provide
    Arbitrary<String> expirations() {
        Arbitrary<String> wellFormed = Arbitraries.integers()
                .between(0, 99)
                .flatMap(month -> Arbitraries.integers()
                        .between(2000, 2100)
                        .map(year -> String.format("%02d/%04d", month, year)));
        return Arbitraries.oneOf(wellFormed, Arbitraries.strings().ofMaxLength(10));
    }
}
