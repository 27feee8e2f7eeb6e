package dev.jetonvoucher.analysis;

/** A query value the analysis cannot use, naming the request field at fault (e.g. {@code interval.from}). */
public final class QueryException extends RuntimeException {

    private final String field;

    public QueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
