package dev.jetonvoucher.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.memory.InMemoryWorkQueues.Delivery;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Queue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the simulated queues do beyond the contract: SQS's timeouts and redrive, and the faults a simulation asks for. */
class InMemoryWorkQueuesTest {

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryWorkQueues queues = new InMemoryWorkQueues(clock);

    @Test
    void an_undeleted_message_comes_back_when_its_queues_visibility_timeout_ends() {
        queues.send(Queue.CALLBACK, "{}", Duration.ZERO);
        queues.receive(Queue.CALLBACK, 10);

        clock.advance(Duration.ofSeconds(359));
        assertEquals(List.of(), queues.receive(Queue.CALLBACK, 10));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, queues.receive(Queue.CALLBACK, 10).get(0).receiveCount());
    }

    @Test
    void a_message_received_five_times_moves_to_the_dead_letter_queue_on_the_sixth() {
        queues.send(Queue.POLL, "{\"poll\":1}", Duration.ZERO);
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, queues.receive(Queue.POLL, 10).get(0).receiveCount());
            clock.advance(Queue.POLL.visibilityTimeout());
        }

        assertEquals(List.of(), queues.receive(Queue.POLL, 10));
        assertEquals(List.of("{\"poll\":1}"), queues.deadLetters(Queue.POLL));
        assertTrue(queues.isEmpty());
    }

    @Test
    void a_simulation_may_deliver_out_of_order_twice_and_late() {
        long first = queues.send(Queue.DISPATCH, "first", Duration.ZERO);
        long second = queues.send(Queue.DISPATCH, "second", Duration.ZERO);

        Delivery outOfOrder = queues.receive(second).orElseThrow();
        Delivery twice = queues.receiveAgain(outOfOrder).orElseThrow();
        queues.postpone(first, Duration.ofSeconds(30));

        assertEquals("second", twice.body());
        assertEquals(2, twice.receiveCount());
        assertEquals(List.of(), queues.receive(Queue.DISPATCH, 10), "the first is late, the second in flight");
        assertEquals(clock.instant().plusSeconds(30), queues.nextVisibleAt().orElseThrow());
        assertTrue(queues.delete(outOfOrder));
        assertEquals(false, queues.delete(twice), "one deletion acknowledges every copy");
    }
}
