package dev.jetonvoucher.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sibling orders the one-pass walk uses agree with their general definition. */
class SignOrderTest {

    @Test
    void the_java_index_order_written_from_the_digits_equals_sorting_the_decimal_keys() {
        for (int size = 0; size <= 1_200; size++) {
            assertArrayEquals(
                    SignOrder.JAVA.indexOrderByMembers(size, index -> index % 2 == 0),
                    SignOrder.JAVA.indexOrder(size, index -> false),
                    "size " + size);
        }
        assertArrayEquals(new int[] {0, 10, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9}, SignOrder.JAVA.indexOrder(12, i -> false));
    }

    @Test
    void the_natural_index_order_is_numeric_whatever_the_elements_are() {
        Random random = new Random(3);
        for (int size = 0; size <= 300; size++) {
            boolean[] containers = new boolean[size];
            for (int i = 0; i < size; i++) {
                containers[i] = random.nextBoolean();
            }
            assertArrayEquals(
                    SignOrder.NATURAL.indexOrderByMembers(size, index -> containers[index]),
                    SignOrder.NATURAL.indexOrder(size, index -> containers[index]),
                    "size " + size);
        }
    }

    @Test
    void the_path_index_order_depends_on_which_elements_are_containers() {
        // index 1 as a scalar ends its path ("1" before "10"); as a container it continues with ':' (after "10")
        assertArrayEquals(new int[] {0, 1, 10, 2, 3, 4, 5, 6, 7, 8, 9}, SignOrder.PATH.indexOrder(11, index -> false));
        assertArrayEquals(
                new int[] {0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9}, SignOrder.PATH.indexOrder(11, index -> index == 1));
        assertNotEquals(0, SignOrder.PATH.compareMembers("a", false, "a2", true));
    }
}
