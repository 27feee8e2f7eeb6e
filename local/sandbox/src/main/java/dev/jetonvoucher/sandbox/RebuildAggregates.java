package dev.jetonvoucher.sandbox;

import dev.jetonvoucher.analysis.AggregateRebuild;
import dev.jetonvoucher.aws.AwsClients;
import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.aws.Environment;
import dev.jetonvoucher.logging.Log;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code bin/rebuild-aggregates}: recounts a project's aggregates (the dashboard's totals and chart) from its
 * payments, day by day ({@link AggregateRebuild}), and prints one line per day: the payments counted and whether the
 * stored aggregates were right or are rebuilt. The PaymentsTable is the template's on an AWS account
 * ({@code --table}, with the environment's region and credentials) or a sandbox's on a local endpoint
 * ({@code --aws-endpoint URL [--state-prefix NAME]}, the table {@code NAME-PaymentsTable}).
 */
public final class RebuildAggregates {

    /** The first lines of bin/rebuild-aggregates --help (a test keeps them equal). */
    static final String USAGE = "usage: bin/rebuild-aggregates --project-id N --from YYYY-MM-DD --to YYYY-MM-DD\n"
            + "                              (--table PAYMENTS_TABLE | --aws-endpoint URL [--state-prefix NAME])";

    static final int MAX_DAYS = 366;

    private RebuildAggregates() {}

    public static void main(String[] args) {
        Log.configure(new PrintStream(OutputStream.nullOutputStream()), false);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException bad) {
            err.println("bin/rebuild-aggregates: " + bad.getMessage());
            err.println(USAGE);
            return 2;
        }
        Map<String, String> variables = new HashMap<>(System.getenv());
        if (options.awsEndpoint != null) {
            variables.put(Environment.AWS_ENDPOINT_URL, options.awsEndpoint);
            variables.putIfAbsent(Environment.AWS_REGION, "us-east-1");
        }
        try (DynamoDbClient dynamoDb = AwsClients.newDynamoDb(new Environment(variables))) {
            // The rebuild reads payments and writes aggregates only: no balance is touched.
            DynamoPaymentStore payments = new DynamoPaymentStore(dynamoDb, options.table, null);
            long counted = 0;
            int rebuilt = 0;
            for (AggregateRebuild.Day day :
                    new AggregateRebuild(payments).rebuild(options.projectId, options.from, options.to)) {
                long before =
                        day.before().values().stream().mapToLong(t -> t.count()).sum();
                out.println(day.day() + "  " + day.payments() + " payments  "
                        + (day.changed() ? "rebuilt (the aggregates counted " + before + ")" : "unchanged"));
                counted += day.payments();
                rebuilt += day.changed() ? 1 : 0;
            }
            out.println("project " + options.projectId + ": " + counted + " payments, " + rebuilt + " of "
                    + (ChronoUnit.DAYS.between(options.from, options.to) + 1) + " days rebuilt in " + options.table);
            return 0;
        }
    }

    static final class Options {
        long projectId;
        LocalDate from;
        LocalDate to;
        String table;
        String awsEndpoint;

        static Options parse(String[] args) {
            Options options = new Options();
            String prefix = null;
            Long projectId = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--project-id" -> projectId = number(require(value, args[i++]), "--project-id");
                    case "--from" -> options.from = day(require(value, args[i++]), "--from");
                    case "--to" -> options.to = day(require(value, args[i++]), "--to");
                    case "--table" -> options.table = require(value, args[i++]);
                    case "--aws-endpoint" -> options.awsEndpoint = require(value, args[i++]);
                    case "--state-prefix" -> prefix = SandboxState.requireValidName(require(value, args[i++]));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (projectId == null || options.from == null || options.to == null) {
                throw new IllegalArgumentException("--project-id, --from and --to are required");
            }
            options.projectId = projectId;
            if (options.from.isAfter(options.to)) {
                throw new IllegalArgumentException("--from " + options.from + " is after --to " + options.to);
            }
            if (ChronoUnit.DAYS.between(options.from, options.to) >= MAX_DAYS) {
                throw new IllegalArgumentException("at most " + MAX_DAYS + " days a run");
            }
            if (options.table != null && prefix != null) {
                throw new IllegalArgumentException("--table names the table; --state-prefix is for a sandbox's");
            }
            if (options.table == null) {
                if (options.awsEndpoint == null && System.getenv(Environment.AWS_ENDPOINT_URL) == null) {
                    throw new IllegalArgumentException("give --table (AWS) or --aws-endpoint URL (a sandbox's state)");
                }
                options.table = (prefix != null ? prefix : SandboxState.DEFAULT_NAME) + "-PaymentsTable";
            }
            return options;
        }

        private static String require(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static long number(String text, String option) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number, not " + text);
            }
        }

        private static LocalDate day(String text, String option) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " must be a date such as 2026-03-01, not " + text);
            }
        }
    }
}
