package dev.jetonvoucher.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * {@link PaymentKey}, {@link Money} and {@link Bucket} write out equals and hashCode (their generated ones would
 * bootstrap {@code ObjectMethods} on a function's cold path). Written out, they still behave exactly as the generated
 * ones: equal when every component is equal, and the same hash, checked against records of the same components
 * whose methods are generated.
 */
class WrittenOutRecordMethodsTest {

    private record GeneratedKey(long projectId, String paymentId) {}

    private record GeneratedMoney(long minorUnits, CurrencyUnit currency) {}

    private record GeneratedBucket(LocalDate day, PaymentStatus status, OperationType type, CurrencyUnit currency) {}

    private static final CurrencyUnit EUR = CurrencyUnit.of("EUR");
    private static final CurrencyUnit USD = CurrencyUnit.of("USD");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    @Test
    void a_payment_key_equals_another_exactly_when_project_and_payment_id_are_equal() {
        PaymentKey key = new PaymentKey(239, "sale-1");

        assertEquals(key, new PaymentKey(239, new String("sale-1")));
        assertNotEquals(key, new PaymentKey(240, "sale-1"));
        assertNotEquals(key, new PaymentKey(239, "sale-2"));
        assertNotEquals(key, null);
        assertNotEquals(key, "239/sale-1");
        assertEquals(new GeneratedKey(239, "sale-1").hashCode(), key.hashCode());
        assertEquals(new GeneratedKey(-7, "x").hashCode(), new PaymentKey(-7, "x").hashCode());
    }

    @Test
    void money_equals_other_money_exactly_when_amount_and_currency_are_equal() {
        Money money = Money.ofMinor(1000, EUR);

        assertEquals(money, Money.ofMinor(1000, CurrencyUnit.of("EUR")));
        assertNotEquals(money, Money.ofMinor(1001, EUR));
        assertNotEquals(money, Money.ofMinor(1000, USD));
        assertNotEquals(money, null);
        assertEquals(new GeneratedMoney(1000, EUR).hashCode(), money.hashCode());
        assertEquals(
                new GeneratedMoney(Long.MIN_VALUE, USD).hashCode(),
                Money.ofMinor(Long.MIN_VALUE, USD).hashCode());
    }

    @Test
    void a_bucket_equals_another_exactly_when_day_status_type_and_currency_are_equal() {
        Bucket bucket = new Bucket(DAY, PaymentStatus.SUCCESS, OperationType.SALE, EUR);

        assertEquals(bucket, new Bucket(LocalDate.of(2026, 12, 3), PaymentStatus.SUCCESS, OperationType.SALE, EUR));
        assertNotEquals(bucket, new Bucket(DAY.plusDays(1), PaymentStatus.SUCCESS, OperationType.SALE, EUR));
        assertNotEquals(bucket, new Bucket(DAY, PaymentStatus.DECLINE, OperationType.SALE, EUR));
        assertNotEquals(bucket, new Bucket(DAY, PaymentStatus.SUCCESS, OperationType.PAYOUT, EUR));
        assertNotEquals(bucket, new Bucket(DAY, PaymentStatus.SUCCESS, OperationType.SALE, USD));
        assertNotEquals(bucket, null);
        assertEquals(
                new GeneratedBucket(DAY, PaymentStatus.SUCCESS, OperationType.SALE, EUR).hashCode(), bucket.hashCode());
    }
}
