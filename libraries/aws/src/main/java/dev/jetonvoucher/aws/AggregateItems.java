package dev.jetonvoucher.aws;

import static dev.jetonvoucher.aws.Items.bool;
import static dev.jetonvoucher.aws.Items.n;
import static dev.jetonvoucher.aws.Items.s;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.PaymentAggregates;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Change;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The aggregate counters ({@link PaymentAggregates}) as PaymentsTable items: one item per project, shard and UTC
 * day, {@code pk = "AGG#<project_id>#<shard>"}, {@code sk = "DAY#<yyyy-mm-dd>"}, with two numbers per bucket of
 * that day: {@code count_<status>_<type>_<currency>} and {@code amount_<status>_<type>_<currency>} (minor units).
 *
 * <p>Why shards: every payment of a busy project would otherwise write the same item, twice (created, finished),
 * in a transaction; one item (one partition key) takes about 1,000 write units a second and transactions that touch
 * it at the same moment cancel each other. A payment's writes go to the shard its id hashes to, so a project's load
 * spreads over {@link #SHARDS} partition keys (1,000 payments a second are about 60 transactions a second per
 * item) and each shard's counts stay non-negative; a read sums the shards. The items carry no {@code project_id}
 * or {@code created_key}, so the {@code by-project-created-keys} index never lists them.
 *
 * <p>Why day items: summing 32 shards of every day of a period is 32 keys a day to read, and the shards of a day that
 * saw many payments carry every bucket, so a view of a busy month read nearly a thousand full items. A day is written
 * to its shards only while it is <em>open</em> (until the end of the next UTC day: a payment created late in the
 * evening finishes early the next morning); once it is <em>settled</em> its rare late changes (a result after a long
 * time-out, a correction) go straight to its one day item, {@code pk = "AGG#<project_id>#days"}, {@code sk =
 * "DAY#<day>"}. A reader {@link #fold folds} a settled day's shards into its day item once no write that saw the day
 * open can still be in flight ({@link #FOLD_MARGIN} after it settled): one transaction that adds the shards' counts,
 * marks the day item {@code folded} and deletes each shard on the version it was read at. A folded period is one
 * Query of its day items; only the open days' shards are still read by key.
 */
final class AggregateItems {

    /** Fixed: a reader sums exactly these shards. Changing it needs a rebuild of every day (bin/rebuild-aggregates). */
    static final int SHARDS = 32;

    /**
     * How long after a day settles its shards may be folded: longer than any write can take between the moment it
     * reads the clock and its commit (a function's timeout is at most 15 minutes), plus the skew between clocks.
     */
    static final Duration FOLD_MARGIN = Duration.ofHours(1);

    static final String PREFIX = "AGG#";
    static final String DAY_PREFIX = "DAY#";
    private static final String DAYS = "#days";
    private static final String FOLDED = "folded";
    /** A shard's version, counted up by every write, so that a fold deletes only the shard it summed. */
    private static final String VERSION = "v";

    private static final String COUNT = "count_";
    private static final String AMOUNT = "amount_";

    private AggregateItems() {}

    static int shardOf(PaymentKey key) {
        // String.hashCode is specified, so every container picks the same shard for a payment.
        return Math.floorMod(key.paymentId().hashCode(), SHARDS);
    }

    static Map<String, AttributeValue> key(long projectId, int shard, LocalDate day) {
        return Map.of("pk", s(pk(projectId, shard)), "sk", s(sk(day)));
    }

    static String pk(long projectId, int shard) {
        return PREFIX + projectId + "#" + String.format("%02d", shard);
    }

    static String sk(LocalDate day) {
        return DAY_PREFIX + day;
    }

    /** The partition of a project's day items, one per settled day. */
    static String daysPk(long projectId) {
        return PREFIX + projectId + DAYS;
    }

    static Map<String, AttributeValue> dayKey(long projectId, LocalDate day) {
        return Map.of("pk", s(daysPk(projectId)), "sk", s(sk(day)));
    }

    /** Whether {@code day} takes no more shard writes at {@code now}: from the start of the day after next (UTC). */
    static boolean settled(LocalDate day, Instant now) {
        return !now.isBefore(settledAt(day));
    }

    /** Whether {@code day}'s shards may be folded at {@code now}: {@link #FOLD_MARGIN} after it settled. */
    static boolean foldable(LocalDate day, Instant now) {
        return !now.isBefore(settledAt(day).plus(FOLD_MARGIN));
    }

    private static Instant settledAt(LocalDate day) {
        return day.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static boolean folded(Map<String, AttributeValue> dayItem) {
        return dayItem != null && Items.bool(dayItem, FOLDED);
    }

    static LocalDate day(Map<String, AttributeValue> item) {
        return LocalDate.parse(item.get("sk").s().substring(DAY_PREFIX.length()));
    }

    /**
     * The counter update for one payment's changes (all on its creation day, so one item): atomic ADDs to the
     * payment's shard of an open day, or to the day item of a settled one.
     */
    static Update update(String table, PaymentKey payment, List<Change> changes, Instant now) {
        LocalDate day = changes.get(0).bucket().day();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Change change : changes) {
            if (!change.bucket().day().equals(day)) {
                throw new IllegalArgumentException("one payment's changes are all of its creation day: " + changes);
            }
            String suffix = suffix(change.bucket());
            adds.add("#" + COUNT + suffix + " :c" + i);
            adds.add("#" + AMOUNT + suffix + " :a" + i);
            values.put(":c" + i, n(change.tally().count()));
            values.put(":a" + i, n(change.tally().amount()));
            i++;
        }
        if (settled(day, now)) {
            return Items.itemUpdate(
                    table, dayKey(payment.projectId(), day), "ADD " + String.join(", ", adds), null, values);
        }
        adds.add("#" + VERSION + " :one");
        values.put(":one", n(1));
        return Items.itemUpdate(
                table, key(payment.projectId(), shardOf(payment), day), "ADD " + String.join(", ", adds), null, values);
    }

    /**
     * The fold of a day's shards into its day item, as one transaction: the shards' sums added to the day item and it
     * marked folded (unless another reader folded it first), each shard read deleted on the version it was read at, and
     * each shard not read checked still absent; so the transaction commits only if the shards are what was summed.
     *
     * @param shards the day's shard items as read (consistently), absent ones left out
     */
    static List<TransactWriteItem> fold(
            String table, long projectId, LocalDate day, List<Map<String, AttributeValue>> shards) {
        Map<Bucket, Tally> sums = new TreeMap<>();
        Map<String, Map<String, AttributeValue>> read = new LinkedHashMap<>();
        for (Map<String, AttributeValue> shard : shards) {
            addTo(sums, shard);
            read.put(shard.get("pk").s(), shard);
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":folded", bool(true));
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Bucket, Tally> sum : sums.entrySet()) {
            String suffix = suffix(sum.getKey());
            adds.add("#" + COUNT + suffix + " :c" + i);
            adds.add("#" + AMOUNT + suffix + " :a" + i);
            values.put(":c" + i, n(sum.getValue().count()));
            values.put(":a" + i, n(sum.getValue().amount()));
            i++;
        }
        String update = "SET #" + FOLDED + " = :folded" + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder()
                .update(Items.itemUpdate(
                        table, dayKey(projectId, day), update, "attribute_not_exists(#" + FOLDED + ")", values))
                .build());
        for (int shard = 0; shard < SHARDS; shard++) {
            Map<String, AttributeValue> key = key(projectId, shard, day);
            Map<String, AttributeValue> shardRead = read.get(pk(projectId, shard));
            if (shardRead == null) {
                String absent = "attribute_not_exists(#pk)";
                writes.add(TransactWriteItem.builder()
                        .conditionCheck(ConditionCheck.builder()
                                .tableName(table)
                                .key(key)
                                .conditionExpression(absent)
                                .expressionAttributeNames(Items.names(absent))
                                .build())
                        .build());
            } else {
                AttributeValue version = shardRead.get(VERSION);
                // Shards written before versions were counted have none: such a shard must still have none.
                String unchanged = version == null ? "attribute_not_exists(#" + VERSION + ")" : "#" + VERSION + " = :v";
                Delete.Builder delete = Delete.builder()
                        .tableName(table)
                        .key(key)
                        .conditionExpression(unchanged)
                        .expressionAttributeNames(Items.names(unchanged));
                if (version != null) {
                    delete.expressionAttributeValues(Map.of(":v", version));
                }
                writes.add(TransactWriteItem.builder().delete(delete.build()).build());
            }
        }
        return writes;
    }

    /** A whole day's totals as its folded day item (what a rebuild writes for a foldable day). */
    static Map<String, AttributeValue> foldedDayItem(long projectId, LocalDate day, Map<Bucket, Tally> totals) {
        Map<String, AttributeValue> item = item(projectId, 0, day, totals);
        item.putAll(dayKey(projectId, day));
        item.put(FOLDED, bool(true));
        return item;
    }

    /** A whole day's totals as one shard item (a rebuild of a day not yet foldable writes it to shard 0). */
    static Map<String, AttributeValue> item(long projectId, int shard, LocalDate day, Map<Bucket, Tally> totals) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(projectId, shard, day));
        totals.forEach((bucket, tally) -> {
            if (bucket.day().equals(day) && !tally.isZero()) {
                item.put(COUNT + suffix(bucket), n(tally.count()));
                item.put(AMOUNT + suffix(bucket), n(tally.amount()));
            }
        });
        return item;
    }

    /** Adds one shard or day item's buckets to {@code totals}. */
    static void addTo(Map<Bucket, Tally> totals, Map<String, AttributeValue> item) {
        LocalDate day = day(item);
        List<Change> changes = new ArrayList<>();
        item.forEach((name, value) -> {
            if (name.startsWith(COUNT)) {
                String suffix = name.substring(COUNT.length());
                AttributeValue amount = item.get(AMOUNT + suffix);
                changes.add(new Change(
                        bucket(day, suffix),
                        new Tally(Long.parseLong(value.n()), amount == null ? 0 : Long.parseLong(amount.n()))));
            }
        });
        PaymentAggregates.apply(totals, changes);
    }

    private static String suffix(Bucket bucket) {
        return bucket.status().wire() + "_" + bucket.type().wire() + "_"
                + bucket.currency().code();
    }

    private static Bucket bucket(LocalDate day, String suffix) {
        String[] parts = suffix.split("_");
        if (parts.length != 3) {
            throw new IllegalStateException("not an aggregate counter: " + suffix);
        }
        return new Bucket(
                day, PaymentStatus.fromWire(parts[0]), OperationType.fromWire(parts[1]), CurrencyUnit.of(parts[2]));
    }
}
