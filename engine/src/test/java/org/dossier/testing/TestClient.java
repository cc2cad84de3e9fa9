package org.dossier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dossier.Services;
import org.dossier.account.User;

/**
 * An HTTP client of the test server acting as one caller: anonymous, a browser signed in through
 * the login page (its session cookie and CSRF token added to every form), or a script with a
 * bearer token.
 */
public final class TestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String bearer;
    // A browser keeps the session cookie the server last set (a password change re-issues it), and
    // with it the new session's CSRF token, as a real one would read it from the next page.
    private volatile String cookie;
    private volatile String csrf;

    /** The answer's body as JSON; a body that is not JSON fails the test, showing the body. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private TestClient(String cookie, String csrf, String bearer) {
        this(null, cookie, csrf, bearer);
    }

    private TestClient(String baseUrl, String cookie, String csrf, String bearer) {
        this.baseUrl = baseUrl;
        this.cookie = cookie;
        this.csrf = csrf;
        this.bearer = bearer;
    }

    public static TestClient anonymous() {
        return new TestClient(null, null, null);
    }

    /** An anonymous caller of another server than {@link TestServer}'s, such as {@link TestServer#behindProxyUrl()}. */
    public static TestClient anonymousAt(String baseUrl) {
        return new TestClient(baseUrl, null, null, null);
    }

    public static TestClient bearer(String token) {
        return new TestClient(null, null, token);
    }

    /** A script acting with a fresh personal token of the user. */
    public static TestClient api(Services services, User user) {
        return bearer(TestUsers.token(services, user));
    }

    /** Signs in through the login page with {@link TestUsers#PASSWORD}. */
    public static TestClient browser(User user) {
        return signIn(user.email(), TestUsers.PASSWORD);
    }

    public static TestClient signIn(String email, String password) {
        HttpResponse<String> login = TestLogin.post(email, password, null);
        assertThat(login.statusCode()).as("login of %s: %s", email, login.body()).isEqualTo(303);
        String cookie = TestLogin.SESSION_COOKIE + "=" + TestLogin.sessionId(login);
        TestClient signedIn = new TestClient(cookie, null, null);
        // The password page is open even to an account that must first change its one-time password.
        String csrf = csrfIn(signedIn.get("/account/password").body());
        return new TestClient(cookie, csrf, null);
    }

    /** The session's CSRF token (null unless signed in through the login page). */
    public String csrf() {
        return csrf;
    }

    public String sessionCookie() {
        return cookie;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** A GET whose answer is a file (a PDF…): the body as bytes. */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts an HTML form, repeated names allowed; a signed-in browser adds its CSRF token unless one is given. */
    public HttpResponse<String> postForm(String path, List<Map.Entry<String, String>> fields, String... headers) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        if (csrf != null && all.stream().noneMatch(field -> field.getKey().equals("_csrf"))) {
            all.add(Map.entry("_csrf", csrf));
        }
        return send(request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(all))));
    }

    /**
     * Announces an oversized body and sends its first 64 KiB, over a plain socket, then reads the
     * status line. The server must refuse on the announced length, before reading the body; an
     * HTTP client sending the whole body would race with the server closing the connection.
     *
     * @return the status code of the answer
     */
    public int postOversized(String path, String contentType, String body) {
        URI uri = URI.create(TestServer.baseUrl());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n")
                .append("Connection: close\r\n");
        if (cookie != null) {
            head.append("Cookie: ").append(cookie).append("\r\n");
        }
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        if (csrf != null) {
            head.append("X-CSRF-Token: ").append(csrf).append("\r\n");
        }
        head.append("\r\n");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, Math.min(bytes.length, 64 * 1024));
            out.flush();
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            assertThat(status).as("status line").startsWith("HTTP/1.1 ");
            return Integer.parseInt(status.substring(9, 12));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Posts a multipart form with one file, as a browser's file upload does; the CSRF token goes in the form. */
    public HttpResponse<String> postMultipart(String path, List<Map.Entry<String, String>> fields, String fileField,
                                              String fileName, String fileType, byte[] file) {
        String boundary = "----dossier" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        if (csrf != null) {
            all.add(Map.entry("_csrf", csrf));
        }
        for (Map.Entry<String, String> field : all) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Posts raw bytes; a signed-in browser sends its CSRF token as a header. */
    public HttpResponse<String> postBytes(String path, byte[] body, String contentType) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType);
        if (csrf != null) {
            builder.header("X-CSRF-Token", csrf);
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<String> postJson(String path, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> putJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method, any body, for the isolation suite. */
    public HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (csrf != null && !method.equals("GET")) {
            builder.header("X-CSRF-Token", csrf);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create((baseUrl == null ? TestServer.baseUrl() : baseUrl)
                + path));
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    static String csrfIn(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a CSRF field in %s", html).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpResponse<String> response = exchange(builder);
        if (cookie != null) {
            TestLogin.setCookie(response, TestLogin.SESSION_COOKIE).ifPresent(set -> {
                cookie = set.substring(0, set.indexOf(';'));
                if (csrf != null) {
                    csrf = csrfIn(get("/account/password").body());
                }
            });
        }
        return response;
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder builder) {
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(List<Map.Entry<String, String>> fields) {
        return fields.stream()
                .map(field -> java.net.URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
