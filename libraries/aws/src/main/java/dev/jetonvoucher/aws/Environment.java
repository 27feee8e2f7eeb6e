package dev.jetonvoucher.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to a function's environment (the variables template.yaml sets). Takes a map so the local
 * sandbox can hand a function the environment the template gives it; {@link #system()} is the deployed case.
 * A missing or blank variable fails only when it is asked for, naming it.
 */
public final class Environment {

    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String PAYMENTS_TABLE = "PAYMENTS_TABLE";
    public static final String BALANCES_TABLE = "BALANCES_TABLE";
    public static final String PROJECTS_TABLE = "PROJECTS_TABLE";
    public static final String VOUCHER_LEDGER_TABLE = "VOUCHER_LEDGER_TABLE";
    public static final String DASHBOARD_SESSIONS_TABLE = "DASHBOARD_SESSIONS_TABLE";
    public static final String DISPATCH_QUEUE_URL = "DISPATCH_QUEUE_URL";
    public static final String STATUS_POLL_QUEUE_URL = "STATUS_POLL_QUEUE_URL";
    public static final String PROVIDER_NOTIFICATION_QUEUE_URL = "PROVIDER_NOTIFICATION_QUEUE_URL";
    public static final String MERCHANT_CALLBACK_QUEUE_URL = "MERCHANT_CALLBACK_QUEUE_URL";
    public static final String MERCHANT_CALLBACK_DLQ_URL = "MERCHANT_CALLBACK_DLQ_URL";
    public static final String COMPENSATION_DLQ_URL = "COMPENSATION_DLQ_URL";
    public static final String EXPORT_BUCKET = "EXPORT_BUCKET";
    public static final String EXPORT_QUEUE_URL = "EXPORT_QUEUE_URL";
    public static final String PROJECT_SECRETS_PATH = "PROJECT_SECRETS_PATH";
    /** The SSM parameter holding the provider signing key; set only for the functions that use the key. */
    public static final String PROVIDER_SIGNING_KEY_PARAMETER = "PROVIDER_SIGNING_KEY_PARAMETER";
    /** The SSM parameter holding the voucher transit key; set only for the functions that use the key. */
    public static final String VOUCHER_TRANSIT_KEY_PARAMETER = "VOUCHER_TRANSIT_KEY_PARAMETER";

    /**
     * Which provider connector the platform uses (template parameter ProviderConnector): {@code in-process-emulator}
     * (the default: the emulator runs inside the calling function) or {@code http} ({@link HttpJetonProvider}).
     */
    public static final String PROVIDER_CONNECTOR = "PROVIDER_CONNECTOR";
    /** Where the HTTP connector finds the provider (ProviderBaseUrl); blank: this stack's own emulator service. */
    public static final String PROVIDER_BASE_URL = "PROVIDER_BASE_URL";
    /** This stack's emulator service, ProviderEmulatorApi (the sandbox: its gateway). */
    public static final String PROVIDER_EMULATOR_URL = "PROVIDER_EMULATOR_URL";
    /** This stack's HTTP API, {@code https://<api>.execute-api.<region>.amazonaws.com} (the sandbox: its gateway). */
    public static final String PLATFORM_API_URL = "PLATFORM_API_URL";
    /** The emulator service's IPN queue: its notifications wait there for their delay, then go out over HTTP. */
    public static final String PROVIDER_EMULATOR_IPN_QUEUE_URL = "PROVIDER_EMULATOR_IPN_QUEUE_URL";

    public static final String IN_PROCESS_EMULATOR = "in-process-emulator";
    public static final String HTTP_CONNECTOR = "http";

    /** How long the platform keys read are used before they are read again, in seconds (default 300). */
    public static final String PLATFORM_KEYS_CACHE_SECONDS = "PLATFORM_KEYS_CACHE_SECONDS";

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /**
     * @throws IllegalStateException naming the variable when it is missing or blank
     */
    public String required(String name) {
        return optional(name).orElseThrow(() -> notSet(name));
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The error for a variable a deployment should have set. */
    public static IllegalStateException notSet(String name) {
        return new IllegalStateException(name + " is not set: deploy with template.yaml or run bin/sandbox");
    }

    public String paymentsTable() {
        return required(PAYMENTS_TABLE);
    }

    public String balancesTable() {
        return required(BALANCES_TABLE);
    }

    public String projectsTable() {
        return required(PROJECTS_TABLE);
    }

    public String voucherLedgerTable() {
        return required(VOUCHER_LEDGER_TABLE);
    }

    /** Set for the dashboard and export functions only (template.yaml gives it to no other). */
    public String dashboardSessionsTable() {
        return required(DASHBOARD_SESSIONS_TABLE);
    }

    /** Set for the export functions only: the bucket their files are written to and downloaded from. */
    public String exportBucket() {
        return required(EXPORT_BUCKET);
    }

    /** Set for the export function only: where it hands export jobs to the export worker. */
    public String exportQueueUrl() {
        return required(EXPORT_QUEUE_URL);
    }

    public String dispatchQueueUrl() {
        return required(DISPATCH_QUEUE_URL);
    }

    public String statusPollQueueUrl() {
        return required(STATUS_POLL_QUEUE_URL);
    }

    public String providerNotificationQueueUrl() {
        return required(PROVIDER_NOTIFICATION_QUEUE_URL);
    }

    public String merchantCallbackQueueUrl() {
        return required(MERCHANT_CALLBACK_QUEUE_URL);
    }

    public String merchantCallbackDlqUrl() {
        return required(MERCHANT_CALLBACK_DLQ_URL);
    }

    public String compensationDlqUrl() {
        return required(COMPENSATION_DLQ_URL);
    }

    public String projectSecretsPath() {
        return required(PROJECT_SECRETS_PATH);
    }

    /** The name of the SSM parameter with the provider signing key (never the key itself). */
    public String providerSigningKeyParameter() {
        return required(PROVIDER_SIGNING_KEY_PARAMETER);
    }

    /** The name of the SSM parameter with the voucher transit key (never the key itself). */
    public String voucherTransitKeyParameter() {
        return required(VOUCHER_TRANSIT_KEY_PARAMETER);
    }

    /** How long a key ring read from SSM is used before it is read again: 5 minutes unless the template says. */
    public Duration platformKeysCacheTime() {
        String seconds = optional(PLATFORM_KEYS_CACHE_SECONDS).orElse("300");
        try {
            long value = Long.parseLong(seconds);
            if (value >= 1) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalStateException(
                PLATFORM_KEYS_CACHE_SECONDS + " must be a whole number of seconds >= 1, not " + seconds);
    }

    /** {@link #IN_PROCESS_EMULATOR} unless the template says {@link #HTTP_CONNECTOR}. */
    public String providerConnector() {
        String connector = optional(PROVIDER_CONNECTOR).orElse(IN_PROCESS_EMULATOR);
        if (!connector.equals(IN_PROCESS_EMULATOR) && !connector.equals(HTTP_CONNECTOR)) {
            throw new IllegalStateException(PROVIDER_CONNECTOR + " must be " + IN_PROCESS_EMULATOR + " or "
                    + HTTP_CONNECTOR + ", not " + connector);
        }
        return connector;
    }

    /** The provider's base URL for the HTTP connector: PROVIDER_BASE_URL, else this stack's emulator service. */
    public java.net.URI providerBaseUrl() {
        return java.net.URI.create(optional(PROVIDER_BASE_URL).orElseGet(() -> required(PROVIDER_EMULATOR_URL)));
    }

    /** Where the emulator service sends its IPNs: this stack's provider notification route. */
    public java.net.URI providerNotificationUrl() {
        String api = required(PLATFORM_API_URL);
        return java.net.URI.create(
                (api.endsWith("/") ? api.substring(0, api.length() - 1) : api) + "/provider/jeton/notifications");
    }

    /** Never prints values: some are secrets. */
    @Override
    public String toString() {
        return "Environment" + variables.keySet().stream().sorted().toList();
    }
}
