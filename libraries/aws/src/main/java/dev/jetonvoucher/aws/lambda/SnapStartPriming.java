package dev.jetonvoucher.aws.lambda;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The SnapStart runtime hook of a Lambda container: before Lambda takes the snapshot, the container's wiring runs
 * its priming ({@link Wiring#primeForSnapshot()}), so the classes, JIT-compiled code and warmed clients of a real
 * request are in the snapshot and a restored container serves its first request without paying for them.
 */
final class SnapStartPriming implements Resource {

    /** CRaC holds resources weakly: this reference keeps the hook alive as long as the container. */
    private static volatile SnapStartPriming registered;

    private final Wiring wiring;

    private SnapStartPriming(Wiring wiring) {
        this.wiring = wiring;
    }

    static synchronized void registerFor(Wiring wiring) {
        if (registered == null) {
            registered = new SnapStartPriming(wiring);
            Core.getGlobalContext().register(registered);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        wiring.primeForSnapshot();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: the wiring holds no unique value (ids and nonces come from SecureRandom, which Lambda
        // reseeds on restore), and the SDK retries a pooled connection that did not survive the snapshot.
    }
}
