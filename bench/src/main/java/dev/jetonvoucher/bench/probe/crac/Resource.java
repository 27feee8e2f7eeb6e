package dev.jetonvoucher.bench.probe.crac;

/**
 * The JDK side of a CRaC resource, as {@code org.crac} expects to find it (jdk.crac.Resource's shape). With
 * {@code -Dorg.crac.Core.Compat=dev.jetonvoucher.bench.probe.crac} the org.crac API that the functions use
 * registers its resources here, so a plain JDK can run the same hooks that Lambda SnapStart runs.
 */
public interface Resource {

    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
