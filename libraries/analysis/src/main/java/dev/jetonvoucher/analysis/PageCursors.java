package dev.jetonvoucher.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.signing.HmacSha256;
import dev.jetonvoucher.time.UtcText;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Opaque page cursors: a position in the creation order (the index key a page ended at), MAC'd with a key derived
 * from the project's secret and bound to the query it continues (project, period, filter). A cursor cannot be
 * forged, edited, or carried to another project or another query; positions, unlike offsets, never shift when
 * payments are created between two requests.
 *
 * <p>Form: {@code base64url(created_at "\n" payment_id) "." base64url(first 16 bytes of the HMAC)}.
 */
public final class PageCursors {

    private static final int MAX_LENGTH = 1024;
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final long projectId;
    private final HmacSha256 key;

    private PageCursors(long projectId, HmacSha256 key) {
        this.projectId = projectId;
        this.key = key;
    }

    /** @param purpose keeps cursors of different APIs (Data API, dashboard) apart */
    public static PageCursors of(Project project, String purpose) {
        return new PageCursors(
                project.projectId(), HmacSha256.derived(project.secretKey(), "page-cursor/v1/" + purpose));
    }

    public String encode(Period period, PaymentFilter filter, CreatedPosition position) {
        String body = ENCODER.encodeToString((position.createdAt() + "\n" + position.paymentId()).getBytes(UTF_8));
        return body + "." + ENCODER.encodeToString(mac(period, filter, body));
    }

    /** The position a cursor stands for, or a {@link QueryException} naming {@code field}. */
    public CreatedPosition decode(String cursor, Period period, PaymentFilter filter, String field) {
        int dot = cursor.indexOf('.');
        if (cursor.length() > MAX_LENGTH || dot < 1) {
            throw foreign(field);
        }
        String body = cursor.substring(0, dot);
        if (!HmacSha256.sameText(ENCODER.encodeToString(mac(period, filter, body)), cursor.substring(dot + 1))) {
            throw foreign(field);
        }
        String position;
        try {
            position = new String(Base64.getUrlDecoder().decode(body), UTF_8);
        } catch (IllegalArgumentException e) {
            throw foreign(field); // a MAC'd body always decodes; this is only defence in depth
        }
        int newline = position.indexOf('\n');
        try {
            return new CreatedPosition(UtcText.parse(position.substring(0, newline)), position.substring(newline + 1));
        } catch (DateTimeParseException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw foreign(field); // a MAC'd cursor always parses; this is only defence in depth
        }
    }

    private static QueryException foreign(String field) {
        return new QueryException(
                field, field + " is not one issued for this query: pass it back with the same interval and filters");
    }

    private byte[] mac(Period period, PaymentFilter filter, String body) {
        String scope = projectId + "\n" + period.from() + "\n" + period.to() + "\n" + filter.canonical() + "\n" + body;
        return Arrays.copyOf(key.mac(scope), MAC_BYTES);
    }
}
