package dev.jetonvoucher.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like client of the dashboard for HTTP-level tests: keeps its cookies, follows no redirect by itself. */
final class DashboardClient {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String baseUrl;
    final Map<String, String> cookies = new LinkedHashMap<>();

    DashboardClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Response(int status, HttpHeaders headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        List<String> setCookies() {
            return headers.allValues("set-cookie");
        }

        String setCookie(String name) {
            return setCookies().stream()
                    .filter(c -> c.startsWith(name + "="))
                    .findFirst()
                    .orElse(null);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Response get(String pathAndQuery, String... headerPairs) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET(), headerPairs);
    }

    /** Follows a link to another origin (an export's presigned S3 link): no dashboard cookie goes along. */
    Response getElsewhere(String url) {
        try {
            HttpResponse<byte[]> response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(url)).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response postForm(String path, Map<String, String> form, String... headerPairs) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                headerPairs);
    }

    /** Signs in as a browser does: the form (and its CSRF cookie) first, then the post. */
    Response signIn(long projectId, String secretKey) {
        String csrf = csrfOf(get("/dashboard/sign-in"));
        return postForm(
                "/dashboard/sign-in",
                Map.of("csrf", csrf, "project_id", Long.toString(projectId), "secret_key", secretKey));
    }

    static String csrfOf(Response form) {
        Matcher matcher = CSRF_FIELD.matcher(form.text());
        if (!matcher.find()) {
            throw new AssertionError("no CSRF field in the sign-in form: " + form.text());
        }
        return matcher.group(1);
    }

    private Response send(HttpRequest.Builder request, String... headerPairs) {
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<byte[]> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String setCookie : response.headers().allValues("set-cookie")) {
                String pair = setCookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                if (setCookie.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, pair.substring(pair.indexOf('=') + 1));
                }
            }
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
