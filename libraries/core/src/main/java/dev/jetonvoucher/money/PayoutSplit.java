package dev.jetonvoucher.money;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Splits a payout into Jeton vouchers, each with a face value in [10.00, 500.00] of the payout's
 * currency ({@link VoucherLimits}).
 *
 * <h2>Rule</h2>
 * Let {@code MAX} = 500.00 and {@code MIN} = 10.00 in the currency's minor units, and write the total
 * as {@code total = q * MAX + r} with {@code 0 <= r < MAX}.
 * <ol>
 *   <li>{@code r == 0}: {@code q} vouchers of {@code MAX} (1000.00 → 500.00 + 500.00).</li>
 *   <li>{@code r >= MIN}: {@code q} vouchers of {@code MAX}, then one of {@code r}
 *       (1250.00 → 500.00 + 500.00 + 250.00).</li>
 *   <li>{@code 0 < r < MIN}: a voucher of {@code r} is forbidden, so the last full voucher gives up
 *       the shortfall {@code MIN - r}: {@code q - 1} vouchers of {@code MAX}, one of
 *       {@code MAX - MIN + r}, one of {@code MIN} (1005.00 → 500.00 + 495.00 + 10.00).</li>
 * </ol>
 *
 * <h2>Why this always works</h2>
 * <ul>
 *   <li><b>Bounds.</b> Case 3 needs a full voucher to borrow from: {@code total >= MIN} and
 *       {@code r < MIN} imply {@code q >= 1}. The reduced voucher {@code MAX - MIN + r} lies in
 *       [{@code MAX - MIN}, {@code MAX}) = [490.00, 500.00), inside the limits.</li>
 *   <li><b>Exact sum.</b> Case 3: {@code (q-1)·MAX + (MAX - MIN + r) + MIN = q·MAX + r}.</li>
 *   <li><b>Minimal count.</b> Any split into vouchers of at most {@code MAX} needs at least
 *       {@code ceil(total / MAX)} of them. The rule produces {@code q} vouchers when {@code r == 0}
 *       and {@code q + 1} otherwise, which is exactly {@code ceil(total / MAX)}.</li>
 *   <li><b>Order.</b> Parts are non-increasing: {@code MAX >= MAX - MIN + r >= MIN} (since
 *       {@code MAX - MIN >= MIN}).</li>
 * </ul>
 * All of this holds in every currency because both limits scale by the same {@code 10^digits}.
 */
public final class PayoutSplit {

    private PayoutSplit() {}

    /**
     * The vouchers for a payout, largest first.
     *
     * <p>The result is an immutable, random-access list whose parts are computed from their index,
     * so even a payout of millions of vouchers (e.g. a large JPY amount) costs constant memory.
     *
     * @throws IllegalArgumentException if {@code total} is below 10.00 of its currency, or would
     *     need more than {@link Integer#MAX_VALUE} vouchers
     */
    public static List<Money> split(Money total) {
        Objects.requireNonNull(total, "total");
        CurrencyUnit currency = total.currency();
        long min = VoucherLimits.minFaceValue(currency).minorUnits();
        long max = VoucherLimits.maxFaceValue(currency).minorUnits();
        long amount = total.minorUnits();
        if (amount < min) {
            throw new IllegalArgumentException(
                    "a payout must be at least " + VoucherLimits.minFaceValue(currency) + ", got " + total);
        }

        long fullParts = amount / max;
        long remainder = amount % max;
        long count = remainder == 0 ? fullParts : fullParts + 1;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a payout of " + total + " needs too many vouchers: " + count);
        }

        if (remainder == 0) {
            return new Parts(currency, (int) count, max, max, max);
        }
        if (remainder >= min) {
            return new Parts(currency, (int) count, max, max, remainder);
        }
        // Remainder too small for a voucher: the last full voucher gives up the shortfall (min - remainder).
        return new Parts(currency, (int) count, max, max - min + remainder, min);
    }

    /**
     * {@code size} parts: all {@code full} except the second-to-last ({@code penultimate}) and the
     * last ({@code last}); for a single part only {@code last} applies.
     */
    private static final class Parts extends AbstractList<Money> implements RandomAccess {
        private final CurrencyUnit currency;
        private final int size;
        private final long full;
        private final long penultimate;
        private final long last;

        Parts(CurrencyUnit currency, int size, long full, long penultimate, long last) {
            this.currency = currency;
            this.size = size;
            this.full = full;
            this.penultimate = penultimate;
            this.last = last;
        }

        @Override
        public Money get(int index) {
            Objects.checkIndex(index, size);
            long minor = index == size - 1 ? last : index == size - 2 ? penultimate : full;
            return Money.ofMinor(minor, currency);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
