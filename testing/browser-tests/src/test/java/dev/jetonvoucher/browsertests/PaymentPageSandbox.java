package dev.jetonvoucher.browsertests;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.sandbox.LocalRuntime;
import dev.jetonvoucher.sandbox.Sandbox;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole system for one test class: every function of template.yaml on loopback (the sandbox runtime,
 * its own tables and queues on the shared local endpoint, SQS mappings running) and the merchant's site.
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

    final LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
    final MerchantSite merchant = new MerchantSite();
    final LocalRuntime runtime;
    private final Sandbox sandbox;

    PaymentPageSandbox() {
        ObjectNode file = MerchantSite.JSON.createObjectNode();
        ArrayNode projects = file.putArray("projects");
        projects.add(project(SHOP, SHOP_SECRET)
                .put("name", SHOP_NAME)
                .set(
                        "payment_page_frame_ancestors",
                        MerchantSite.JSON.createArrayNode().add(merchant.origin())));
        ObjectNode euroOnly = project(EURO_ONLY, EURO_ONLY_SECRET);
        euroOnly.putArray("currencies").add("EUR");
        projects.add(euroOnly);
        projects.add(project(LIVE, LIVE_SECRET).put("test", false));
        sandbox = Sandbox.start(
                endpoint,
                file.toString(),
                TemplateResources.uniquePrefix("page"),
                Sandbox.RunOptions.defaults()
                        .withParameters(Map.of(
                                "ProviderSigningKey",
                                "browser-test-provider-key-0123456789",
                                "VoucherTransitKey",
                                VoucherTransitCipher.newKey())));
        runtime = sandbox.runtime();
    }

    private ObjectNode project(long id, String secret) {
        ObjectNode project = MerchantSite.JSON.createObjectNode();
        project.put("project_id", id);
        project.put("secret_key", secret);
        project.put("callback_url", merchant.url("/callbacks"));
        project.put("test", true);
        project.putArray("currencies").add("EUR").add("USD");
        project.put("base_time_seconds", 1);
        project.put("limit_time_seconds", 60);
        project.putObject("sandbox").put("provider_notifications", "normal").put("provider_delay_seconds", 0);
        return project;
    }

    String baseUrl() {
        return runtime.baseUrl();
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
        return new DynamoPaymentStore(
                endpoint.dynamoDb(),
                runtime.resources().tableName("PaymentsTable"),
                runtime.resources().tableName("BalancesTable"));
    }

    @Override
    public void close() {
        sandbox.close();
        merchant.close();
    }
}
