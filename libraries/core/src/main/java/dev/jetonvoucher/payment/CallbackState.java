package dev.jetonvoucher.payment;

import dev.jetonvoucher.model.IllegalStatusTransitionException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where the merchant's result callback of a finished payment stands. {@link #TRANSITIONS} is the whole lifecycle:
 * the workflow moves a callback only along it, and the store's conditions are tested against it.
 */
public enum CallbackState {
    /** The payment is not final yet. */
    NONE,
    /** Final, but the callback is not queued yet (a crash here is repaired by the next message for the payment). */
    PENDING,
    /** Queued for delivery (or being retried). */
    QUEUED,
    /** The merchant answered HTTP 200. */
    DELIVERED,
    /** Every try failed; the callback is in the dead-letter queue. */
    FAILED,
    /** The project has no callback URL: nothing to deliver. */
    NOT_CONFIGURED;

    /**
     * Every move a callback can make. NONE → PENDING when the payment finishes; PENDING → QUEUED once the signed
     * callback is queued, or NOT_CONFIGURED when the project has no URL; QUEUED → DELIVERED on HTTP 200, FAILED when
     * the schedule is used up, NOT_CONFIGURED when the URL was removed meanwhile. DELIVERED, FAILED and
     * NOT_CONFIGURED are final.
     */
    public static final Map<CallbackState, Set<CallbackState>> TRANSITIONS = transitions();

    private static Map<CallbackState, Set<CallbackState>> transitions() {
        Map<CallbackState, Set<CallbackState>> table = new EnumMap<>(CallbackState.class);
        for (CallbackState state : values()) {
            table.put(state, EnumSet.noneOf(CallbackState.class));
        }
        table.get(NONE).add(PENDING);
        table.get(PENDING).addAll(EnumSet.of(QUEUED, NOT_CONFIGURED));
        table.get(QUEUED).addAll(EnumSet.of(DELIVERED, FAILED, NOT_CONFIGURED));
        table.replaceAll((state, next) -> Set.copyOf(next));
        return java.util.Collections.unmodifiableMap(table);
    }

    public boolean canMoveTo(CallbackState next) {
        Objects.requireNonNull(next, "next");
        return TRANSITIONS.get(this).contains(next);
    }

    /**
     * @return {@code next}
     * @throws IllegalStatusTransitionException if the table has no such move
     */
    public CallbackState moveTo(CallbackState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStatusTransitionException("callback", name(), next.name());
        }
        return next;
    }

    /** No move leads out of it. */
    public boolean isFinal() {
        return TRANSITIONS.get(this).isEmpty();
    }
}
