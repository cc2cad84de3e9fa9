package org.dossier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The login page driven step by step, for the tests of login itself: fetch the form (its CSRF
 * cookie and field), then post it with the cookies and fields the test chooses.
 */
public final class TestLogin {
    public static final String CSRF_COOKIE = "dossier_login_csrf";
    public static final String SESSION_COOKIE = "dossier_session";
    /** The prefix both cookies take over HTTPS. */
    public static final String HOST_PREFIX = "__Host-";

    private TestLogin() {}

    /**
     * The login form as a browser got it.
     *
     * @param setCookie the whole Set-Cookie header of the CSRF cookie, attributes included
     * @param cookie    the {@code name=value} pair to send back
     */
    public record Form(String setCookie, String cookie, String csrf) {}

    public static Form form(String... headers) {
        HttpResponse<String> page = TestClient.anonymous().get("/login", headers);
        assertThat(page.statusCode()).isEqualTo(200);
        String setCookie = setCookie(page, CSRF_COOKIE).or(() -> setCookie(page, HOST_PREFIX + CSRF_COOKIE)).orElseThrow();
        return new Form(setCookie, setCookie.substring(0, setCookie.indexOf(';')), TestClient.csrfIn(page.body()));
    }

    /** Fetches the form and posts it; {@code next} is left out when null. Extra headers go with both requests. */
    public static HttpResponse<String> post(String email, String password, String next, String... headers) {
        Form form = form(headers);
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("_csrf", form.csrf()),
                Map.entry("email", email), Map.entry("password", password)));
        if (next != null) {
            fields.add(Map.entry("next", next));
        }
        List<String> all = new ArrayList<>(List.of("Cookie", form.cookie()));
        all.addAll(List.of(headers));
        return TestClient.anonymous().postForm("/login", fields, all.toArray(String[]::new));
    }

    /** The Set-Cookie header that gives {@code name} a non-empty value, if the answer has one. */
    public static Optional<String> setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(name + "=") && !value.startsWith(name + "=;"))
                .findFirst();
    }

    /** The Set-Cookie header that clears {@code name}, if the answer has one. */
    public static Optional<String> clearedCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(name + "=;") && value.contains("Max-Age=0"))
                .findFirst();
    }

    /** The session id a login answer set. */
    public static String sessionId(HttpResponse<?> response) {
        String header = setCookie(response, SESSION_COOKIE).orElseThrow(() ->
                new AssertionError("no session cookie in " + response.headers().allValues("Set-Cookie")));
        return header.substring(SESSION_COOKIE.length() + 1, header.indexOf(';'));
    }
}
