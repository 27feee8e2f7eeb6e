package dev.jetonvoucher.functions.dashboard;

import dev.jetonvoucher.model.PaymentStatus;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * Payments per day as stacked bars, one colour per status: an inline SVG drawn on the server, so the page needs no
 * script and no third-party asset. Each bar segment has a {@code <title>} (its day, status and count).
 */
final class DailyChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 240;
    private static final int LEFT = 44;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    private DailyChart() {}

    static String svg(List<LocalDate> days, Totals totals) {
        int step = tickStep(days.stream().mapToInt(totals::count).max().orElse(0));
        int max = 4 * step;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / days.size();
        double barWidth = Math.max(2, slot * 0.7);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\"><title id=\"chart-title\">Payments per day and status</title>");
        for (int tick = 0; tick <= 4; tick++) {
            int value = step * tick;
            double y = TOP + plotHeight - plotHeight * tick / 4;
            svg.append("<line class=\"grid\" x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(WIDTH - RIGHT)
                    .append("\" y1=\"")
                    .append(number(y))
                    .append("\" y2=\"")
                    .append(number(y))
                    .append("\"/>")
                    .append("<text class=\"axis\" x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(number(y + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(value)
                    .append("</text>");
        }
        int labelEvery = days.size() > 16 ? 2 : 1;
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            double x = LEFT + slot * i + (slot - barWidth) / 2;
            double base = TOP + plotHeight;
            for (PaymentStatus status : PaymentStatus.values()) {
                int count = totals.count(day, status);
                if (count == 0) {
                    continue;
                }
                double height = plotHeight * count / max;
                base -= height;
                svg.append("<rect class=\"bar s-")
                        .append(status.wire())
                        .append("\" x=\"")
                        .append(number(x))
                        .append("\" y=\"")
                        .append(number(base))
                        .append("\" width=\"")
                        .append(number(barWidth))
                        .append("\" height=\"")
                        .append(number(height))
                        .append("\"><title>")
                        .append(day)
                        .append(' ')
                        .append(status.wire())
                        .append(": ")
                        .append(count)
                        .append("</title></rect>");
            }
            if (i % labelEvery == 0) {
                // The month where it starts and on the first bar; the day of the month elsewhere.
                String label = day.getDayOfMonth() == 1 || i == 0
                        ? day.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + day.getDayOfMonth()
                        : Integer.toString(day.getDayOfMonth());
                svg.append("<text class=\"axis\" x=\"")
                        .append(number(x + barWidth / 2))
                        .append("\" y=\"")
                        .append(HEIGHT - 8)
                        .append("\" text-anchor=\"middle\">")
                        .append(label)
                        .append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /** A whole, round step of which four reach {@code largest}: the y axis has five lines, 0 to 4 steps. */
    static int tickStep(int largest) {
        int needed = Math.max(1, (largest + 3) / 4);
        for (int power = 1; ; power *= 10) {
            for (int multiple : new int[] {1, 2, 3, 4, 5, 6, 8}) {
                if (multiple * power >= needed) {
                    return multiple * power;
                }
            }
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
