package dev.jetonvoucher.bench.probe.crac;

/** jdk.crac.Context's shape: a resource that holds other resources. */
public abstract class Context<R extends Resource> implements Resource {

    protected Context() {}

    public abstract void register(R resource);
}
