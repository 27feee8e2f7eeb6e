package dev.jetonvoucher.browsertests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.sandbox.LocalRuntime;
import dev.jetonvoucher.sandbox.SandboxHarness;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Payment Page's projects on the sandbox harness, for one test class: every function of template.yaml on loopback
 * (SQS mappings running) and the merchant's site on another origin, which receives the callbacks, embeds the widget and
 * is where the return links lead.
 */
final class PaymentPageSandbox implements AutoCloseable {

    /** A test project (40000 declines) whose page the merchant's site may frame. */
    static final long SHOP = 7001;

    static final String SHOP_SECRET = "payment-page-secret-7001";
    /** Its display name (the project file's "name"), markup in it to show it is escaped. */
    static final String SHOP_NAME = "Kino & Konzert <Tickets>";

    static final String SHOP_NAME_HTML = "Kino &amp; Konzert &lt;Tickets&gt;";
    /** A test project without any frame ancestors and with EUR only. */
    static final long EURO_ONLY = 7002;

    static final String EURO_ONLY_SECRET = "payment-page-secret-7002";
    /** A live project: its vouchers must not have expired (a test project's testing mode takes any date). */
    static final long LIVE = 7003;

    static final String LIVE_SECRET = "payment-page-secret-7003";
    static final String VOUCHER = "4619000000000000017";
    /** The merchant's site is on its own loopback address: another origin than the Payment Page (127.0.0.1). */
    static final String MERCHANT_HOST = "127.0.0.2";

    final SandboxHarness harness;
    final Merchant merchant;
    final LocalRuntime runtime;

    PaymentPageSandbox() {
        Merchant site = new Merchant(MERCHANT_HOST);
        ObjectNode shop = project(SHOP, SHOP_SECRET, site)
                .put("name", SHOP_NAME)
                .set(
                        "payment_page_frame_ancestors",
                        GateClient.JSON.createArrayNode().add(site.origin()));
        ObjectNode euroOnly = project(EURO_ONLY, EURO_ONLY_SECRET, site);
        euroOnly.putArray("currencies").add("EUR");
        ObjectNode live = project(LIVE, LIVE_SECRET, site).put("test", false);
        harness = new SandboxHarness(
                SandboxHarness.options()
                        .named("page")
                        .withKeys("browser-test-provider-key-0123456789", VoucherTransitCipher.newKey())
                        .withMerchant(site),
                shop,
                euroOnly,
                live);
        merchant = harness.merchant;
        runtime = harness.runtime;
    }

    private static ObjectNode project(long id, String secret, Merchant merchant) {
        ObjectNode project = GateClient.JSON.createObjectNode();
        project.put("project_id", id);
        project.put("secret_key", secret);
        project.put("callback_url", merchant.url());
        project.put("test", true);
        project.putArray("currencies").add("EUR").add("USD");
        project.put("base_time_seconds", 1);
        project.put("limit_time_seconds", 60);
        project.putObject("sandbox").put("provider_notifications", "normal").put("provider_delay_seconds", 0);
        return project;
    }

    String baseUrl() {
        return harness.baseUrl();
    }

    /** The parameters a merchant's SDK sends for a purchase on project {@link #SHOP}, unsigned. */
    Map<String, String> purchase(String paymentId, long amount) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project_id", Long.toString(SHOP));
        params.put("payment_id", paymentId);
        params.put("payment_amount", Long.toString(amount));
        params.put("payment_currency", "EUR");
        params.put("customer_id", "customer-42");
        params.put("language_code", "en");
        params.put("interface_type", "{\"id\": 21}");
        return params;
    }

    /** Adds the signature a merchant signs with the project's secret, as the Java SDK does. */
    static Map<String, String> signed(Map<String, String> params, String secret) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.put("signature", new Signer(secret).signParams(params));
        return signed;
    }

    /** The Payment Page link for these parameters, signed with the secret of project {@link #SHOP}. */
    String pageUrl(Map<String, String> params) {
        return pageUrl(params, SHOP_SECRET);
    }

    String pageUrl(Map<String, String> params, String secret) {
        return PaymentPageUrl.build(baseUrl() + "/payment", params, new Signer(secret).signParams(params));
    }

    PaymentStore payments() {
        return harness.payments();
    }

    @Override
    public void close() {
        harness.close();
    }
}
