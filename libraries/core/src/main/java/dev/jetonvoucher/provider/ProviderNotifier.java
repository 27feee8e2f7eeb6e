package dev.jetonvoucher.provider;

import java.time.Duration;

/** How the sandbox provider's notifications travel to the platform (a queue here, HTTP for an outside provider). */
public interface ProviderNotifier {

    void send(String signedNotification, Duration delay);
}
