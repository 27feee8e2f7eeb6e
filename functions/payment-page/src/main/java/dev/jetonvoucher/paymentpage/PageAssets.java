package dev.jetonvoucher.paymentpage;

import dev.jetonvoucher.web.Html;
import dev.jetonvoucher.web.WebResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The Payment Page's static files, served from the class path by the function itself (no CDN). */
public final class PageAssets {

    public static final String STYLESHEET_PATH = "/payment/page.css";
    public static final String PAGE_SCRIPT_PATH = "/payment/page.js";
    public static final String WIDGET_PATH = "/payment/widget.js";
    /** Where widget.js takes its texts: replaced, when this class loads, by those of every language. */
    static final String WIDGET_MESSAGES = "/* widget messages */ {}";

    private static final Map<String, WebResponse> ASSETS = Map.of(
            STYLESHEET_PATH, load("page.css", "text/css; charset=utf-8", false),
            PAGE_SCRIPT_PATH, load("page.js", "text/javascript; charset=utf-8", false),
            WIDGET_PATH, new WebResponse(200, PageHeaders.asset("text/javascript; charset=utf-8", true), widget()));

    private PageAssets() {}

    public static Optional<WebResponse> find(String path) {
        return Optional.ofNullable(ASSETS.get(path));
    }

    /**
     * The widget runs on the merchant's page, before any page of ours is open, so it carries the texts of every
     * language (widget.* of each bundle, a few short lines) and picks one itself.
     */
    static String widget() {
        String source = PageResources.text("widget.js");
        int at = source.indexOf(WIDGET_MESSAGES);
        if (at < 0 || at != source.lastIndexOf(WIDGET_MESSAGES)) {
            throw new IllegalStateException("widget.js must hold " + WIDGET_MESSAGES + " exactly once");
        }
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        for (PageLanguage language : PageLanguage.values()) {
            texts.put(language.code(), PageMessages.of(language).withPrefix("widget."));
        }
        return source.substring(0, at) + Html.jsonInScript(texts) + source.substring(at + WIDGET_MESSAGES.length());
    }

    private static WebResponse load(String resource, String contentType, boolean crossOrigin) {
        return new WebResponse(200, PageHeaders.asset(contentType, crossOrigin), PageResources.text(resource));
    }
}
