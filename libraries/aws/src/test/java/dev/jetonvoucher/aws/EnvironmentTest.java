package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void gives_the_values() {
        Environment environment = new Environment(Map.of(
                Environment.PAYMENTS_TABLE,
                "p",
                Environment.BALANCES_TABLE,
                "b",
                Environment.PROVIDER_SIGNING_KEY_PARAMETER,
                " /jeton-voucher/keys/provider-signing-key "));

        assertEquals("p", environment.paymentsTable());
        assertEquals("b", environment.balancesTable());
        assertEquals("/jeton-voucher/keys/provider-signing-key", environment.providerSigningKeyParameter());
    }

    @Test
    void a_missing_or_blank_variable_is_named() {
        Environment environment = new Environment(Map.of(Environment.BALANCES_TABLE, "  "));

        assertEquals(
                "PAYMENTS_TABLE is not set: deploy with template.yaml or run bin/sandbox",
                assertThrows(IllegalStateException.class, environment::paymentsTable)
                        .getMessage());
        assertEquals(
                "BALANCES_TABLE is not set: deploy with template.yaml or run bin/sandbox",
                assertThrows(IllegalStateException.class, environment::balancesTable)
                        .getMessage());
        assertEquals(Optional.empty(), environment.optional(Environment.VOUCHER_TRANSIT_KEY_PARAMETER));
    }

    @Test
    void never_prints_values() {
        Environment environment = new Environment(Map.of("PROJECT_SECRET", "top-secret"));
        assertFalse(environment.toString().contains("top-secret"));
    }
}
