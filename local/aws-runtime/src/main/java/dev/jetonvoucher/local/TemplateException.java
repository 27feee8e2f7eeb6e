package dev.jetonvoucher.local;

/** template.yaml holds something this module cannot parse or cannot reproduce locally; the message says what and where. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
