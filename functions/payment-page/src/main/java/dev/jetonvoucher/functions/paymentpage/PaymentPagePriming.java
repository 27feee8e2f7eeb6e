package dev.jetonvoucher.functions.paymentpage;

import static dev.jetonvoucher.aws.lambda.Priming.expect;
import static dev.jetonvoucher.aws.lambda.Priming.get;

import dev.jetonvoucher.aws.lambda.HttpApiRequests;
import dev.jetonvoucher.paymentpage.PageAssets;
import dev.jetonvoucher.paymentpage.PaymentPage;

/**
 * The Payment Page's part of the SnapStart priming (see {@code Wiring.primeForSnapshot}), with the events and checks of
 * the shared {@code Priming}.
 */
final class PaymentPagePriming {

    private PaymentPagePriming() {}

    /**
     * Requests that read nothing and write nothing, through the same event adapter as real ones: the page without a
     * query (its error page: no project to look up), a status poll whose token does not verify (refused before any
     * read) and the page's script. Loads the page's templates and files, its escaping and its token check.
     */
    static void prime(PaymentPage page) {
        int refused = page.handle(HttpApiRequests.webRequest(get(PaymentPage.PAGE_PATH, null)))
                .status();
        // A 500 would mean the page failed rather than refused, and would prime the wrong path.
        expect(refused >= 400 && refused < 500, "the page without a request was not refused but answered " + refused);
        expect(
                403
                        == page.handle(HttpApiRequests.webRequest(
                                        get(PaymentPage.STATUS_PATH, "token=cHJpbWluZw.cHJpbWluZw")))
                                .status(),
                "a made-up status token was not refused");
        expect(
                PageAssets.find(PageAssets.PAGE_SCRIPT_PATH).isPresent()
                        && 200
                                == page.handle(HttpApiRequests.webRequest(get(PageAssets.PAGE_SCRIPT_PATH, null)))
                                        .status(),
                "the page script is not served");
    }
}
