package dev.jetonvoucher.model;

import static dev.jetonvoucher.model.InvalidVoucherDataException.EXPIRATION;
import static dev.jetonvoucher.model.InvalidVoucherDataException.NUMBER;
import static dev.jetonvoucher.model.InvalidVoucherDataException.SECURITY_CODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VoucherValidatorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 7, 15);
    private static final String NUMBER_19 = "4000123412341234123";
    private static final String EXPIRY = "07/2027";
    private static final String CODE = "5731";

    @Test
    void valid_voucher_data_is_accepted() {
        VoucherData voucher = VoucherValidator.validate(NUMBER_19, EXPIRY, CODE, TODAY);

        assertEquals(new VoucherData(NUMBER_19, YearMonth.of(2027, 7), CODE), voucher);
    }

    @Test
    void leading_zeros_are_part_of_number_and_code() {
        VoucherData voucher = VoucherValidator.validate("0000000000000000001", EXPIRY, "0007", TODAY);

        assertEquals("0000000000000000001", voucher.number());
        assertEquals("0007", voucher.securityCode());
    }

    // --- expiration ---

    @Test
    void the_current_month_is_still_valid() {
        assertEquals(
                YearMonth.of(2026, 7),
                VoucherValidator.validate(NUMBER_19, "07/2026", CODE, TODAY).expiration());
    }

    @Test
    void the_current_month_is_valid_on_its_last_day() {
        LocalDate lastDayOfJuly = LocalDate.of(2026, 7, 31);

        assertEquals(
                YearMonth.of(2026, 7),
                VoucherValidator.validate(NUMBER_19, "07/2026", CODE, lastDayOfJuly)
                        .expiration());
    }

    @Test
    void last_month_is_expired() {
        assertInvalid(EXPIRATION, NUMBER_19, "06/2026", CODE, "the voucher has expired");
    }

    @Test
    void last_month_is_expired_even_on_the_first_day_of_this_month() {
        LocalDate firstOfJuly = LocalDate.of(2026, 7, 1);

        InvalidVoucherDataException e = assertThrows(
                InvalidVoucherDataException.class,
                () -> VoucherValidator.validate(NUMBER_19, "06/2026", CODE, firstOfJuly));
        assertEquals(EXPIRATION, e.field());
    }

    @Test
    void december_of_last_year_is_expired_in_january() {
        LocalDate january = LocalDate.of(2027, 1, 1);

        assertThrows(
                InvalidVoucherDataException.class,
                () -> VoucherValidator.validate(NUMBER_19, "12/2026", CODE, january));
        assertEquals(
                YearMonth.of(2027, 1),
                VoucherValidator.validate(NUMBER_19, "01/2027", CODE, january).expiration());
    }

    @Test
    void months_01_and_12_are_valid() {
        assertEquals(
                1,
                VoucherValidator.validate(NUMBER_19, "01/2030", CODE, TODAY)
                        .expiration()
                        .getMonthValue());
        assertEquals(
                12,
                VoucherValidator.validate(NUMBER_19, "12/2030", CODE, TODAY)
                        .expiration()
                        .getMonthValue());
    }

    @ParameterizedTest(name = "month of \"{0}\"")
    @ValueSource(strings = {"13/2027", "00/2027", "99/2027"})
    void a_month_outside_01_to_12_is_rejected(String expiration) {
        assertInvalid(EXPIRATION, NUMBER_19, expiration, CODE, "the expiration month must be 01-12");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "7/2027",
                "07/27",
                "07-2027",
                "072027",
                "07/02027",
                " 07/2027",
                "07/2027 ",
                "2027/07",
                "2027-07",
                "07/+027",
                "0a/2027",
                "07/20x7",
                "٠٧/٢٠٢٧"
            })
    void anything_but_MM_slash_YYYY_is_rejected(String expiration) {
        assertInvalid(EXPIRATION, NUMBER_19, expiration, CODE, "the expiration date must be MM/YYYY");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void a_missing_expiration_is_reported(String expiration) {
        assertInvalid(EXPIRATION, NUMBER_19, expiration, CODE, "the expiration date is required");
    }

    // --- number ---

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "400012341234123412", // 18 digits
                "40001234123412341234", // 20 digits
                "4000 1234 1234 1234 123", // grouped with spaces
                "4000-1234-1234-1234123",
                "400012341234123412A",
                "-400012341234123412",
                " 400012341234123412",
                "400012341234123412 ",
                "٤٠٠٠١٢٣٤١٢٣٤١٢٣٤١٢٣", // 19 Arabic-Indic digits: digits to Java, not to the platform
            })
    void a_number_that_is_not_exactly_19_ascii_digits_is_rejected(String number) {
        assertInvalid(NUMBER, number, EXPIRY, CODE, "the voucher number must be exactly 19 digits (0-9)");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void a_missing_number_is_reported(String number) {
        assertInvalid(NUMBER, number, EXPIRY, CODE, "the voucher number is required");
    }

    // --- security code ---

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"573", "57312", "57a1", " 573", "573 ", "5 31", "-573", "٥٧٣١"})
    void a_security_code_that_is_not_exactly_4_ascii_digits_is_rejected(String code) {
        assertInvalid(SECURITY_CODE, NUMBER_19, EXPIRY, code, "the security code must be exactly 4 digits (0-9)");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void a_missing_security_code_is_reported(String code) {
        assertInvalid(SECURITY_CODE, NUMBER_19, EXPIRY, code, "the security code is required");
    }

    // --- reporting ---

    @Test
    void the_first_bad_field_is_reported_in_request_order() {
        assertInvalid(NUMBER, "123", "13/2027", "12", "the voucher number must be exactly 19 digits (0-9)");
        assertInvalid(EXPIRATION, NUMBER_19, "13/2027", "12", "the expiration month must be 01-12");
        assertInvalid(EXPIRATION, NUMBER_19, "01/2020", "12", "the voucher has expired");
    }

    @Test
    void messages_never_echo_the_security_code_or_the_number() {
        String nearlyANumber = "40001234123412341"; // 17 digits
        String codeTooLong = "57319";

        InvalidVoucherDataException badNumber = assertThrows(
                InvalidVoucherDataException.class, () -> VoucherValidator.validate(nearlyANumber, EXPIRY, CODE, TODAY));
        InvalidVoucherDataException badCode = assertThrows(
                InvalidVoucherDataException.class,
                () -> VoucherValidator.validate(NUMBER_19, EXPIRY, codeTooLong, TODAY));
        InvalidVoucherDataException expired = assertThrows(
                InvalidVoucherDataException.class, () -> VoucherValidator.validate(NUMBER_19, "01/2020", CODE, TODAY));

        for (InvalidVoucherDataException e : new InvalidVoucherDataException[] {badNumber, badCode, expired}) {
            assertFalse(e.getMessage().contains(nearlyANumber), e.getMessage());
            assertFalse(e.getMessage().contains(NUMBER_19), e.getMessage());
            assertFalse(e.getMessage().contains("1234"), e.getMessage());
            assertFalse(e.getMessage().contains(CODE), e.getMessage());
            assertFalse(e.getMessage().contains(codeTooLong), e.getMessage());
        }
    }

    // --- testing mode: the form only ---

    @Test
    void the_form_check_takes_a_past_expiry_such_as_07_2019() {
        VoucherData voucher = VoucherValidator.validateForm(NUMBER_19, "07/2019", CODE);
        assertEquals(YearMonth.of(2019, 7), voucher.expiration());
        assertEquals(NUMBER_19, voucher.number());
    }

    @Test
    void the_form_check_refuses_what_is_not_19_digits_mm_yyyy_and_4_digits() {
        assertEquals(
                NUMBER,
                assertThrows(
                                InvalidVoucherDataException.class,
                                () -> VoucherValidator.validateForm("461900000000000001", "07/2019", CODE))
                        .field());
        assertEquals(
                EXPIRATION,
                assertThrows(
                                InvalidVoucherDataException.class,
                                () -> VoucherValidator.validateForm(NUMBER_19, "13/2019", CODE))
                        .field());
        assertEquals(
                EXPIRATION,
                assertThrows(
                                InvalidVoucherDataException.class,
                                () -> VoucherValidator.validateForm(NUMBER_19, "07/19", CODE))
                        .field());
        assertEquals(
                SECURITY_CODE,
                assertThrows(
                                InvalidVoucherDataException.class,
                                () -> VoucherValidator.validateForm(NUMBER_19, "07/2019", "12345"))
                        .field());
    }

    @Test
    void the_exception_is_unchecked() {
        assertTrue(RuntimeException.class.isAssignableFrom(InvalidVoucherDataException.class));
    }

    @Test
    void today_is_required() {
        assertThrows(NullPointerException.class, () -> VoucherValidator.validate(NUMBER_19, EXPIRY, CODE, null));
    }

    private static void assertInvalid(String field, String number, String expiration, String code, String message) {
        InvalidVoucherDataException e = assertThrows(
                InvalidVoucherDataException.class, () -> VoucherValidator.validate(number, expiration, code, TODAY));
        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
    }
}
