package dev.jetonvoucher.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    static final String NUMBER = "4619000000000000017";
    static final Project LIVE = project(false);
    static final Project TEST = project(true);

    static Project project(boolean test) {
        return new Project(
                test ? 2 : 1,
                "secret",
                Optional.empty(),
                test,
                Set.of(CurrencyUnit.of("EUR")),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Map.of(),
                SandboxSettings.NORMAL);
    }

    static final Project PROJECT = new Project(
            239,
            "secret",
            Optional.empty(),
            true,
            Set.of(CurrencyUnit.of("EUR")),
            Duration.ofSeconds(10),
            Duration.ofMinutes(2),
            Map.of(),
            SandboxSettings.NORMAL,
            List.of());

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            461900000000000001  | 12/2030 | 1234  | account. | account.number
            4619000000000000017 | 13/2030 | 1234  | account. | account.expiration
            4619000000000000017 | 01/2020 | 1234  | account. | account.expiration
            4619000000000000017 | 12/2030 | 12345 | account. | account.security_code
            461900000000000001  | 12/2030 | 1234  | ''       | number
            4619000000000000017 | 13/2030 | 1234  | ''       | expiration
            4619000000000000017 | 12/2030 | 12345 | ''       | security_code
            """)
    void a_bad_voucher_field_is_named_as_its_channel_spells_it(
            String number, String expiration, String code, String prefix, String field) {
        GateRejection rejection = assertThrows(
                GateRejection.class, () -> PaymentRules.voucher(LIVE, number, expiration, code, TODAY, prefix));
        assertEquals(ResultCode.VALIDATION_ERROR, rejection.code());
        assertEquals(field, rejection.field());
    }

    @Test
    void a_test_project_takes_an_expired_voucher_of_the_right_form() {
        VoucherData voucher = PaymentRules.voucher(TEST, NUMBER, "07/2019", "1234", TODAY, "account.");
        assertEquals(YearMonth.of(2019, 7), voucher.expiration());
        GateRejection live = assertThrows(
                GateRejection.class, () -> PaymentRules.voucher(LIVE, NUMBER, "07/2019", "1234", TODAY, "account."));
        assertEquals("account.expiration", live.field());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            461900000000000001  | 07/2019 | 1234  | account.number
            4619000000000000017 | 7/2019  | 1234  | account.expiration
            4619000000000000017 | 00/2019 | 1234  | account.expiration
            4619000000000000017 | 07/2019 | 123   | account.security_code
            """)
    void a_test_project_still_checks_the_form(String number, String expiration, String code, String field) {
        GateRejection rejection = assertThrows(
                GateRejection.class, () -> PaymentRules.voucher(TEST, number, expiration, code, TODAY, "account."));
        assertEquals(ResultCode.VALIDATION_ERROR, rejection.code());
        assertEquals(field, rejection.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "01", "-1", "1.5", "1234567890123456789", ""})
    void project_ids_and_amounts_are_positive_integers_of_at_most_18_digits(String text) {
        assertEquals(OptionalLong.empty(), PaymentRules.positiveMinorUnits(text));
        GateRejection rejection = assertThrows(
                GateRejection.class,
                () -> PaymentRules.project(new InMemoryProjectDirectory(List.of()), text, "project_id"));
        assertEquals(ResultCode.PROJECT_NOT_FOUND, rejection.code());
        assertEquals(OptionalLong.of(123456789012345678L), PaymentRules.positiveMinorUnits("123456789012345678"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udbff", "\udc00b", "\ude00\ud83d", "ok \ud83d\ude00 \ud800"})
    void half_a_surrogate_pair_is_no_text_a_payment_can_carry(String text) {
        assertEquals(
                ResultCode.INVALID_PAYMENT_ID,
                assertThrows(GateRejection.class, () -> PaymentRules.paymentKey(PROJECT, text, "payment_id"))
                        .code());
        GateRejection rejection =
                assertThrows(GateRejection.class, () -> PaymentRules.optionalText(text, "payment_description"));
        assertEquals(ResultCode.VALIDATION_ERROR, rejection.code());
        assertEquals("payment_description", rejection.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-1", "\ud83d\ude00", "ÄÖÜ日本\u202e", "x\ud800\udc00y"})
    void whole_pairs_and_other_characters_are_text(String text) {
        assertEquals(text, PaymentRules.paymentKey(PROJECT, text, "payment_id").paymentId());
        assertEquals(text, PaymentRules.optionalText(text, "payment_description"));
    }
}
