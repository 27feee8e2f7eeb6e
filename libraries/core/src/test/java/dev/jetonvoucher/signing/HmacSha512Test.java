package dev.jetonvoucher.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha512Test {

    @Test
    void computes_the_rfc_4231_test_vectors() {
        byte[] twenty0b = filled(20, 0x0b);
        byte[] largerThanABlock = filled(131, 0xaa);
        assertEquals(
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                        + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
                hex(twenty0b, "Hi There"));
        assertEquals(
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
                hex("Jefe".getBytes(UTF_8), "what do ya want for nothing?"));
        assertEquals(
                "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                        + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
                hex(largerThanABlock, "Test Using Larger Than Block-Size Key - Hash Key First"));
        assertEquals(
                "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
                        + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
                hex(
                        largerThanABlock,
                        "This is a test using a larger than block-size key and a larger than block-size data. The"
                                + " key needs to be hashed before being used by the HMAC algorithm."));
    }

    @Test
    void equals_the_jdks_hmac_for_keys_and_messages_around_the_block_size() throws Exception {
        Random random = new Random(4231);
        int[] keyLengths = {1, 20, 64, 127, 128, 129, 131, 300};
        int[] messageLengths = {0, 1, 111, 112, 127, 128, 129, 239, 240, 255, 256, 1_000, 4_330};
        for (int keyLength : keyLengths) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            Mac jdk = Mac.getInstance("HmacSHA512");
            jdk.init(new SecretKeySpec(key, "HmacSHA512"));
            HmacSha512 ours = new HmacSha512(key);
            for (int messageLength : messageLengths) {
                byte[] buffer = new byte[messageLength + 7];
                random.nextBytes(buffer);
                jdk.update(buffer, 3, messageLength);
                assertArrayEquals(
                        jdk.doFinal(),
                        ours.mac(buffer, 3, messageLength),
                        "key of " + keyLength + " bytes, message of " + messageLength + " bytes");
            }
        }
    }

    @Test
    void one_instance_gives_the_same_mac_every_time_and_the_key_can_be_wiped_after() {
        byte[] key = "s3cr3t-for-239".getBytes(UTF_8);
        HmacSha512 hmac = new HmacSha512(key);
        byte[] message = "amount:1000;currency:EUR".getBytes(UTF_8);
        byte[] first = hmac.mac(message, 0, message.length);
        hmac.mac(new byte[500], 0, 500);
        Arrays.fill(key, (byte) 0);

        assertArrayEquals(first, hmac.mac(message, 0, message.length));
    }

    @Test
    void an_empty_key_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new HmacSha512(new byte[0]));
    }

    private static String hex(byte[] key, String message) {
        byte[] bytes = message.getBytes(UTF_8);
        return HexFormat.of().formatHex(new HmacSha512(key).mac(bytes, 0, bytes.length));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
