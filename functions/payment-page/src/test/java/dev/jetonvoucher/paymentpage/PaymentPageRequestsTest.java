package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PaymentPageRequestsTest {

    static final String SECRET = "project-secret";
    static final Project PROJECT = new Project(
            239,
            SECRET,
            Optional.of(URI.create("https://shop.example/callbacks")),
            true,
            Set.of(CurrencyUnit.of("EUR"), CurrencyUnit.of("JPY")),
            Duration.ofSeconds(10),
            Duration.ofMinutes(2),
            Map.of(),
            SandboxSettings.NORMAL,
            List.of("https://shop.example"));
    final PaymentPageRequests requests = new PaymentPageRequests(new InMemoryProjectDirectory(List.of(PROJECT)));

    static Map<String, String> purchase() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project_id", "239");
        params.put("payment_id", "order-1");
        params.put("payment_amount", "10000");
        params.put("payment_currency", "EUR");
        params.put("customer_id", "customer-1");
        params.put("interface_type", "{\"id\": 21}");
        return params;
    }

    PaymentPageRequest open(Map<String, String> params) {
        return openQuery(query(params, new Signer(SECRET).signParams(params)));
    }

    PaymentPageRequest openQuery(String rawQuery) {
        Map<String, String> params = PaymentPageRequests.parameters(rawQuery);
        return requests.validate(requests.project(params), params, rawQuery);
    }

    static String query(Map<String, String> params, String signature) {
        return PaymentPageUrl.build("https://pp.example/payment", params, signature)
                .substring("https://pp.example/payment?".length());
    }

    static Map<String, String> with(Consumer<Map<String, String>> change) {
        Map<String, String> params = purchase();
        change.accept(params);
        return params;
    }

    String rejectionCode(Runnable call) {
        return assertThrows(GateRejection.class, call::run).code().code();
    }

    @Test
    void a_signed_request_is_read_with_its_values() {
        Map<String, String> params = with(p -> {
            p.put("payment_description", "Tickets <2>");
            p.put("language_code", "de");
            p.put("force_payment_method", "jetonVoucher");
            p.put("merchant_success_url", "https://shop.example/ok");
        });
        PaymentPageRequest request = open(params);
        assertEquals("order-1", request.key().paymentId());
        assertEquals("100.00", request.amount().toMajorString());
        assertEquals(Optional.of("Tickets <2>"), request.description());
        assertEquals(
                Optional.of("de"),
                request.languageCode(),
                "a language the page has not is kept as asked; the page chooses");
        assertTrue(request.opensVoucherFormDirectly());
        assertEquals(Optional.of("https://shop.example/ok"), request.merchantSuccessUrl());
        assertEquals(Optional.empty(), request.merchantFailUrl());
    }

    @Test
    void frame_mode_is_outside_the_signature_and_anything_else_inside() {
        Map<String, String> params = purchase();
        String query = query(params, new Signer(SECRET).signParams(params));
        assertEquals("order-1", openQuery(query + "&frame_mode=iframe").key().paymentId());
        assertEquals("3261", rejectionCode(() -> openQuery(query + "&best_before=2030-01-01T00:00:00%2B00:00")));
    }

    @Test
    void without_force_payment_method_or_with_another_method_the_list_comes_first() {
        assertFalse(open(purchase()).opensVoucherFormDirectly());
        assertFalse(open(with(p -> p.put("force_payment_method", "card"))).opensVoucherFormDirectly());
        assertEquals(
                Optional.empty(),
                open(with(p -> p.put("language_code", "<script>"))).languageCode());
        assertEquals(
                Optional.of("ru"),
                open(with(p -> p.put("language_code", "RU-ru"))).languageCode());
    }

    @Test
    void the_platform_codes_come_in_the_gates_order() {
        Map<String, String> params = purchase();
        assertEquals("3262", rejectionCode(() -> openQuery(query(params, "").replace("&signature=", ""))));
        assertEquals("3261", rejectionCode(() -> openQuery(query(params, "bm90IGl0"))));
        assertEquals("2004", rejectionCode(() -> open(with(p -> p.remove("project_id")))));
        assertEquals("2442", rejectionCode(() -> open(with(p -> p.put("project_id", "240")))));
        assertEquals("2442", rejectionCode(() -> open(with(p -> p.put("project_id", "abc")))));
        for (String required : PaymentPageRequests.REQUIRED) {
            GateRejection missing = assertThrows(GateRejection.class, () -> open(with(p -> p.remove(required))));
            assertEquals("2004", missing.code().code());
            assertEquals(required, missing.field());
        }
        assertEquals("3024", rejectionCode(() -> open(with(p -> p.put("payment_id", "   ")))));
        assertEquals("502", rejectionCode(() -> open(with(p -> p.put("payment_amount", "-5")))));
        assertEquals("3121", rejectionCode(() -> open(with(p -> p.put("payment_currency", "USD")))));
        assertEquals("3121", rejectionCode(() -> open(with(p -> p.put("payment_currency", "eur")))));
        assertEquals("3358", rejectionCode(() -> open(with(p -> p.put("payment_amount", "999")))));
        assertEquals("2642", rejectionCode(() -> open(with(p -> p.put("payment_amount", "50001")))));
        assertEquals("502", rejectionCode(() -> open(with(p -> p.put("payment_description", "x".repeat(256))))));
        assertEquals("502", rejectionCode(() -> open(with(p -> p.put("merchant_fail_url", "javascript:alert(1)")))));
        assertEquals("502", rejectionCode(() -> openQuery("project_id=239&project_id=240")));
    }

    @Test
    void limits_scale_with_the_currency() {
        assertEquals(
                "10",
                open(with(p -> {
                            p.put("payment_currency", "JPY");
                            p.put("payment_amount", "10");
                        }))
                        .amount()
                        .toMajorString());
        assertEquals(
                "2642",
                rejectionCode(() -> open(with(p -> {
                    p.put("payment_currency", "JPY");
                    p.put("payment_amount", "501");
                }))));
    }

    @Test
    void a_projects_frame_ancestors_must_be_plain_origins() {
        assertEquals(List.of("https://shop.example"), PROJECT.paymentPageFrameAncestors());
        for (String bad : List.of(
                "*",
                "https://shop.example; script-src *",
                "https://shop.example/path",
                "'none'",
                "javascript:x",
                "https://a b")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new Project(
                            1,
                            "s",
                            Optional.empty(),
                            true,
                            Set.of(CurrencyUnit.of("EUR")),
                            Duration.ZERO,
                            Duration.ofSeconds(1),
                            Map.of(),
                            SandboxSettings.NORMAL,
                            List.of(bad)),
                    bad);
        }
        new Project(
                1,
                "s",
                Optional.empty(),
                true,
                Set.of(CurrencyUnit.of("EUR")),
                Duration.ZERO,
                Duration.ofSeconds(1),
                Map.of(),
                SandboxSettings.NORMAL,
                List.of("https://*.shop.example:8443", "http://127.0.0.2:8080"));
    }
}
