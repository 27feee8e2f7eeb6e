package dev.jetonvoucher.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.signing.Signer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text no store or queue can carry (half of a UTF-16 surrogate pair, as JSON can escape it) is refused in every text
 * field of a correctly signed Gate request, before anything is written: 3024 in the payment id (not a printable
 * character), 502 naming any other field.
 */
class GateRequestsTextTest {

    private static final String SECRET = "gate-text-secret";
    private static final Project PROJECT = new Project(
            239,
            SECRET,
            Optional.empty(),
            true,
            Set.of(CurrencyUnit.of("EUR")),
            Duration.ofSeconds(10),
            Duration.ofMinutes(2),
            Map.of(),
            SandboxSettings.NORMAL,
            List.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GateRequests requests = new GateRequests(
            new InMemoryProjectDirectory(List.of(PROJECT)),
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    private static String signedSale(Consumer<ObjectNode> change) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("general").put("project_id", 239).put("payment_id", "order-1");
        body.putObject("customer").put("id", "customer-1").put("ip_address", "198.51.100.7");
        body.putObject("account")
                .put("number", "4619000000000000017")
                .put("expiration", "12/2030")
                .put("security_code", "1234");
        body.putObject("payment").put("amount", 1_500).put("currency", "EUR").put("description", "a book");
        change.accept(body);
        return new Signer(SECRET).signInGeneral(body).toString();
    }

    private static void set(ObjectNode body, String path, String value) {
        String[] parts = path.split("\\.");
        ((ObjectNode) body.get(parts[0])).put(parts[1], value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            general.payment_id  | 3024
            customer.id         | 502
            payment.description | 502
            customer.ip_address | 502
            payment.currency    | 502
            account.number      | 502
            """)
    void a_lone_surrogate_is_refused_naming_the_field(String field, String code) {
        for (String lone : List.of("\ud800", "order-\udc00", "x\ud83d")) {
            String body = signedSale(b -> set(b, field, lone));
            GateRejection rejection = assertThrows(GateRejection.class, () -> requests.sale(body), lone::toString);
            assertEquals(code, rejection.code().code(), field);
            assertEquals(field, rejection.field());
        }
    }

    @Test
    void a_whole_surrogate_pair_is_ordinary_text() {
        SaleCommand sale = requests.sale(signedSale(b -> {
            set(b, "general.payment_id", "order-\ud83d\ude00");
            set(b, "customer.id", "customer-\ud83d\ude00");
            set(b, "payment.description", "a book \ud83d\udcd6");
        }));
        assertEquals("order-\ud83d\ude00", sale.key().paymentId());
    }

    @Test
    void a_payout_and_a_status_request_are_held_to_the_same_rules() {
        ObjectNode payout = JSON.createObjectNode();
        payout.putObject("general").put("project_id", 239).put("payment_id", "payout-1");
        payout.putObject("customer").put("id", "customer-\udfff").put("ip_address", "198.51.100.7");
        payout.putObject("payment").put("amount", 1_500).put("currency", "EUR");
        GateRejection refused = assertThrows(
                GateRejection.class,
                () -> requests.payout(new Signer(SECRET).signInGeneral(payout).toString()));
        assertEquals(ResultCode.VALIDATION_ERROR, refused.code());
        assertEquals("customer.id", refused.field());

        ObjectNode status = JSON.createObjectNode();
        status.putObject("general").put("project_id", 239).put("payment_id", "\ud800");
        assertEquals(
                ResultCode.INVALID_PAYMENT_ID,
                assertThrows(
                                GateRejection.class,
                                () -> requests.statusRequest(
                                        new Signer(SECRET).signInGeneral(status).toString()))
                        .code());
    }
}
