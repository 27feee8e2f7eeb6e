package dev.jetonvoucher.keys;

import dev.jetonvoucher.signing.HmacSha256;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform key and, during a rotation, the one it replaced: new signatures and seals use {@link #current()}, while
 * signatures and sealed data made with either key are accepted ({@link #keys()}). Each key has an id derived from it
 * (a MAC of a fixed label, so the id gives nothing of the key away) that sealed data carry, so they open with the
 * key that sealed them after the current key has changed.
 */
public final class KeyRing {

    /** One key and its id. Never printed: {@link #toString()} shows the id only. */
    public record Key(String id, String secret) {

        public Key {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret, "secret");
        }

        /** The key with its derived id: the same secret always has the same id, in every function. */
        public static Key of(String secret) {
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("a key must not be empty");
            }
            String key = secret.strip();
            return new Key(HexFormat.of().formatHex(HmacSha256.of(key).mac(ID_LABEL), 0, 4), key);
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private static final String ID_LABEL = "jeton-voucher/key-id/v1";

    private final Key current;
    private final Optional<Key> previous;

    private KeyRing(Key current, Optional<Key> previous) {
        this.current = Objects.requireNonNull(current, "current");
        this.previous = previous.filter(key -> !key.id().equals(current.id()));
    }

    /** A ring of one key: nothing being rotated. */
    public static KeyRing of(String currentSecret) {
        return new KeyRing(Key.of(currentSecret), Optional.empty());
    }

    /** @param previousSecret the key being replaced, still accepted; null or blank when there is none */
    public static KeyRing of(String currentSecret, String previousSecret) {
        return new KeyRing(
                Key.of(currentSecret),
                previousSecret == null || previousSecret.isBlank()
                        ? Optional.empty()
                        : Optional.of(Key.of(previousSecret)));
    }

    /** The key to sign and seal with. */
    public Key current() {
        return current;
    }

    public Optional<Key> previous() {
        return previous;
    }

    /** Every key accepted, the current one first. */
    public List<Key> keys() {
        return previous.map(old -> List.of(current, old)).orElse(List.of(current));
    }

    /** The accepted key with this id. */
    public Optional<Key> find(String id) {
        return keys().stream().filter(key -> key.id().equals(id)).findFirst();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyRing ring && ring.current.equals(current) && ring.previous.equals(previous);
    }

    @Override
    public int hashCode() {
        return Objects.hash(current, previous);
    }

    @Override
    public String toString() {
        return "KeyRing" + keys();
    }
}
