package dev.jetonvoucher.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "Error answers" table, read as the fuzzer's oracle: for each route (e.g. "POST /v2/payment/status") the
 * (HTTP status, code) pairs it may answer with; "—" stands for an answer without a code. "〃" repeats the routes of the
 * row above; "any route" applies to every route.
 */
final class DocumentedErrors {

    static final String NO_CODE = "—";
    private static final String HEADING = "### Error answers";
    private static final Pattern ROUTE = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) ([^`]+)`");

    private final Map<String, Set<String>> byRoute;
    private final Set<String> anyRoute;
    private final Set<String> allCodes;

    private DocumentedErrors(Map<String, Set<String>> byRoute, Set<String> anyRoute, Set<String> allCodes) {
        this.byRoute = byRoute;
        this.anyRoute = anyRoute;
        this.allCodes = allCodes;
    }

    static DocumentedErrors fromReadme(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(HEADING);
        if (start < 0) {
            throw new IllegalStateException(readme + " has no \"" + HEADING + "\" section");
        }
        Map<String, Set<String>> byRoute = new HashMap<>();
        Set<String> anyRoute = new HashSet<>();
        Set<String> allCodes = new HashSet<>();
        List<String> routes = List.of();
        boolean inTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            if (cells.length < 4 || cells[2].trim().equals("HTTP") || cells[2].contains("---")) {
                continue;
            }
            String routeCell = cells[1].trim();
            if (!routeCell.equals("〃")) {
                routes = routesIn(routeCell);
            }
            String answer = Integer.parseInt(cells[2].trim()) + " " + cells[3].trim();
            allCodes.add(cells[3].trim());
            if (routes.isEmpty()) {
                anyRoute.add(answer);
            }
            for (String route : routes) {
                byRoute.computeIfAbsent(route, r -> new HashSet<>()).add(answer);
            }
        }
        if (byRoute.isEmpty()) {
            throw new IllegalStateException("the \"" + HEADING + "\" table of " + readme + " is empty");
        }
        return new DocumentedErrors(byRoute, anyRoute, allCodes);
    }

    private static List<String> routesIn(String cell) {
        if (cell.equalsIgnoreCase("any route")) {
            return List.of();
        }
        Matcher matcher = ROUTE.matcher(cell);
        List<String> routes = new java.util.ArrayList<>();
        while (matcher.find()) {
            routes.add(matcher.group(1) + " " + matcher.group(2));
        }
        if (routes.isEmpty()) {
            throw new IllegalStateException("no `METHOD /path` in the error table's route cell \"" + cell + "\"");
        }
        return routes;
    }

    boolean documents(String route) {
        return byRoute.containsKey(route);
    }

    /** Whether the route may answer this status with this code ({@link #NO_CODE} for none). */
    boolean allows(String route, int status, String code) {
        String answer = status + " " + code;
        return anyRoute.contains(answer)
                || byRoute.getOrDefault(route, Set.of()).contains(answer);
    }

    /** Whether a code appears anywhere in the table (for routes the table does not list yet). */
    boolean knowsCode(String code) {
        return allCodes.contains(code);
    }
}
