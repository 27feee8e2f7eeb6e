package dev.jetonvoucher.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    static final String NUMBER = "4619000000000000017";
    static final Project PROJECT = new Project(239, "secret", Optional.empty(), true, Set.of(CurrencyUnit.of("EUR")),
            Duration.ofSeconds(10), Duration.ofMinutes(2), Map.of(), SandboxSettings.NORMAL, List.of());

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
    void a_bad_voucher_field_is_named_as_its_channel_spells_it(String number, String expiration, String code,
            String prefix, String field) {
        GateRejection rejection = assertThrows(GateRejection.class,
                () -> PaymentRules.voucher(number, expiration, code, TODAY, prefix));
        assertEquals(ResultCode.VALIDATION_ERROR, rejection.code());
        assertEquals(field, rejection.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "01", "-1", "1.5", "1234567890123456789", ""})
    void project_ids_and_amounts_are_positive_integers_of_at_most_18_digits(String text) {
        assertEquals(OptionalLong.empty(), PaymentRules.positiveMinorUnits(text));
        GateRejection rejection = assertThrows(GateRejection.class,
                () -> PaymentRules.project(new InMemoryProjectDirectory(List.of()), text, "project_id"));
        assertEquals(ResultCode.PROJECT_NOT_FOUND, rejection.code());
        assertEquals(OptionalLong.of(123456789012345678L), PaymentRules.positiveMinorUnits("123456789012345678"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udbff", "\udc00b", "\ude00\ud83d", "ok \ud83d\ude00 \ud800"})
    void half_a_surrogate_pair_is_no_text_a_payment_can_carry(String text) {
        assertEquals(ResultCode.INVALID_PAYMENT_ID, assertThrows(GateRejection.class,
                () -> PaymentRules.paymentKey(PROJECT, text, "payment_id")).code());
        GateRejection rejection = assertThrows(GateRejection.class,
                () -> PaymentRules.optionalText(text, "payment_description"));
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
