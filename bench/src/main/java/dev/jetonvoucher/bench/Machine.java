package dev.jetonvoucher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures were measured on. */
public record Machine(int cores, String memory, String jdk, String os, String cpu) {

    public static Machine current() {
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemory(), jdk, os, readCpu());
    }

    private static String readMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1048576.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report what the JVM may use instead
        }
        return String.format(
                Locale.ROOT, "%.1f GiB (JVM max heap)", Runtime.getRuntime().maxMemory() / 1073741824.0);
    }

    private static String readCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
