package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretScanTest {

    @Test
    void finds_a_code_as_a_whole_token_only() {
        assertTrue(SecretScan.holds("8317", "8317"));
        assertTrue(SecretScan.holds("{\"security_code\":\"8317\"}", "8317"));
        assertTrue(SecretScan.holds("code 8317/2027", "8317"));
        assertFalse(SecretScan.holds("1700000083170001", "8317"), "inside a random id");
        assertFalse(SecretScan.holds("2026-03-01T10:00:00.831700000Z", "8317"), "inside a timestamp");
        assertFalse(SecretScan.holds("ab8317", "8317"));
    }
}
