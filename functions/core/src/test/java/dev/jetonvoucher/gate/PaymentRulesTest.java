package dev.jetonvoucher.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    static final String NUMBER = "4619000000000000017";

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
}
