package org.dossier.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The measured HTTP calls, each requiring the one status a right answer has. Redirects are not
 * followed, so a redirect to the login page shows as the 303 it is, not as the login page's 200.
 *
 * <p>A plain HTTP/1.1 client over one kept-alive socket per calling thread, in the manner of
 * {@code wrk}: the load generator shares the machine's cores with the server and the database, so
 * every microsecond it spends is taken from the engine being measured. The JDK's
 * {@code HttpClient} used about 0.18 ms of CPU per submit here (its selector thread hands every
 * answer to another thread), this one about 0.03 ms. Bodies are read in full
 * ({@code Content-Length} or chunked, strictly) and discarded.
 */
final class BenchHttp {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    BenchHttp(int port) {
        this.port = port;
        this.host = "127.0.0.1:" + port;
    }

    /** A page as the caseworker's browser asks for it, with the session cookie; must answer 200. */
    void page(String path, Credentials credentials) throws IOException, UnexpectedStatusException {
        exchange("GET", path, 200, "Cookie: " + credentials.cookie() + "\r\n", null);
    }

    /** A GET of the API with the caseworker's token; must answer 200. */
    void getJson(String path, Credentials credentials) throws IOException, UnexpectedStatusException {
        exchange("GET", path, 200, "Accept: application/json\r\nAuthorization: Bearer " + credentials.token() + "\r\n",
                null);
    }

    /** A GET with no credentials, for the bare endpoints of the floors; must answer {@code expected}. */
    void get(String path, int expected) throws IOException, UnexpectedStatusException {
        exchange("GET", path, expected, "", null);
    }

    /** A JSON POST to the API with the caseworker's token; must answer {@code expected}. */
    void postJson(String path, String body, Credentials credentials, int expected)
            throws IOException, UnexpectedStatusException {
        exchange("POST", path, expected, "Content-Type: application/json\r\nAuthorization: Bearer "
                + credentials.token() + "\r\n", body.getBytes(StandardCharsets.UTF_8));
    }

    private void exchange(String method, String path, int expected, String headers, byte[] body)
            throws IOException, UnexpectedStatusException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n").append(headers);
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        Connection connection = connection();
        Response response;
        try {
            response = connection.send(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
        } catch (IOException e) {
            connections.remove();
            connection.close();
            throw e;
        }
        if (response.close()) {
            connections.remove();
            connection.close();
        }
        if (response.status() != expected) {
            throw new UnexpectedStatusException(method, path, response, expected);
        }
    }

    private Connection connection() throws IOException {
        Connection connection = connections.get();
        if (connection == null) {
            connection = new Connection(port);
            connections.set(connection);
        }
        return connection;
    }

    record Response(int status, String location, boolean close) {}

    /** One kept-alive connection, used by one thread at a time. */
    private static final class Connection {
        private final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;

        Connection(int port) throws IOException {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        Response send(byte[] head, byte[] body) throws IOException {
            if (body == null) {
                out.write(head);
            } else {
                byte[] request = new byte[head.length + body.length];
                System.arraycopy(head, 0, request, 0, head.length);
                System.arraycopy(body, 0, request, head.length, body.length);
                out.write(request);
            }
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String location = null;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    throw new IOException("malformed header: " + header);
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    case "location" -> location = value;
                    default -> { }
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    if (!line().isEmpty()) {
                        throw new IOException("chunk longer than its announced size");
                    }
                }
                while (!line().isEmpty()) {
                    // trailers, if any
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                // Neither length nor chunks: the body runs to the end of the connection.
                while (in.read() >= 0) {
                    // drain
                }
                close = true;
            }
            return new Response(status, location, close);
        }

        private long chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private void skip(long count) throws IOException {
            long left = count;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("answer cut short");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        /** One header line, without its CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed by the server");
                }
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing more to do
            }
        }
    }

    /** A request answered with another status than the expected one: a wrong answer, never a timing. */
    static final class UnexpectedStatusException extends Exception {
        UnexpectedStatusException(String method, String path, Response response, int expected) {
            super(method + " " + path + " answered " + response.status() + ", expected " + expected
                    + (response.location() == null ? "" : " (Location: " + response.location() + ")"));
        }
    }
}
