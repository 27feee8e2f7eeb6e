package dev.jetonvoucher.templatechecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.Intrinsic;
import dev.jetonvoucher.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The platform keys live in SSM Parameter Store, never in a function's environment, and only the functions that use
 * a key may read it (docs/deploy.md, "Where the keys live"): the provider signing key is used by the functions that
 * run the provider or verify its notifications, the voucher transit key by those that seal or open vouchers and
 * callback bodies (and the Payment Page's tokens). Each such function gets the parameter's name and permission to
 * read exactly that parameter and its {@code -previous}; every other function gets neither.
 */
class PlatformKeysTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());

    private static final Set<String> USE_PROVIDER_SIGNING_KEY = Set.of(
            "DispatchFunction",
            "StatusPollFunction",
            "ProviderCallbackFunction",
            "ProviderCallbackApiFunction",
            "ProviderEmulatorFunction");
    private static final Set<String> USE_VOUCHER_TRANSIT_KEY = Set.of(
            "GateSaleFunction",
            "PaymentPageFunction",
            "DispatchFunction",
            "StatusPollFunction",
            "ProviderCallbackFunction",
            "ProviderCallbackApiFunction",
            "MerchantCallbackFunction");

    /** Text parameters passed to functions that are URLs whose AllowedPattern refuses credentials (no {@code @}). */
    private static final Set<String> NON_SECRET_URLS = Set.of("ProviderBaseUrl");

    @Test
    void a_url_parameter_passed_to_functions_cannot_carry_credentials() throws IOException {
        String template = Files.readString(TEMPLATE.path());
        for (String name : NON_SECRET_URLS) {
            int at = template.indexOf("\n  " + name + ":\n");
            assertTrue(at >= 0, name);
            String definition = template.substring(at, template.indexOf("Description:", at));
            assertTrue(
                    definition.contains("AllowedPattern: ^$|^https?://[^\\s@]+$"),
                    name + " must refuse user:password@ in its URL: " + definition);
        }
    }

    private record PlatformKey(String variable, String parameterName, Set<String> users) {
        Intrinsic.Sub parameter() {
            return new Intrinsic.Sub("/${PlatformKeysPath}/" + parameterName, Map.of());
        }
    }

    private static final List<PlatformKey> KEYS = List.of(
            new PlatformKey("PROVIDER_SIGNING_KEY_PARAMETER", "provider-signing-key", USE_PROVIDER_SIGNING_KEY),
            new PlatformKey("VOUCHER_TRANSIT_KEY_PARAMETER", "voucher-transit-key", USE_VOUCHER_TRANSIT_KEY));

    @Test
    void no_parameter_is_a_secret_passed_to_the_stack() throws IOException {
        assertFalse(
                Files.readString(TEMPLATE.path()).contains("NoEcho"),
                "a NoEcho parameter would be a secret in the stack");
        assertFalse(TEMPLATE.parameters().containsKey("ProviderSigningKey"));
        assertFalse(TEMPLATE.parameters().containsKey("VoucherTransitKey"));
    }

    @TestFactory
    Stream<DynamicTest> no_function_environment_holds_a_key_or_a_parameter_value() {
        return TEMPLATE.functions().stream()
                .map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
                    function.environment().forEach((variable, value) -> {
                        assertFalse(
                                value instanceof Intrinsic.Ref ref
                                        && TEMPLATE.parameters().containsKey(ref.logicalId())
                                        && !TEMPLATE.parameters()
                                                .get(ref.logicalId())
                                                .type()
                                                .equals("Number")
                                        && TEMPLATE.parameters()
                                                .get(ref.logicalId())
                                                .allowedValues()
                                                .isEmpty()
                                        && !NON_SECRET_URLS.contains(ref.logicalId()),
                                variable
                                        + " is a template parameter's text (only numbers, choices among AllowedValues"
                                        + " and URLs without credentials, which are no keys, may be passed)");
                        if (variable.matches(".*(KEY|SECRET).*")) {
                            assertTrue(
                                    variable.matches(".*_(PARAMETER|PATH|SECONDS)"),
                                    variable + " names a key: only an SSM parameter's name or path may be given");
                        }
                    });
                }));
    }

    @TestFactory
    Stream<DynamicTest> exactly_the_functions_using_a_key_are_told_where_it_is_and_may_read_it() {
        return TEMPLATE.functions().stream()
                .flatMap(function -> KEYS.stream()
                        .map(key -> DynamicTest.dynamicTest(function.logicalId() + " " + key.parameterName(), () -> {
                            boolean uses = key.users().contains(function.logicalId());
                            assertEquals(
                                    uses ? key.parameter() : null,
                                    function.environment().get(key.variable()));
                            Set<String> readable = ssmReadable(function);
                            Set<String> expected = uses
                                    ? Set.of(
                                            "${PlatformKeysPath}/" + key.parameterName(),
                                            "${PlatformKeysPath}/" + key.parameterName() + "-previous")
                                    : Set.of();
                            Set<String> forThisKey = new TreeSet<>();
                            readable.stream()
                                    .filter(p -> p.startsWith("${PlatformKeysPath}/" + key.parameterName())
                                            || p.startsWith("${PlatformKeysPath}/*")
                                            || p.equals("*"))
                                    .forEach(forThisKey::add);
                            assertEquals(
                                    new TreeSet<>(expected), forThisKey, "SSM read permission on the key's parameters");
                        })));
    }

    @Test
    void the_health_check_has_no_key_and_no_ssm_permission_at_all() {
        FunctionDef health = TEMPLATE.function("HealthFunction");
        assertTrue(ssmReadable(health).isEmpty(), ssmReadable(health)::toString);
        KEYS.forEach(key -> assertFalse(health.environment().containsKey(key.variable())));
    }

    @Test
    void outputs_name_the_parameters_an_operator_writes_the_keys_to() {
        for (PlatformKey key : KEYS) {
            String output = key.variable().equals("PROVIDER_SIGNING_KEY_PARAMETER")
                    ? "ProviderSigningKeyParameter"
                    : "VoucherTransitKeyParameter";
            Map<?, ?> definition =
                    assertInstanceOf(Map.class, TEMPLATE.outputs().get(output), () -> "no output " + output);
            assertEquals(key.parameter(), definition.get("Value"));
        }
    }

    /** The ParameterName of each SSMParameterReadPolicy of the function, as its !Sub text. */
    private static Set<String> ssmReadable(FunctionDef function) {
        Set<String> names = new TreeSet<>();
        Object policies = TEMPLATE.properties(function.logicalId()).get("Policies");
        for (Object policy : policies instanceof List<?> list ? list : new ArrayList<>()) {
            if (policy instanceof Map<?, ?> map && map.get("SSMParameterReadPolicy") instanceof Map<?, ?> read) {
                Object name = read.get("ParameterName");
                names.add(name instanceof Intrinsic.Sub sub ? sub.template() : String.valueOf(name));
            }
            assertFalse(String.valueOf(policy).contains("ssm:"), "an inline ssm statement: " + policy);
        }
        return names;
    }
}
