package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the two event shapes our functions receive (API Gateway HTTP API payload 2.0 and an SQS batch) and of
 * their answers, read and written by hand with Jackson.
 *
 * <p>Why not let the Lambda Java runtime do it: for a typed {@code RequestHandler} the runtime builds its own
 * serializer (aws-lambda-java-serialization: a second, shaded Jackson with mix-ins and Joda time), which measured
 * 250–600 ms of every cold start. The functions are {@code RequestStreamHandler}s instead and map the fields they
 * are documented to carry, with the Jackson the domain loads anyway. The reverse directions (writing an event,
 * reading an answer) are what the local sandbox, {@code bin/invoke} and the benchmarks use to call the functions
 * exactly as Lambda does: bytes in, bytes out.
 *
 * <p>Left out on purpose: the HTTP API's {@code requestContext.authorizer} (our routes use no authorizer; the
 * functions authenticate requests by their signatures) and SQS list-valued message attributes (never sent).
 */
public final class LambdaEventJson {

    private LambdaEventJson() {}

    /**
     * A generator of the shared configuration ({@link Json}) that leaves the runtime's output stream open: the
     * runtime, not the function, finishes the response.
     */
    private static JsonGenerator generator(OutputStream out) throws IOException {
        return Json.factory().createGenerator(out, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    // ---------------------------------------------------------------- HTTP API payload 2.0

    /** The event as API Gateway sends it to a function of an HTTP API (payload format 2.0). */
    public static APIGatewayV2HTTPEvent readHttpEvent(InputStream json) throws IOException {
        JsonNode event = readObject(json, "an HTTP API event");
        APIGatewayV2HTTPEvent.RequestContext context = null;
        JsonNode requestContext = event.get("requestContext");
        if (requestContext != null && requestContext.isObject()) {
            JsonNode http = requestContext.get("http");
            context = APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withRouteKey(text(requestContext, "routeKey"))
                    .withAccountId(text(requestContext, "accountId"))
                    .withStage(text(requestContext, "stage"))
                    .withApiId(text(requestContext, "apiId"))
                    .withDomainName(text(requestContext, "domainName"))
                    .withDomainPrefix(text(requestContext, "domainPrefix"))
                    .withTime(text(requestContext, "time"))
                    .withTimeEpoch(requestContext.path("timeEpoch").asLong())
                    .withRequestId(text(requestContext, "requestId"))
                    .withHttp(
                            http == null || !http.isObject()
                                    ? null
                                    : APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                            .withMethod(text(http, "method"))
                                            .withPath(text(http, "path"))
                                            .withProtocol(text(http, "protocol"))
                                            .withSourceIp(text(http, "sourceIp"))
                                            .withUserAgent(text(http, "userAgent"))
                                            .build())
                    .build();
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(event, "version"))
                .withRouteKey(text(event, "routeKey"))
                .withRawPath(text(event, "rawPath"))
                .withRawQueryString(text(event, "rawQueryString"))
                .withCookies(textList(event, "cookies"))
                .withHeaders(textMap(event, "headers"))
                .withQueryStringParameters(textMap(event, "queryStringParameters"))
                .withPathParameters(textMap(event, "pathParameters"))
                .withStageVariables(textMap(event, "stageVariables"))
                .withBody(text(event, "body"))
                .withIsBase64Encoded(event.path("isBase64Encoded").asBoolean(false))
                .withRequestContext(context)
                .build();
    }

    /** The function's answer as API Gateway reads it (payload format 2.0). */
    public static void writeHttpResponse(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", response.getStatusCode());
            writeTextMap(json, "headers", response.getHeaders());
            if (response.getMultiValueHeaders() != null) {
                json.writeObjectFieldStart("multiValueHeaders");
                for (Map.Entry<String, List<String>> header :
                        response.getMultiValueHeaders().entrySet()) {
                    writeTextList(json, header.getKey(), header.getValue());
                }
                json.writeEndObject();
            }
            writeTextList(json, "cookies", response.getCookies());
            if (response.getBody() != null) {
                json.writeStringField("body", response.getBody());
            }
            json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            json.writeEndObject();
        }
    }

    /** Writes an HTTP API event (payload format 2.0) as API Gateway sends it: for local callers of a function. */
    public static void writeHttpEvent(APIGatewayV2HTTPEvent event, OutputStream out) throws IOException {
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            writeText(json, "version", event.getVersion());
            writeText(json, "routeKey", event.getRouteKey());
            writeText(json, "rawPath", event.getRawPath());
            writeText(json, "rawQueryString", event.getRawQueryString());
            writeTextList(json, "cookies", event.getCookies());
            writeTextMap(json, "headers", event.getHeaders());
            writeTextMap(json, "queryStringParameters", event.getQueryStringParameters());
            writeTextMap(json, "pathParameters", event.getPathParameters());
            writeTextMap(json, "stageVariables", event.getStageVariables());
            APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
            if (context != null) {
                json.writeObjectFieldStart("requestContext");
                writeText(json, "routeKey", context.getRouteKey());
                writeText(json, "accountId", context.getAccountId());
                writeText(json, "stage", context.getStage());
                writeText(json, "apiId", context.getApiId());
                writeText(json, "domainName", context.getDomainName());
                writeText(json, "domainPrefix", context.getDomainPrefix());
                writeText(json, "time", context.getTime());
                json.writeNumberField("timeEpoch", context.getTimeEpoch());
                writeText(json, "requestId", context.getRequestId());
                APIGatewayV2HTTPEvent.RequestContext.Http http = context.getHttp();
                if (http != null) {
                    json.writeObjectFieldStart("http");
                    writeText(json, "method", http.getMethod());
                    writeText(json, "path", http.getPath());
                    writeText(json, "protocol", http.getProtocol());
                    writeText(json, "sourceIp", http.getSourceIp());
                    writeText(json, "userAgent", http.getUserAgent());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            writeText(json, "body", event.getBody());
            json.writeBooleanField("isBase64Encoded", event.getIsBase64Encoded());
            json.writeEndObject();
        }
    }

    /** Reads a function's answer to an HTTP API event: for local callers of a function. */
    public static APIGatewayV2HTTPResponse readHttpResponse(InputStream json) throws IOException {
        JsonNode response = readObject(json, "an HTTP API response");
        Map<String, List<String>> multiValueHeaders = null;
        JsonNode multi = response.get("multiValueHeaders");
        if (multi != null && multi.isObject()) {
            multiValueHeaders = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> header : multi.properties()) {
                multiValueHeaders.put(header.getKey(), textList(multi, header.getKey()));
            }
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.path("statusCode").asInt())
                .withHeaders(textMap(response, "headers"))
                .withMultiValueHeaders(multiValueHeaders)
                .withCookies(textList(response, "cookies"))
                .withBody(text(response, "body"))
                .withIsBase64Encoded(response.path("isBase64Encoded").asBoolean(false))
                .build();
    }

    // ---------------------------------------------------------------- SQS

    /** A batch of SQS messages as the event source mapping delivers it. */
    public static SQSEvent readQueueEvent(InputStream json) throws IOException {
        JsonNode event = readObject(json, "an SQS event");
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        JsonNode records = event.get("Records");
        if (records != null && records.isArray()) {
            for (JsonNode record : records) {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId(text(record, "messageId"));
                message.setReceiptHandle(text(record, "receiptHandle"));
                message.setBody(text(record, "body"));
                message.setMd5OfBody(text(record, "md5OfBody"));
                message.setMd5OfMessageAttributes(text(record, "md5OfMessageAttributes"));
                message.setEventSource(text(record, "eventSource"));
                message.setEventSourceArn(text(record, "eventSourceARN"));
                message.setAwsRegion(text(record, "awsRegion"));
                message.setAttributes(textMap(record, "attributes"));
                message.setMessageAttributes(messageAttributes(record.get("messageAttributes")));
                messages.add(message);
            }
        }
        SQSEvent batch = new SQSEvent();
        batch.setRecords(messages);
        return batch;
    }

    /** The partial batch answer ({@code ReportBatchItemFailures}): the messages to deliver again. */
    public static void writeBatchResponse(SQSBatchResponse response, OutputStream out) throws IOException {
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            if (response.getBatchItemFailures() != null) {
                for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                    json.writeStartObject();
                    writeText(json, "itemIdentifier", failure.getItemIdentifier());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Writes an SQS batch as the event source mapping delivers it: for local callers of a function. */
    public static void writeQueueEvent(SQSEvent event, OutputStream out) throws IOException {
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            if (event.getRecords() != null) {
                for (SQSEvent.SQSMessage message : event.getRecords()) {
                    json.writeStartObject();
                    writeText(json, "messageId", message.getMessageId());
                    writeText(json, "receiptHandle", message.getReceiptHandle());
                    writeText(json, "body", message.getBody());
                    writeTextMap(json, "attributes", message.getAttributes());
                    writeMessageAttributes(json, message.getMessageAttributes());
                    writeText(json, "md5OfBody", message.getMd5OfBody());
                    writeText(json, "md5OfMessageAttributes", message.getMd5OfMessageAttributes());
                    writeText(json, "eventSource", message.getEventSource());
                    writeText(json, "eventSourceARN", message.getEventSourceArn());
                    writeText(json, "awsRegion", message.getAwsRegion());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Reads a function's partial batch answer: for local callers of a function. */
    public static SQSBatchResponse readBatchResponse(InputStream json) throws IOException {
        JsonNode response = readObject(json, "an SQS batch response");
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        JsonNode items = response.get("batchItemFailures");
        if (items != null && items.isArray()) {
            for (JsonNode item : items) {
                failures.add(new SQSBatchResponse.BatchItemFailure(text(item, "itemIdentifier")));
            }
        }
        return new SQSBatchResponse(failures);
    }

    // ---------------------------------------------------------------- fields

    private static JsonNode readObject(InputStream in, String what) throws IOException {
        JsonNode node = Json.parse(in);
        if (node == null || !node.isObject()) {
            throw new IOException("the invocation payload is not " + what + " (a JSON object)");
        }
        return node;
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> textList(JsonNode object, String field) {
        JsonNode values = object.get(field);
        if (values == null || !values.isArray()) {
            return null;
        }
        List<String> list = new ArrayList<>(values.size());
        values.forEach(value -> list.add(value.asText()));
        return list;
    }

    private static Map<String, String> textMap(JsonNode object, String field) {
        JsonNode values = object.get(field);
        if (values == null || !values.isObject()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            map.put(
                    entry.getKey(),
                    entry.getValue().isNull() ? null : entry.getValue().asText());
        }
        return map;
    }

    private static Map<String, SQSEvent.MessageAttribute> messageAttributes(JsonNode attributes) {
        if (attributes == null || !attributes.isObject()) {
            return null;
        }
        Map<String, SQSEvent.MessageAttribute> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : attributes.properties()) {
            JsonNode value = entry.getValue();
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(text(value, "dataType"));
            attribute.setStringValue(text(value, "stringValue"));
            String binary = text(value, "binaryValue");
            if (binary != null) {
                attribute.setBinaryValue(ByteBuffer.wrap(Base64.getDecoder().decode(binary)));
            }
            map.put(entry.getKey(), attribute);
        }
        return map;
    }

    private static void writeMessageAttributes(JsonGenerator json, Map<String, SQSEvent.MessageAttribute> attributes)
            throws IOException {
        if (attributes == null) {
            return;
        }
        json.writeObjectFieldStart("messageAttributes");
        for (Map.Entry<String, SQSEvent.MessageAttribute> entry : attributes.entrySet()) {
            SQSEvent.MessageAttribute attribute = entry.getValue();
            json.writeObjectFieldStart(entry.getKey());
            writeText(json, "dataType", attribute.getDataType());
            writeText(json, "stringValue", attribute.getStringValue());
            if (attribute.getBinaryValue() != null) {
                ByteBuffer bytes = attribute.getBinaryValue().duplicate();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                json.writeStringField("binaryValue", Base64.getEncoder().encodeToString(copy));
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeText(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private static void writeTextList(JsonGenerator json, String field, List<String> values) throws IOException {
        if (values == null) {
            return;
        }
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeTextMap(JsonGenerator json, String field, Map<String, String> values) throws IOException {
        if (values == null) {
            return;
        }
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (entry.getValue() == null) {
                json.writeNullField(entry.getKey());
            } else {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
        }
        json.writeEndObject();
    }
}
