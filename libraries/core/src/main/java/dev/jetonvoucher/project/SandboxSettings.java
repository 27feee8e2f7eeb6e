package dev.jetonvoucher.project;

import java.time.Duration;

/**
 * How the Jeton sandbox provider behaves for a project (the project file's {@code sandbox} object).
 *
 * @param providerNotifications whether and how the provider reports results
 * @param providerDelay how long the provider takes before it has a result
 * @param providerOutage how long after a payment's acceptance the provider cannot be reached: hand-overs fail as a
 *                       refused connection would, and the platform retries them ({@code provider_outage_seconds})
 * @param providerCancels whether the provider honours a cancel of an operation it has no result for yet
 *                        ({@code provider_cancels}, default true); when false it answers that the operation cannot be
 *                        stopped, so a result after the limit time must be compensated (reversed or voided)
 */
public record SandboxSettings(
        NotificationMode providerNotifications,
        Duration providerDelay,
        Duration providerOutage,
        boolean providerCancels) {

    /** The defaults: the provider notifies at once. */
    public static final SandboxSettings NORMAL = new SandboxSettings(NotificationMode.NORMAL, Duration.ZERO);

    public SandboxSettings {
        if (providerNotifications == null) {
            throw new IllegalArgumentException("sandbox.provider_notifications is required");
        }
        if (providerDelay == null || providerDelay.isNegative()) {
            throw new IllegalArgumentException("sandbox.provider_delay_seconds must be 0 or more");
        }
        if (providerOutage == null || providerOutage.isNegative()) {
            throw new IllegalArgumentException("sandbox.provider_outage_seconds must be 0 or more");
        }
    }

    /** A provider that can always be reached. */
    public SandboxSettings(NotificationMode providerNotifications, Duration providerDelay) {
        this(providerNotifications, providerDelay, Duration.ZERO);
    }

    /** A provider that honours cancels. */
    public SandboxSettings(NotificationMode providerNotifications, Duration providerDelay, Duration providerOutage) {
        this(providerNotifications, providerDelay, providerOutage, true);
    }

    public enum NotificationMode {
        /** The provider notifies the platform of each result. */
        NORMAL("normal"),
        /** The provider never notifies; the platform learns results only by polling after the base time. */
        DROP("drop"),
        /** The provider keeps every payment processing, so the limit time declines it (20602). */
        STUCK("stuck");

        private final String wire;

        NotificationMode(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static NotificationMode fromWire(String value) {
            for (NotificationMode mode : values()) {
                if (mode.wire.equals(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException(
                    "sandbox.provider_notifications must be one of normal, drop, stuck (got \"" + value + "\")");
        }
    }
}
