package dev.jetonvoucher.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    static final String OLD = "old-provider-key-0123456789abcdef0123456789";
    static final String NEW = "new-provider-key-0123456789abcdef0123456789";
    static final String THIRD = "third-provider-key-0123456789abcdef01234567";

    @Test
    void signs_with_the_current_key_and_accepts_current_and_previous() {
        KeyRing ring = KeyRing.of(NEW, OLD);
        assertEquals(NEW, ring.current().secret());
        assertEquals(
                List.of(NEW, OLD), ring.keys().stream().map(KeyRing.Key::secret).toList());
        assertEquals(Optional.of(OLD), ring.find(KeyRing.Key.of(OLD).id()).map(KeyRing.Key::secret));
        assertTrue(ring.find(KeyRing.Key.of(THIRD).id()).isEmpty(), "a third key is not accepted");
    }

    @Test
    void a_key_id_is_derived_from_the_key_the_same_everywhere_and_gives_nothing_away() {
        assertEquals(
                KeyRing.Key.of(NEW).id(), KeyRing.Key.of(" " + NEW + "\n").id(), "a value read back with a newline");
        assertNotEquals(KeyRing.Key.of(NEW).id(), KeyRing.Key.of(OLD).id());
        assertEquals(8, KeyRing.Key.of(NEW).id().length());
        assertFalse(NEW.contains(KeyRing.Key.of(NEW).id()));
        assertFalse(KeyRing.of(NEW, OLD).toString().contains(NEW), "never printed");
    }

    @Test
    void without_a_previous_key_or_with_the_same_one_twice_only_the_current_is_accepted() {
        assertEquals(1, KeyRing.of(NEW).keys().size());
        assertEquals(1, KeyRing.of(NEW, "").keys().size());
        assertEquals(1, KeyRing.of(NEW, NEW).keys().size());
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of(" "));
    }
}
