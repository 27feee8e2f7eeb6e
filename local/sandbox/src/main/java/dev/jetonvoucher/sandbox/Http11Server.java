package dev.jetonvoucher.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on a plain {@link ServerSocket}, for the sandbox's gateway. It exists because the JDK's
 * {@code com.sun.net.httpserver} rewrites every response header name to one capital ({@code Content-type},
 * {@code Set-cookie}) and offers no supported way to keep the spelling; API Gateway writes the names the function
 * set, so this server writes them byte for byte as given.
 *
 * <p>What it does: request line and headers (at most {@link #MAX_HEAD_BYTES} and {@link #MAX_HEADERS}, else 431;
 * malformed, 400), bodies by Content-Length or chunked (over the body limit, 413), {@code Expect: 100-continue},
 * keep-alive (HTTP/1.1's default; {@code Connection: close} and HTTP/1.0 close after the answer), HEAD (headers
 * only). Each connection has a thread of its own, made when needed; a request must arrive, head and body, within
 * the read timeout or its connection is closed. Idle keep-alive connections give way to new ones at the limit.
 */
final class Http11Server implements AutoCloseable {

    static final int MAX_HEAD_BYTES = 8 * 1024;
    static final int MAX_HEADERS = 100;
    /** How long a kept-alive connection may wait for its next request. */
    static final Duration KEEP_ALIVE_IDLE = Duration.ofSeconds(30);

    private static final int STOP_WAIT_SECONDS = 5;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** A request as it arrived: headers in order and as spelled, the body whole. */
    record Request(
            String method,
            String rawPath,
            String rawQuery,
            String protocol,
            List<Map.Entry<String, String>> headers,
            byte[] body,
            InetAddress remoteAddress) {}

    /** An answer: headers are written in this order and spelling (Content-Length and Date are the server's). */
    record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

    interface Handler {
        Reply handle(Request request);
    }

    /** A request the server answers itself (malformed, too large) without asking the handler. */
    private static final class Refusal extends Exception {
        final int status;

        Refusal(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final Duration readTimeout;
    private final int maxBodyBytes;
    private final int maxConnections;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Connections that count against {@link #maxConnections}: open and not evicted. */
    private final AtomicInteger counted = new AtomicInteger();

    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons("sandbox-http-"));
    private final ScheduledThreadPoolExecutor deadlines =
            new ScheduledThreadPoolExecutor(1, daemons("sandbox-http-deadline-"));
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread acceptor;

    Http11Server(InetSocketAddress address, Duration readTimeout, int maxBodyBytes, int maxConnections, Handler handler)
            throws IOException {
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(address, 64);
        this.handler = handler;
        this.readTimeout = readTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.maxConnections = maxConnections;
        deadlines.setRemoveOnCancelPolicy(true); // a deadline is cancelled on every request: do not keep them queued
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    void start() {
        acceptor = daemons("sandbox-http-accept-").newThread(this::acceptLoop);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                continue; // e.g. the client reset before it was accepted
            }
            admit(socket);
        }
    }

    /** Gives the connection a thread; at the limit, an idle connection is closed for it, else it is refused. */
    private void admit(Socket socket) {
        if (counted.incrementAndGet() > maxConnections && !evictOneIdle()) {
            counted.decrementAndGet();
            closeQuietly(socket);
            return;
        }
        Connection connection = new Connection(socket);
        connections.add(connection);
        try {
            threads.execute(connection::serve);
        } catch (RejectedExecutionException closing) {
            connection.release();
        }
    }

    private boolean evictOneIdle() {
        for (Connection connection : connections) {
            if (connection.evictIfIdle()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops accepting, closes idle connections, lets requests in progress finish (for a while) and then closes the
     * rest. Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(serverSocket);
        connections.forEach(Connection::evictIfIdle);
        // No interrupts at first: a function mid-request finishes its work rather than being cut off between two
        // AWS calls; only one still running after the wait is interrupted.
        threads.shutdown();
        try {
            if (!threads.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                connections.forEach(connection -> closeQuietly(connection.socket));
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        deadlines.shutdownNow();
    }

    private final class Connection {
        final Socket socket;
        private boolean idle = true; // waiting for a request's first byte: may be closed to make room
        private boolean released;

        Connection(Socket socket) {
            this.socket = socket;
        }

        synchronized boolean evictIfIdle() {
            if (!idle || released) {
                return false;
            }
            release();
            return true;
        }

        /** Closes the socket and stops counting this connection (once). */
        synchronized void release() {
            if (!released) {
                released = true;
                counted.decrementAndGet();
                connections.remove(this);
                closeQuietly(socket);
            }
        }

        /** False when the connection was closed meanwhile (evicted, or the server stopping). */
        private synchronized boolean busy() {
            if (released) {
                return false;
            }
            idle = false;
            return true;
        }

        private synchronized boolean waiting() {
            if (released || closed.get()) {
                return false;
            }
            idle = true;
            return true;
        }

        void serve() {
            try {
                socket.setTcpNoDelay(true); // a head and a small body go out in one write; no waiting on Nagle
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
                boolean first = true;
                while (waiting()) {
                    socket.setSoTimeout((int) (first ? readTimeout : KEEP_ALIVE_IDLE).toMillis());
                    int firstByte;
                    try {
                        firstByte = in.read();
                    } catch (SocketTimeoutException | SocketException idleTooLong) {
                        return;
                    }
                    if (firstByte < 0 || !busy()) {
                        return;
                    }
                    socket.setSoTimeout(0); // the deadline below bounds the whole request, not each read
                    if (!serveOne(firstByte, in, out)) {
                        return;
                    }
                    first = false;
                }
            } catch (IOException goneAway) {
                // The client went away mid-answer: nobody is left to answer.
            } finally {
                release();
            }
        }

        /** Reads one request and answers it; false when the connection is to be closed. */
        private boolean serveOne(int firstByte, InputStream in, OutputStream out) throws IOException {
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> deadline = deadlines.schedule(
                    () -> {
                        timedOut.set(true);
                        closeQuietly(socket);
                    },
                    readTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            Head head = null;
            Request request;
            try {
                head = Head.read(firstByte, in);
                byte[] body = readBody(head, in, out);
                request = new Request(
                        head.method,
                        head.rawPath,
                        head.rawQuery,
                        head.protocol,
                        head.headers,
                        body,
                        socket.getInetAddress());
            } catch (Refusal refusal) {
                deadline.cancel(false);
                System.out.println(
                        "WARN gateway.request_refused status=" + refusal.status + " error=" + refusal.getMessage());
                write(out, errorReply(refusal.status), head != null && head.method.equals("HEAD"), false);
                lingeringClose(in);
                return false;
            } catch (IOException cutOff) {
                // A client that stalled past the deadline, or went away: nobody is left to answer.
                System.out.println("WARN gateway.request_not_received"
                        + (head == null ? "" : " route=" + head.method + " " + head.rawPath) + " error="
                        + (timedOut.get()
                                ? "the request did not arrive within " + readTimeout.toSeconds() + " s"
                                : cutOff.getMessage()));
                return false;
            } finally {
                deadline.cancel(false);
            }
            if (timedOut.get()) {
                return false; // the deadline closed the socket just as the last byte arrived
            }
            Reply reply;
            try {
                reply = handler.handle(request);
            } catch (RuntimeException e) {
                System.out.println(
                        "ERROR gateway.handler_failed route=" + head.method + " " + head.rawPath + " error=" + e);
                reply = errorReply(500);
            }
            boolean keepAlive = head.keepAlive && !closed.get();
            write(out, reply, head.method.equals("HEAD"), keepAlive);
            return keepAlive;
        }

        /** The body, by Content-Length or chunked; answers an {@code Expect: 100-continue} first. */
        private byte[] readBody(Head head, InputStream in, OutputStream out) throws IOException, Refusal {
            String transferEncoding = head.single("transfer-encoding");
            String contentLength = head.single("content-length");
            long length = 0;
            if (transferEncoding != null) {
                if (!transferEncoding.trim().equalsIgnoreCase("chunked")) {
                    throw new Refusal(501, "transfer coding " + transferEncoding + " not implemented");
                }
                head.keepAlive &= contentLength == null; // both framings at once: answer, then close (RFC 9112 §6.3)
            } else if (contentLength != null) {
                length = parseLength(contentLength);
                if (length > maxBodyBytes) {
                    throw new Refusal(413, "the body is over " + maxBodyBytes + " bytes");
                }
            }
            String expect = head.single("expect");
            if (expect != null) {
                if (!expect.trim().equalsIgnoreCase("100-continue")) {
                    throw new Refusal(417, "cannot meet Expect: " + expect);
                }
                if (head.protocol.equals("HTTP/1.1") && (length > 0 || transferEncoding != null)) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            return transferEncoding != null ? readChunked(in) : readExactly(in, (int) length);
        }

        private byte[] readChunked(InputStream in) throws IOException, Refusal {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in, 1024);
                int semicolon = sizeLine.indexOf(';'); // chunk extensions are ignored
                String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
                long size;
                try {
                    if (hex.isEmpty() || hex.length() > 8) {
                        throw new NumberFormatException(hex);
                    }
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new Refusal(400, "bad chunk size " + hex);
                }
                if (size == 0) {
                    break;
                }
                if (body.size() + size > maxBodyBytes) {
                    throw new Refusal(413, "the body is over " + maxBodyBytes + " bytes");
                }
                body.write(readExactly(in, (int) size));
                if (!readLine(in, 2).isEmpty()) {
                    throw new Refusal(400, "a chunk is longer than its size");
                }
            }
            int trailerBytes = 0;
            for (String trailer = readLine(in, MAX_HEAD_BYTES);
                    !trailer.isEmpty();
                    trailer = readLine(in, MAX_HEAD_BYTES)) {
                trailerBytes += trailer.length();
                if (trailerBytes > MAX_HEAD_BYTES) {
                    throw new Refusal(431, "trailers over " + MAX_HEAD_BYTES + " bytes");
                }
            }
            return body.toByteArray();
        }

        /** After a refusal the rest of the request is unread: take some of it so the client sees the answer, not a reset. */
        private void lingeringClose(InputStream in) {
            try {
                socket.shutdownOutput();
                socket.setSoTimeout(1000);
                byte[] discard = new byte[16 * 1024];
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < until && in.read(discard) > 0) {
                    // discarded
                }
            } catch (IOException done) {
                // timed out, reset or closed: the connection is closed below either way
            }
        }
    }

    private static long parseLength(String value) throws Refusal {
        String digits = value.trim();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Refusal(400, "bad Content-Length " + value);
        }
        return Long.parseLong(digits);
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException(
                    "the client closed the connection after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    /** A line up to CRLF (or a bare LF), without it; at most {@code limit} bytes. */
    private static String readLine(InputStream in, int limit) throws IOException, Refusal {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed the connection mid-line");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > limit) {
                throw new Refusal(400, "a line over " + limit + " bytes");
            }
            line.append((char) b);
        }
    }

    /** The request line and headers. */
    private static final class Head {
        String method;
        String rawPath;
        String rawQuery;
        String protocol;
        final List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean keepAlive;

        static Head read(int firstByte, InputStream in) throws IOException, Refusal {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            int total = 0;
            for (int b = firstByte; ; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the client closed the connection mid-head");
                }
                if (++total > MAX_HEAD_BYTES) {
                    throw new Refusal(431, "the request head is over " + MAX_HEAD_BYTES + " bytes");
                }
                if (b != '\n') {
                    line.append((char) b); // ISO-8859-1, as RFC 9110 reads header bytes
                    continue;
                }
                int end = line.length();
                String text = end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                line.setLength(0);
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // RFC 9112 §2.2: empty lines before a request line are ignored
                    }
                    break;
                }
                lines.add(text);
                if (lines.size() > MAX_HEADERS + 1) {
                    throw new Refusal(431, "over " + MAX_HEADERS + " header fields");
                }
            }
            Head head = new Head();
            head.requestLine(lines.get(0));
            for (String field : lines.subList(1, lines.size())) {
                head.field(field);
            }
            String connection = head.joined("connection");
            // HTTP/1.1 keeps the connection unless told to close it; HTTP/1.0 gets one request a connection.
            head.keepAlive = head.protocol.equals("HTTP/1.1") && (connection == null || !hasToken(connection, "close"));
            if (head.protocol.equals("HTTP/1.1") && head.single("host") == null) {
                throw new Refusal(400, "no Host header");
            }
            return head;
        }

        private void requestLine(String line) throws Refusal {
            String[] parts = line.split(" ", -1);
            if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
                throw new Refusal(400, "malformed request line");
            }
            method = parts[0];
            protocol = parts[2];
            if (!protocol.matches("HTTP/\\d\\.\\d")) {
                throw new Refusal(400, "malformed request line");
            }
            if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
                throw new Refusal(505, protocol + " not supported");
            }
            String target = parts[1];
            if (target.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new Refusal(400, "malformed request target");
            }
            if (target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8)) {
                int slash = target.indexOf('/', target.indexOf("//") + 2); // absolute form: the path onwards
                target = slash < 0 ? "/" : target.substring(slash);
            }
            if (!target.startsWith("/")) {
                throw new Refusal(400, "malformed request target");
            }
            int hash = target.indexOf('#');
            if (hash >= 0) {
                target = target.substring(0, hash);
            }
            int question = target.indexOf('?');
            rawPath = question < 0 ? target : target.substring(0, question);
            rawQuery = question < 0 ? null : target.substring(question + 1);
        }

        private void field(String line) throws Refusal {
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                // also a folded line (starts with a space), obsolete and refused (RFC 9112 §5.2)
                throw new Refusal(400, "malformed header field");
            }
            headers.add(Map.entry(
                    line.substring(0, colon), line.substring(colon + 1).strip()));
        }

        /** The header's one value; null when absent; a 400 when it is given twice with different values. */
        String single(String lowerName) throws Refusal {
            String value = null;
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase(lowerName)) {
                    if (value != null && !value.equals(header.getValue())) {
                        throw new Refusal(400, "conflicting " + header.getKey() + " headers");
                    }
                    value = header.getValue();
                }
            }
            return value;
        }

        String joined(String lowerName) {
            return headers.stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(lowerName))
                    .map(Map.Entry::getValue)
                    .reduce((a, b) -> a + "," + b)
                    .orElse(null);
        }

        private static boolean hasToken(String list, String token) {
            for (String item : list.split(",")) {
                if (item.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** RFC 9110's token: what a method and a header name are made of. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** API Gateway's answer body for what it refuses itself: {@code {"message":"<reason>"}}. */
    private static Reply errorReply(int status) {
        return new Reply(
                status,
                List.of(Map.entry("Content-Type", "application/json")),
                ("{\"message\":\"" + reason(status) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the answer: headers exactly as spelled, except those that frame the message (the server's own), and any
     * that could not be sent as they are (a name not a token, a value with a line break) are left out.
     */
    private static void write(OutputStream out, Reply reply, boolean headRequest, boolean keepAlive)
            throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ")
                .append(reply.status())
                .append(' ')
                .append(reason(reply.status()))
                .append("\r\n");
        boolean hasDate = false;
        for (Map.Entry<String, String> header : reply.headers()) {
            String name = header.getKey();
            String value = header.getValue() == null ? "" : header.getValue();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length")
                    || lower.equals("transfer-encoding")
                    || lower.equals("connection")
                    || lower.equals("keep-alive")
                    || !isToken(name)
                    || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                continue;
            }
            hasDate |= lower.equals("date");
            head.append(name).append(": ").append(value).append("\r\n");
        }
        if (!hasDate) {
            head.append("Date: ")
                    .append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
                    .append("\r\n");
        }
        boolean bodyAllowed = reply.status() != 204 && reply.status() != 304 && reply.status() >= 200;
        if (bodyAllowed) {
            head.append("Content-Length: ").append(reply.body().length).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        // Header values may be UTF-8 (a file name, say): written as UTF-8 bytes, as API Gateway passes them.
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (bodyAllowed && !headRequest) {
            out.write(reply.body());
        }
        out.flush();
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default ->
                status < 200
                        ? "Informational"
                        : status < 300
                                ? "Success"
                                : status < 400 ? "Redirection" : status < 500 ? "Client Error" : "Server Error";
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed, or the peer reset it: nothing left to release
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
