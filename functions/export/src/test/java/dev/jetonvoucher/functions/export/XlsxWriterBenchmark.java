package dev.jetonvoucher.functions.export;

import dev.jetonvoucher.money.Money;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Issue 15 §8, run by hand (BENCHMARKS.md): {@code own|fastexcel first DIR} times one export of one row in a fresh
 * JVM (class loading included); {@code rounds N ROWS DIR} writes ROWS rows with each writer, alternating, N rounds.
 */
final class XlsxWriterBenchmark {

    interface Factory {
        ExportFormat.RowWriter open(OutputStream out) throws IOException;
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        if (args[0].equals("rounds")) {
            int rounds = Integer.parseInt(args[1]);
            int rows = Integer.parseInt(args[2]);
            Path dir = Path.of(args[3]);
            for (int r = 0; r < rounds; r++) {
                System.out.printf(
                        "round %d own %.0f ms %d bytes, fastexcel %.0f ms %d bytes%n",
                        r,
                        time(XlsxExport::new, rows, dir.resolve("own.xlsx")),
                        Files.size(dir.resolve("own.xlsx")),
                        time(FastexcelXlsxExport::new, rows, dir.resolve("fx.xlsx")),
                        Files.size(dir.resolve("fx.xlsx")));
            }
        } else {
            Factory factory = args[0].equals("own") ? XlsxExport::new : FastexcelXlsxExport::new;
            Path file = Path.of(args[2]).resolve(args[0] + "-first.xlsx");
            write(factory, 1, file);
            System.out.printf(
                    "%s first export %.1f ms (JVM up %d ms before)%n",
                    args[0],
                    (System.nanoTime() - start) / 1e6,
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                            - (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static double time(Factory factory, int rows, Path file) throws IOException {
        long start = System.nanoTime();
        write(factory, rows, file);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void write(Factory factory, int rows, Path file) throws IOException {
        try (ExportFormat.RowWriter writer = factory.open(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (int i = 0; i < rows; i++) {
                writer.write(new ExportRow(
                        "order-" + i,
                        i,
                        "purchase",
                        "sale",
                        "success",
                        Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i),
                        Instant.parse("2026-03-01T10:00:05Z").plusSeconds(i),
                        Money.ofMinor(1_000L + i, i % 3 == 0 ? "KWD" : "EUR"),
                        "0",
                        "Success",
                        "***************0017",
                        null,
                        "description of order " + i + " <&>"));
            }
        }
    }
}
