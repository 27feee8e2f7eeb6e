package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.fixtures.GateClient;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the sandbox shows of voucher data on its page and in the demo. */
class SensitiveDataTest {

    @Test
    void voucher_numbers_keep_their_last_four_digits_and_security_codes_are_hidden_at_any_depth() throws IOException {
        JsonNode document = GateClient.JSON.readTree("""
                {"account": {"number": "4619000000000000017", "expiration": "12/2030", "security_code": "1234"},
                 "customer": {"number": "customer-phone-number-kept"},
                 "provider_extra_fields": {"vouchers": [
                   {"voucherNumber": "4619000000000005678", "securityCode": "9876", "amount": 50000},
                   {"voucher_number": "4619000000000004321", "securityCode": null}]}}
                """);

        JsonNode masked = SensitiveData.masked(document);

        assertEquals("***************0017", masked.at("/account/number").asText());
        assertEquals("12/2030", masked.at("/account/expiration").asText());
        assertEquals("****", masked.at("/account/security_code").asText());
        assertEquals("customer-phone-number-kept", masked.at("/customer/number").asText(), "only an account's number");
        assertEquals(
                "***************5678",
                masked.at("/provider_extra_fields/vouchers/0/voucherNumber").asText());
        assertEquals(
                "****",
                masked.at("/provider_extra_fields/vouchers/0/securityCode").asText());
        assertEquals(
                50000, masked.at("/provider_extra_fields/vouchers/0/amount").asInt());
        assertEquals(
                "***************4321",
                masked.at("/provider_extra_fields/vouchers/1/voucher_number").asText());
        assertFalse(masked.toString().contains("9876") || masked.toString().contains("1234"));
        assertEquals("4619000000000000017", document.at("/account/number").asText(), "the original is untouched");
    }
}
