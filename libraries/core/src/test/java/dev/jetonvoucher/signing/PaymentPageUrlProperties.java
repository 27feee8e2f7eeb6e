package dev.jetonvoucher.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.Size;

class PaymentPageUrlProperties {

    private final Signer signer = new Signer("jeton-test-secret-key");

    @Property
    void any_signed_parameter_set_survives_the_url_and_verifies(
            @ForAll @Size(max = 8) Map<@NotBlank String, String> params) {
        Map<String, String> unsigned = new HashMap<>(params);
        unsigned.remove("signature");

        String url =
                PaymentPageUrl.build("https://paymentpage.ecommpay.com/payment", unsigned, signer.signParams(unsigned));
        Map<String, String> received = PaymentPageUrl.parseQuery(URI.create(url).getRawQuery());

        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.checkParams(received));
    }
}
