package dev.jetonvoucher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one same-origin rule, both policies side by side: {@code ok} passes, anything else is the refusal's reason. */
class SameOriginTest {

    @ParameterizedTest(name = "Host {0}, Origin {1}, Sec-Fetch-Site {2}: script {3}, form {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # Host            | Origin                              | Sec-Fetch-Site | SCRIPT (a page's fetch)        | FORM (a form post)
        # the page itself
        pay.example       | https://pay.example                 | same-origin    | ok                             | ok
        pay.example       | https://pay.example                 | -              | ok                             | ok
        PAY.Example       | https://pay.EXAMPLE                 | SAME-ORIGIN    | ok                             | ok
        127.0.0.1:3000    | http://127.0.0.1:3000               | same-origin    | ok                             | ok
        pay.example       | https://pay.example/                | same-origin    | ok                             | ok
        # no Origin: a script's fetch always has one; a form from a non-browser client (curl) need not
        pay.example       | -                                   | -              | no Origin                      | ok
        pay.example       | -                                   | same-origin    | no Origin                      | ok
        -                 | -                                   | -              | no Origin                      | ok
        # a request the user started (address bar, bookmark): no page made it, but no script does that either
        pay.example       | -                                   | none           | Sec-Fetch-Site none            | ok
        pay.example       | https://pay.example                 | none           | Sec-Fetch-Site none            | ok
        # a sibling subdomain is another origin (and may set cookies for the parent domain)
        pay.example       | https://shop.pay.example            | same-site      | Sec-Fetch-Site same-site       | Sec-Fetch-Site same-site
        pay.example       | -                                   | same-site      | Sec-Fetch-Site same-site       | Sec-Fetch-Site same-site
        # another site
        pay.example       | -                                   | cross-site     | Sec-Fetch-Site cross-site      | Sec-Fetch-Site cross-site
        pay.example       | https://pay.example                 | cross-site     | Sec-Fetch-Site cross-site      | Sec-Fetch-Site cross-site
        pay.example       | https://evil.example                | -              | Origin of another site         | Origin of another site
        pay.example       | https://evil.example                | same-origin    | Origin of another site         | Origin of another site
        pay.example       | https://pay.example.evil.example    | -              | Origin of another site         | Origin of another site
        pay.example       | https://pay.example@evil.example    | -              | Origin of another site         | Origin of another site
        pay.example       | https://pay.example:8443            | -              | Origin of another site         | Origin of another site
        127.0.0.1:3000    | http://127.0.0.1:3001               | same-origin    | Origin of another site         | Origin of another site
        pay.example       | ftp://pay.example                   | -              | Origin of another site         | Origin of another site
        # an opaque origin (sandboxed frame, data: or file: page, cross-origin redirect)
        pay.example       | null                                | -              | Origin null                    | Origin null
        pay.example       | null                                | same-origin    | Origin null                    | Origin null
        # what cannot be checked is refused
        pay.example       | https://pay.example, https://a.test |  -             | malformed Origin               | malformed Origin
        pay.example       | pay.example                         | -              | malformed Origin               | malformed Origin
        -                 | https://pay.example                 | -              | no Host to compare the Origin with | no Host to compare the Origin with
        pay.example       | https://pay.example                 | same-orign     | unknown Sec-Fetch-Site         | unknown Sec-Fetch-Site
        """)
    void refusesWhatDoesNotComeFromThePageItself(String host, String origin, String site, String script, String form) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Host", host);
        headers.put("Origin", origin);
        headers.put("Sec-Fetch-Site", site);
        WebRequest request = new WebRequest("POST", "/submit", null, null, headers, List.of(), "", null);
        assertEquals(expected(script), SameOrigin.SCRIPT.refusal(request), "script");
        assertEquals(expected(form), SameOrigin.FORM.refusal(request), "form");
    }

    private static Optional<String> expected(String reason) {
        return reason.equals("ok") ? Optional.empty() : Optional.of(reason);
    }
}
