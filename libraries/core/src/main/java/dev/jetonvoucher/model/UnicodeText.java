package dev.jetonvoucher.model;

/**
 * Whether a string is text every store and queue can carry. JSON lets a request escape half of a UTF-16 surrogate
 * pair ({@code "\ud800"}); such a string has no UTF-8 form, so DynamoDB and SQS refuse it. Every text a request
 * gives the platform is checked here before anything is written.
 */
public final class UnicodeText {

    private UnicodeText() {}

    /** True when every high surrogate is followed by a low one and no low surrogate stands alone. */
    public static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
