package org.dossier.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The measured HTTP calls, each requiring the one status a right answer has. Redirects are not
 * followed, so a redirect to the login page shows as the 303 it is, not as the login page's 200.
 */
final class BenchHttp {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    BenchHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A page as the caseworker's browser asks for it, with the session cookie; must answer 200. */
    void page(String path, Credentials credentials) throws IOException, InterruptedException, UnexpectedStatusException {
        expect(200, HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", credentials.cookie()).GET().build());
    }

    /** A JSON POST to the API with the caseworker's token; must answer {@code expected}. */
    void postJson(String path, String body, Credentials credentials, int expected)
            throws IOException, InterruptedException, UnexpectedStatusException {
        expect(expected, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + credentials.token())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private void expect(int expected, HttpRequest request)
            throws IOException, InterruptedException, UnexpectedStatusException {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != expected) {
            throw new UnexpectedStatusException(request, response, expected);
        }
    }

    /** A request answered with another status than the expected one: a wrong answer, never a timing. */
    static final class UnexpectedStatusException extends Exception {
        UnexpectedStatusException(HttpRequest request, HttpResponse<?> response, int expected) {
            super(request.method() + " " + request.uri().getRawPath()
                    + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery())
                    + " answered " + response.statusCode() + ", expected " + expected
                    + response.headers().firstValue("Location").map(location -> " (Location: " + location + ")").orElse(""));
        }
    }
}
