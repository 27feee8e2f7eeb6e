package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.LocalParameterStore;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where a sandbox keeps its keys: generated once per state name and kept where the deployed functions read them, in
 * SSM Parameter Store on the endpoint, read back on every start.
 */
class SandboxStateTest {

    private final LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();

    @Test
    void a_persistent_state_keeps_its_keys_on_the_endpoint_and_finds_them_again() {
        String name = stateName("keys");
        SandboxState first = SandboxState.persistent(endpoint, name);
        SandboxState again = SandboxState.persistent(endpoint, name);

        assertEquals(first.parameters(), again.parameters(), "a restart finds the same keys");
        assertEquals(name + "-", again.prefix());
        assertEquals("persistent on " + endpoint.endpoint() + " (prefix " + name + "-)", again.description());
        assertTrue(first.parameters().get("ProviderSigningKey").length() >= 32);
        new VoucherTransitCipher(first.parameters().get("VoucherTransitKey")); // a usable key: 32 bytes in Base64
        assertFalse(again.description().contains(first.parameters().get("ProviderSigningKey")));

        LocalParameterStore ssm = new LocalParameterStore(endpoint);
        assertEquals(
                Optional.of(first.parameters().get("ProviderSigningKey")),
                ssm.get("/jeton-voucher/" + name + "-keys/provider-signing-key"));
        assertEquals(
                Optional.of(first.parameters().get("VoucherTransitKey")),
                ssm.get("/jeton-voucher/" + name + "-keys/voucher-transit-key"));

        SandboxState other = SandboxState.persistent(endpoint, stateName("other"));
        assertNotEquals(
                first.parameters().get("ProviderSigningKey"),
                other.parameters().get("ProviderSigningKey"),
                "another state prefix is another sandbox, with keys of its own");
    }

    @Test
    void a_key_rotated_in_ssm_stays_rotated_across_a_restart() {
        String name = stateName("rotated");
        SandboxState first = SandboxState.persistent(endpoint, name);
        String rotated = VoucherTransitCipher.newKey();
        LocalParameterStore ssm = new LocalParameterStore(endpoint);
        ssm.put(
                "/jeton-voucher/" + name + "-keys/voucher-transit-key-previous",
                first.parameters().get("VoucherTransitKey"));
        ssm.put("/jeton-voucher/" + name + "-keys/voucher-transit-key", rotated);

        assertEquals(
                rotated, SandboxState.persistent(endpoint, name).parameters().get("VoucherTransitKey"));
    }

    @Test
    void an_ephemeral_state_has_fresh_names_and_keys() {
        SandboxState state = SandboxState.ephemeral(SandboxState.DEFAULT_NAME);
        assertTrue(state.prefix().matches("sandbox-\\d+-"), state.prefix());
        assertEquals("ephemeral (own endpoint; stops with the sandbox)", state.description());
        assertNotEquals(
                state.parameters(),
                SandboxState.ephemeral(SandboxState.DEFAULT_NAME).parameters());
    }

    @Test
    void a_state_name_that_cannot_name_tables_and_queues_is_refused() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> SandboxState.persistent(endpoint, "shop a"));
        assertEquals("a state prefix is 1 to 40 letters, digits, '-' or '_', got \"shop a\"", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SandboxState.persistent(endpoint, "x".repeat(41)));
    }

    private static String stateName(String label) {
        String unique = TemplateResources.uniquePrefix(label);
        return unique.substring(0, unique.length() - 1);
    }
}
