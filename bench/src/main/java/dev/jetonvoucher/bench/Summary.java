package dev.jetonvoucher.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure: the median and the spread (min–max), never a lone number. */
public record Summary(double median, double min, double max, int count) {

    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(median, sorted[0], sorted[n - 1], n);
    }

    /** "1234 (1200–1300)" with the given decimals. */
    public String format(int decimals) {
        String pattern = "%." + decimals + "f";
        return String.format(Locale.ROOT, pattern + " (" + pattern + "–" + pattern + ")", median, min, max);
    }
}
