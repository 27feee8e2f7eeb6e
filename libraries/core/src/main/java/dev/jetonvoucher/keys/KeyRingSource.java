package dev.jetonvoucher.keys;

/**
 * Where a platform key ring is kept: SSM Parameter Store deployed and in the sandbox (its adapter is in
 * {@code libraries/aws}); a fixed ring in tests.
 */
@FunctionalInterface
public interface KeyRingSource {

    /**
     * Reads the ring as it is now.
     *
     * @throws IllegalStateException when the current key is not there, or the store cannot be read
     */
    KeyRing load();
}
