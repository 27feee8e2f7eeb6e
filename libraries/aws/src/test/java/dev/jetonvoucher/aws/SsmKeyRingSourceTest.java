package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.MutableClock;
import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The platform keys as the functions read them: SecureString parameters of SSM Parameter Store (moto serves it). */
class SsmKeyRingSourceTest {

    static final VoucherData VOUCHER = new VoucherData("4619000000000000017", YearMonth.of(2030, 12), "7391");
    static SsmClient ssm;
    static SsmParameters parameters;
    final String path = "/jeton-voucher-test-" + UUID.randomUUID() + "/keys";

    @BeforeAll
    static void clients() {
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        var credentials = endpoint.credentials().resolveCredentials();
        parameters = AwsClients.newSsmParameters(new Environment(Map.of(
                "AWS_ENDPOINT_URL",
                endpoint.endpoint().toString(),
                "AWS_REGION",
                endpoint.region().id(),
                "AWS_ACCESS_KEY_ID",
                credentials.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY",
                credentials.secretAccessKey())));
        ssm = SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint.endpoint())
                .region(endpoint.region())
                .credentialsProvider(endpoint.credentials())
                .build();
    }

    @AfterAll
    static void close() {
        ssm.close();
    }

    void put(String name, String value) {
        ssm.putParameter(
                r -> r.name(name).type(ParameterType.SECURE_STRING).value(value).overwrite(true));
    }

    SsmKeyRingSource source(String name) {
        return new SsmKeyRingSource(() -> parameters, () -> name);
    }

    @Test
    void the_current_key_and_during_a_rotation_the_previous_one_are_read_with_one_call() {
        String current = VoucherTransitCipher.newKey();
        String previous = VoucherTransitCipher.newKey();
        put(path + "/voucher-transit-key", current);
        put(path + "/voucher-transit-key-previous", previous);

        assertEquals(
                KeyRing.of(current, previous),
                source(path + "/voucher-transit-key").load());
    }

    @Test
    void without_a_previous_parameter_the_ring_holds_the_current_key_alone() {
        put(path + "/provider-signing-key", "p".repeat(40));
        assertEquals(
                KeyRing.of("p".repeat(40)),
                source(path + "/provider-signing-key").load());
    }

    @Test
    void a_missing_current_key_is_an_error_naming_its_parameter_and_how_to_write_it() {
        IllegalStateException error = assertThrows(
                IllegalStateException.class,
                () -> source(path + "/voucher-transit-key").load());
        assertTrue(error.getMessage().contains(path + "/voucher-transit-key does not exist"), error.getMessage());
        assertTrue(error.getMessage().contains("aws ssm put-parameter"), error.getMessage());
    }

    @Test
    void a_rotation_written_to_ssm_reaches_a_warm_function_after_the_cache_time_without_a_redeploy() {
        String oldKey = VoucherTransitCipher.newKey();
        String newKey = VoucherTransitCipher.newKey();
        String name = path + "/voucher-transit-key";
        put(name, oldKey);
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
        VoucherTransitCipher cipher =
                new VoucherTransitCipher(new CachedKeyRing("voucher transit key", source(name), clock));
        String sealedBefore = cipher.seal(VOUCHER, 7);

        put(name + "-previous", oldKey);
        put(name, newKey);
        clock.advance(CachedKeyRing.DEFAULT_MAX_AGE);

        String sealedAfter = cipher.seal(VOUCHER, 8);
        assertTrue(sealedAfter.startsWith(KeyRing.Key.of(newKey).id() + "."), "sealed with the new key");
        assertEquals(VOUCHER, cipher.open(sealedBefore, 7));
    }
}
