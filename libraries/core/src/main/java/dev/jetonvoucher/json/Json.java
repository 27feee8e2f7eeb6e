package dev.jetonvoucher.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The platform's one Jackson configuration: every reader and writer of JSON (documents, messages, the HTTP edge's
 * answers, logs, the sandbox and the benchmarks) takes its mapper from here, so they all read and write JSON the
 * same way. A configured mapper is safe to share between threads.
 *
 * <p>The configuration is Jackson's defaults (fields in the order written, no indentation): what the documented
 * bodies, signatures and the official SDKs expect. A reader of untrusted input with tighter limits than Jackson's
 * defaults takes its own mapper of the same configuration from {@link #limited}.
 */
public final class Json {

    private static final ObjectMapper SHARED = newMapper(null);

    private Json() {}

    /** The shared mapper, for every reader and writer without limits of its own. */
    public static ObjectMapper mapper() {
        return SHARED;
    }

    /**
     * A mapper of the same configuration that refuses a document nested deeper than {@code maxNestingDepth}, with a
     * string longer than {@code maxStringLength} characters or a number longer than {@code maxNumberLength} digits:
     * for a reader of one kind of untrusted input (a Gate body, a Payment Page submission), built once and kept.
     */
    public static ObjectMapper limited(int maxNestingDepth, int maxStringLength, int maxNumberLength) {
        return newMapper(StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .build());
    }

    private static ObjectMapper newMapper(StreamReadConstraints constraints) {
        ObjectMapper mapper = new ObjectMapper();
        if (constraints != null) {
            mapper.getFactory().setStreamReadConstraints(constraints);
        }
        return mapper;
    }
}
