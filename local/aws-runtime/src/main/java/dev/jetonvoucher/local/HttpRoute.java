package dev.jetonvoucher.local;

/**
 * An HttpApi event of a function. A SAM HttpApi event without Method and Path is the catch-all
 * route, represented as method ANY and path {@code $default}.
 */
public record HttpRoute(String eventName, String method, String path) {}
