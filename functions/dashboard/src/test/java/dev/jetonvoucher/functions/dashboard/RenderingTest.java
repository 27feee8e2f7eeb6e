package dev.jetonvoucher.functions.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.analysis.DashboardQuery;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderingTest {

    @Test
    void a_value_in_an_attribute_cannot_close_it() {
        DashboardQuery query = new DashboardQuery(
                LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-01"),
                Optional.empty(),
                Optional.empty(),
                "x\" autofocus onfocus='alert(1)",
                null);
        String overview =
                Pages.overview(new Pages.Overview(1, query, null, List.of(), null, new Totals(), Map.of()), "nonce");
        assertTrue(overview.contains("value=\"x&quot; autofocus onfocus=&#39;alert(1)\""), overview);
        assertTrue(Pages.signIn("t\"><script>", null, "nonce").contains("value=\"t&quot;&gt;&lt;script&gt;\""));
    }

    @Test
    void the_y_axis_steps_are_whole_and_reach_the_tallest_bar() {
        assertEquals(1, DailyChart.tickStep(0));
        assertEquals(1, DailyChart.tickStep(4));
        assertEquals(2, DailyChart.tickStep(5));
        assertEquals(3, DailyChart.tickStep(10));
        assertEquals(30, DailyChart.tickStep(101));
        for (int largest = 0; largest < 5_000; largest += 7) {
            int step = DailyChart.tickStep(largest);
            assertTrue(4 * step >= largest && 4 * step < Math.max(8, largest * 2 + 8), largest + " -> " + step);
        }
    }

    @Test
    void a_customers_text_cannot_break_out_of_the_page() {
        Payment hostile = Payment.builder()
                .key(new PaymentKey(1, "<img src=x onerror=alert(1)>"))
                .type(PaymentType.PURCHASE)
                .status(PaymentStatus.DECLINE)
                .amount(Money.ofMinor(1_000, "EUR"))
                .customerId("\"><script>")
                .customerIp("192.0.2.1")
                .accountNumber("4619000000000000017")
                .description("</td><script>alert(2)</script>")
                .channel(Channel.GATE)
                .requestId("r")
                .operationId(1)
                .createdAt(Instant.parse("2026-03-01T10:00:00Z"))
                .updatedAt(Instant.parse("2026-03-01T10:00:05Z"))
                .resultCode("20000")
                .resultMessage("General decline")
                .funds(Funds.NOT_APPLICABLE)
                .build();
        DashboardQuery query = DashboardQuery.defaults(LocalDate.parse("2026-03-01"));
        Totals totals = new Totals();
        totals.accept(hostile);
        String overview = Pages.overview(
                new Pages.Overview(1, query, "<b>error</b>", List.of(hostile), null, totals, Map.of()), "nonce");
        String details = Pages.payment(new Pages.PaymentView(1, query, hostile, List.of(), List.of()), "nonce");
        for (String html : List.of(overview, details)) {
            assertTrue(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>error"), html);
            assertTrue(!html.contains("4619000000000000017") && html.contains("***************0017"));
        }
        assertTrue(details.contains("&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
    }

    @Test
    void the_callback_attempts_say_where_the_callbacks_go_and_whose_url_that_is() {
        Payment payment = Payment.builder()
                .key(new PaymentKey(1, "order-17"))
                .type(PaymentType.PURCHASE)
                .status(PaymentStatus.SUCCESS)
                .amount(Money.ofMinor(1_000, "EUR"))
                .channel(Channel.GATE)
                .requestId("r")
                .operationId(1)
                .createdAt(Instant.parse("2026-03-01T10:00:00Z"))
                .funds(Funds.NOT_APPLICABLE)
                .callbackState(CallbackState.DELIVERED)
                .build();
        DashboardQuery query = DashboardQuery.defaults(LocalDate.parse("2026-03-01"));
        URI own = URI.create("https://shop.example/orders/17/callback?a=1&b=2");

        String ownUrl = Pages.payment(
                new Pages.PaymentView(
                        1, query, payment.toBuilder().callbackUrl(own).build(), List.of(), List.of(), List.of()),
                "nonce");
        assertTrue(
                ownUrl.contains("Sent to <span class=\"mono\">https://shop.example/orders/17/callback?a=1&amp;b=2"
                        + "</span> (this payment's own <span class=\"mono\">merchant_callback_url</span>)"),
                ownUrl);

        String projects = Pages.payment(
                new Pages.PaymentView(
                        1,
                        query,
                        payment,
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.of(URI.create("https://merchant.example/callbacks"))),
                "nonce");
        assertTrue(
                projects.contains("Sent to <span class=\"mono\">https://merchant.example/callbacks</span>"
                        + " (the project's callback URL)"),
                projects);

        String none = Pages.payment(new Pages.PaymentView(1, query, payment, List.of(), List.of()), "nonce");
        assertTrue(none.contains("No callback URL: neither this payment nor the project has one"), none);
    }

    @Test
    void a_compensated_payment_shows_what_was_undone_and_every_try() {
        Instant opened = Instant.parse("2026-03-01T10:00:06Z");
        Payment declined = Payment.builder()
                .key(new PaymentKey(1, "order-18"))
                .type(PaymentType.PURCHASE)
                .status(PaymentStatus.DECLINE)
                .amount(Money.ofMinor(1_000, "EUR"))
                .channel(Channel.GATE)
                .requestId("r")
                .operationId(1)
                .createdAt(Instant.parse("2026-03-01T10:00:00Z"))
                .updatedAt(opened)
                .resultCode("20602")
                .resultMessage("Time-out")
                .funds(Funds.NOT_APPLICABLE)
                .callbackState(CallbackState.DELIVERED)
                .compensation(new Compensation(
                        Compensation.Action.REVERSE_REDEMPTION,
                        Compensation.State.COMPLETED,
                        "limit time: the provider could not stop the <operation>",
                        opened,
                        opened.plusSeconds(15),
                        "redemption reversed: the voucher can be spent again",
                        3))
                .build();
        List<Compensation.Attempt> attempts = List.of(
                new Compensation.Attempt(1, opened, "the provider is still processing it and cannot stop it"),
                new Compensation.Attempt(
                        3, opened.plusSeconds(15), "redemption reversed: the voucher can be spent again"));
        DashboardQuery query = DashboardQuery.defaults(LocalDate.parse("2026-03-01"));

        String details =
                Pages.payment(new Pages.PaymentView(1, query, declined, List.of(), List.of(), attempts), "nonce");

        assertTrue(details.contains("<h2>Compensation</h2>"), details);
        assertTrue(
                details.contains("Reverse the voucher redemption: <strong class=\"c-completed\">completed</strong>"),
                details);
        assertTrue(details.contains("the provider could not stop the &lt;operation&gt;"), "the reason is escaped");
        assertTrue(details.contains("closed 2026-03-01 10:00:21"), details);
        assertTrue(
                details.contains(
                        "<td>1</td><td>2026-03-01 10:00:06</td><td>the provider is still processing it and cannot stop it</td>"),
                details);
        assertTrue(
                details.contains(
                        "<td>3</td><td>2026-03-01 10:00:21</td><td>redemption reversed: the voucher can be spent again</td>"),
                details);

        String plain = Pages.payment(
                new Pages.PaymentView(
                        1, query, declined.toBuilder().compensation(null).build(), List.of(), List.of()),
                "nonce");
        assertTrue(!plain.contains("Compensation"), "nothing to show when nothing was undone");
    }
}
