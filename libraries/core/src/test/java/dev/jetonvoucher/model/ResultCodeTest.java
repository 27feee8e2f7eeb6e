package dev.jetonvoucher.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResultCodeTest {

    /** code → message from the platform catalogue, the source of truth for the enum's texts. */
    private static Map<String, String> catalogue;

    @BeforeAll
    static void loadCatalogue() throws IOException {
        try (InputStream in = ResultCodeTest.class.getResourceAsStream("/ecommpay-codes.json")) {
            assertNotNull(in, "test resource ecommpay-codes.json is missing");
            JsonNode codes = new ObjectMapper().readTree(in).get("codes");
            catalogue = new HashMap<>();
            for (JsonNode entry : codes) {
                catalogue.put(entry.get("code").asText(), entry.get("message").asText());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResultCode.class)
    void every_code_and_message_is_exactly_as_in_the_catalogue(ResultCode resultCode) {
        assertTrue(
                catalogue.containsKey(resultCode.code()),
                resultCode + " code " + resultCode.code() + " is not in the catalogue");
        assertEquals(catalogue.get(resultCode.code()), resultCode.message(), resultCode + " message");
    }

    @Test
    void codes_are_unique() {
        Set<String> seen = new HashSet<>();
        for (ResultCode resultCode : ResultCode.values()) {
            assertTrue(seen.add(resultCode.code()), "duplicate code " + resultCode.code());
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "SUCCESS, 0",
        "GENERAL_DECLINE_PLATFORM, 100",
        "OPERATION_NOT_ALLOWED, 310",
        "PROVIDER_NOT_AVAILABLE, 314",
        "INTERNAL_ERROR, 501",
        "VALIDATION_ERROR, 502",
        "INVALID_JSON, 2003",
        "REQUIRED_FIELD_NOT_PROVIDED, 2004",
        "PROJECT_NOT_FOUND, 2442",
        "AMOUNT_GREATER_THAN_LIMIT, 2642",
        "AMOUNT_LESS_THAN_LIMIT, 3358",
        "INVALID_PAYMENT_ID, 3024",
        "INSUFFICIENT_MERCHANT_BALANCE, 3028",
        "PAYMENT_ID_ALREADY_EXISTS, 3041",
        "STATUS_DOES_NOT_ALLOW_ACTION, 3060",
        "TRANSACTION_NOT_FOUND, 3061",
        "INVALID_CURRENCY, 3121",
        "INVALID_SIGNATURE, 3261",
        "EMPTY_SIGNATURE, 3262",
        "AWAITING_PROCESSING, 9999",
        "GENERAL_DECLINE, 20000",
        "DECLINED_BY_PROVIDER, 20100",
        "INCORRECT_ACCOUNT_DATA, 20102",
        "INSUFFICIENT_FUNDS_ON_CUSTOMER_ACCOUNT, 20105",
        "CUSTOMER_ACCOUNT_NO_LONGER_AVAILABLE, 20106",
        "ACCOUNT_DOES_NOT_SUPPORT_CURRENCY, 20107",
        "TIME_OUT, 20602",
    })
    void the_codes_the_method_needs_are_there(ResultCode resultCode, String code) {
        assertEquals(code, resultCode.code());
        assertEquals(Optional.of(resultCode), ResultCode.fromCode(code));
    }

    @Test
    void the_messages_in_the_method_page_examples() {
        assertEquals("Success", ResultCode.SUCCESS.message());
        assertEquals("Time-out", ResultCode.TIME_OUT.message());
        assertEquals("General decline", ResultCode.GENERAL_DECLINE.message());
        assertEquals("Insufficient funds on merchant balance", ResultCode.INSUFFICIENT_MERCHANT_BALANCE.message());
    }

    @ParameterizedTest
    @EnumSource(ResultCode.class)
    void from_code_finds_every_constant(ResultCode resultCode) {
        assertEquals(Optional.of(resultCode), ResultCode.fromCode(resultCode.code()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "1", "00", " 0", "0 ", "19999", "abc", "-1"})
    void unknown_codes_are_empty(String code) {
        assertEquals(Optional.empty(), ResultCode.fromCode(code));
    }
}
