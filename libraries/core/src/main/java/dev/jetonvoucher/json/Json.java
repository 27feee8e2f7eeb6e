package dev.jetonvoucher.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The platform's one JSON configuration: every reader and writer of JSON (documents, messages, the HTTP edge's
 * answers, logs) reads and writes here, so they all read and write JSON the same way.
 *
 * <p>The documents are Jackson {@link JsonNode} trees, read and written with jackson-core's streaming parser and
 * generator only: never through an {@link ObjectMapper}. Creating the first mapper loads some 450 classes of
 * databind and initialises its date format (the JDK's locale data), a large part of every function's cold start;
 * and {@code JsonNode.toString()} creates one ({@code InternalNodeMapper}), so function code writes a tree with
 * {@link #write(JsonNode)}, never with {@code toString()} or string concatenation. The function cold-path test
 * ({@code FunctionColdPathTest} in local/sandbox) fails when any function loads {@code ObjectMapper}.
 *
 * <p>What is read and written is exactly what Jackson's {@code ObjectMapper} with its defaults reads and writes
 * ({@code JsonReadWriteTest} compares them): fields in the order written, no indentation; a duplicate field's last
 * value wins, in the place of its first; integers as {@code int}, {@code long} or {@code BigInteger} nodes by size,
 * other numbers as {@code double}; what follows the first value is not read; an empty input is a
 * {@link MissingNode}. A reader of untrusted input with tighter limits than Jackson's defaults takes its own
 * {@link Reader} from {@link #limited}.
 */
public final class Json {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Reader READER = new Reader(FACTORY);

    private Json() {}

    /** The shared factory (Jackson's default configuration), for streaming readers and writers of their own. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /** A new, empty JSON object. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new, empty JSON array. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** The tree of {@code json}, with Jackson's default limits. */
    public static JsonNode parse(String json) throws JsonProcessingException {
        return READER.parse(json);
    }

    /** The tree of UTF-8 (or UTF-16/32, detected as Jackson does) {@code json}, with Jackson's default limits. */
    public static JsonNode parse(byte[] json) throws JsonProcessingException {
        return READER.parse(json);
    }

    /** The tree of the first value in {@code json} (closed after), with Jackson's default limits. */
    public static JsonNode parse(InputStream json) throws IOException {
        return READER.parse(json);
    }

    /**
     * A reader of the same configuration that refuses a document nested deeper than {@code maxNestingDepth}, with a
     * string longer than {@code maxStringLength} characters or a number longer than {@code maxNumberLength} digits:
     * for a reader of one kind of untrusted input (a Gate body, a Payment Page submission), built once and kept.
     */
    public static Reader limited(int maxNestingDepth, int maxStringLength, int maxNumberLength) {
        return new Reader(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .maxNumberLength(maxNumberLength)
                        .build())
                .build());
    }

    /** {@code node} as JSON text: what {@code node.toString()} gives, without creating an {@code ObjectMapper}. */
    public static String write(JsonNode node) {
        return writeValue(node);
    }

    /** {@code node} as UTF-8 JSON: the bytes of {@link #write(JsonNode)}. */
    public static byte[] writeBytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code node} to {@code generator}, as an {@code ObjectMapper} serialises a tree. */
    public static void write(JsonNode node, JsonGenerator generator) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject(node, node.size());
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    generator.writeFieldName(field.getKey());
                    write(field.getValue(), generator);
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray(node, node.size());
                for (JsonNode element : node) {
                    write(element, generator);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> generator.writeNumber(node.intValue());
                    case LONG -> generator.writeNumber(node.longValue());
                    case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
                    case FLOAT -> generator.writeNumber(node.floatValue());
                    case DOUBLE -> generator.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
                }
            }
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL, MISSING -> generator.writeNull();
            case BINARY -> generator.writeBinary(node.binaryValue());
            case POJO -> {
                Object value = ((POJONode) node).getPojo();
                if (value != null) {
                    throw new IllegalArgumentException("a POJO node is not written here: "
                            + value.getClass().getName());
                }
                generator.writeNull();
            }
        }
    }

    /**
     * A plain value as JSON text, as an {@code ObjectMapper} writes it: {@code null}, a string, a boolean, a number,
     * a {@link JsonNode}, a {@link Map} with string keys (in its iteration order) or an {@link Iterable} of these.
     *
     * @throws IllegalArgumentException for a value of any other type
     */
    public static String writeValue(Object value) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeValue(value, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }

    private static void writeValue(Object value, JsonGenerator generator) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof JsonNode node) {
            write(node, generator);
        } else if (value instanceof CharSequence || value instanceof Character) {
            generator.writeString(value.toString());
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            generator.writeNumber(l);
        } else if (value instanceof Double d) {
            generator.writeNumber(d);
        } else if (value instanceof Float f) {
            generator.writeNumber(f);
        } else if (value instanceof BigInteger i) {
            generator.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            generator.writeNumber(d);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("a map key that is not a string: " + entry.getKey());
                }
                generator.writeFieldName(key);
                writeValue(entry.getValue(), generator);
            }
            generator.writeEndObject();
        } else if (value instanceof Iterable<?> elements) {
            generator.writeStartArray();
            for (Object element : elements) {
                writeValue(element, generator);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalArgumentException(
                    "not written as JSON here: " + value.getClass().getName());
        }
    }

    /** A reader of JSON trees on one factory's parser and limits. Safe to share between threads. */
    public static final class Reader {

        private final JsonFactory factory;

        private Reader(JsonFactory factory) {
            this.factory = factory;
        }

        /** The tree of {@code json}; a {@link MissingNode} when it holds no value. */
        public JsonNode parse(String json) throws JsonProcessingException {
            try (JsonParser parser = factory.createParser(json)) {
                return root(parser);
            } catch (JsonProcessingException e) {
                throw e;
            } catch (IOException e) {
                throw unexpected(e);
            }
        }

        /** The tree of {@code json}; a {@link MissingNode} when it holds no value. */
        public JsonNode parse(byte[] json) throws JsonProcessingException {
            try (JsonParser parser = factory.createParser(json)) {
                return root(parser);
            } catch (JsonProcessingException e) {
                throw e;
            } catch (IOException e) {
                throw unexpected(e);
            }
        }

        /** The tree of the first value of {@code json}; a {@link MissingNode} when it holds none. */
        public JsonNode parse(InputStream json) throws IOException {
            try (JsonParser parser = factory.createParser(json)) {
                return root(parser);
            }
        }

        private static JsonProcessingException unexpected(IOException e) {
            JsonParseException wrapped = new JsonParseException(
                    null, "Unexpected IOException (of type " + e.getClass().getName() + "): " + e.getMessage());
            wrapped.initCause(e);
            return wrapped;
        }

        private static JsonNode root(JsonParser parser) throws IOException {
            JsonToken first = parser.nextToken();
            return first == null ? MissingNode.getInstance() : value(parser, first);
        }

        private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
            switch (token) {
                case START_OBJECT -> {
                    ObjectNode object = NODES.objectNode();
                    String name;
                    while ((name = parser.nextFieldName()) != null) {
                        object.replace(name, value(parser, parser.nextToken()));
                    }
                    return object;
                }
                case START_ARRAY -> {
                    ArrayNode array = NODES.arrayNode();
                    JsonToken next;
                    while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                        array.add(value(parser, next));
                    }
                    return array;
                }
                case VALUE_STRING -> {
                    return NODES.textNode(parser.getText());
                }
                case VALUE_NUMBER_INT -> {
                    return switch (parser.getNumberType()) {
                        case INT -> NODES.numberNode(parser.getIntValue());
                        case LONG -> NODES.numberNode(parser.getLongValue());
                        default -> NODES.numberNode(parser.getBigIntegerValue());
                    };
                }
                case VALUE_NUMBER_FLOAT -> {
                    return switch (parser.getNumberTypeFP()) {
                        case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
                        case FLOAT32 -> NODES.numberNode(parser.getFloatValue());
                        default -> NODES.numberNode(parser.getDoubleValue());
                    };
                }
                case VALUE_TRUE -> {
                    return NODES.booleanNode(true);
                }
                case VALUE_FALSE -> {
                    return NODES.booleanNode(false);
                }
                case VALUE_NULL -> {
                    return NODES.nullNode();
                }
                default -> throw new JsonParseException(parser, "Unexpected token (" + token + ") for a JSON value");
            }
        }
    }

    /**
     * The shared {@code ObjectMapper} of the same configuration, for code that is never part of a function: the
     * sandbox, the benchmarks and tests. Function code must not call it (see the class comment).
     */
    public static ObjectMapper mapper() {
        return Mapper.SHARED;
    }

    /** Holds the mapper, so that {@link Json} itself never creates one. */
    private static final class Mapper {
        private static final ObjectMapper SHARED = new ObjectMapper();
    }
}
