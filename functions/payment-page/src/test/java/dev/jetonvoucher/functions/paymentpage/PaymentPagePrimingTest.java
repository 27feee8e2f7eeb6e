package dev.jetonvoucher.functions.paymentpage;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.paymentpage.PageTokens;
import dev.jetonvoucher.paymentpage.PaymentPage;
import dev.jetonvoucher.paymentpage.PaymentPageRequests;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Payment Page's part of the SnapStart priming: the real request paths, and no payment read or written. */
class PaymentPagePrimingTest {

    @Test
    void priming_the_payment_page_neither_reads_nor_writes_a_payment_and_fails_nowhere() {
        Clock clock = Clock.systemUTC();
        PaymentStore untouchable = (PaymentStore) Proxy.newProxyInstance(
                PaymentStore.class.getClassLoader(), new Class<?>[] {PaymentStore.class}, (proxy, method, args) -> {
                    throw new AssertionError("priming called PaymentStore." + method.getName());
                });
        PaymentPage page = new PaymentPage(
                new PaymentPageRequests(new InMemoryProjectDirectory(List.of())),
                untouchable,
                null,
                PageTokens.derivedFrom("k".repeat(40), clock),
                clock);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.configure(new PrintStream(log, true, StandardCharsets.UTF_8), false);
        try {
            PaymentPagePriming.prime(page);
        } finally {
            Log.configure(System.out, false);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains("request.failed"), logged);
    }
}
