package dev.jetonvoucher.paymentpage;

import dev.jetonvoucher.web.WebResponse;
import java.util.Map;
import java.util.Optional;

/** The Payment Page's static files, served from the class path by the function itself (no CDN). */
public final class PageAssets {

    public static final String STYLESHEET_PATH = "/payment/page.css";
    public static final String PAGE_SCRIPT_PATH = "/payment/page.js";
    public static final String WIDGET_PATH = "/payment/widget.js";

    private static final Map<String, WebResponse> ASSETS = Map.of(
            STYLESHEET_PATH, load("page.css", "text/css; charset=utf-8", false),
            PAGE_SCRIPT_PATH, load("page.js", "text/javascript; charset=utf-8", false),
            WIDGET_PATH, load("widget.js", "text/javascript; charset=utf-8", true));

    private PageAssets() {
    }

    public static Optional<WebResponse> find(String path) {
        return Optional.ofNullable(ASSETS.get(path));
    }

    private static WebResponse load(String resource, String contentType, boolean crossOrigin) {
        return new WebResponse(200, PageHeaders.asset(contentType, crossOrigin), PageResources.text(resource));
    }
}
