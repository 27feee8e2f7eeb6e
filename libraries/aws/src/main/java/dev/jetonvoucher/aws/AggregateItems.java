package dev.jetonvoucher.aws;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
 */
final class AggregateItems {

    /** Fixed: a reader sums exactly these shards. Changing it needs a rebuild of every day (bin/rebuild-aggregates). */
    static final int SHARDS = 32;

    static final String PREFIX = "AGG#";
    static final String DAY_PREFIX = "DAY#";
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

    /** The counter update for one payment's changes (all on its creation day, so one item): atomic ADDs. */
    static Update update(String table, PaymentKey payment, List<Change> changes) {
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
        return Items.itemUpdate(
                table, key(payment.projectId(), shardOf(payment), day), "ADD " + String.join(", ", adds), null, values);
    }

    /** A whole day's totals as one item (the rebuild writes it to shard 0 and empties the others). */
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

    /** Adds one shard item's buckets to {@code totals}. */
    static void addTo(Map<Bucket, Tally> totals, Map<String, AttributeValue> item) {
        LocalDate day = LocalDate.parse(item.get("sk").s().substring(DAY_PREFIX.length()));
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
