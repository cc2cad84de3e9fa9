package org.dossier.web.signon;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.dossier.App;
import org.dossier.Config;
import org.dossier.signon.SignOnSettings;
import org.dossier.testing.TestDatabase;

/**
 * A real OpenID Connect provider in the test JVM (navikt's mock-oauth2-server, issuer
 * {@code /default}) and a Dossier app configured to use it, on the tests' database.
 */
final class SignOnFixture {
    static final String ISSUER_ID = "default";
    static final String CLIENT_ID = "dossier-test";
    static final String CLIENT_SECRET = "dossier-test-secret";

    final MockOAuth2Server provider;
    final ScriptedTokenResponse scripted;
    final Javalin app;
    final String baseUrl;

    private SignOnFixture(MockOAuth2Server provider, ScriptedTokenResponse scripted, Javalin app, String baseUrl) {
        this.provider = provider;
        this.scripted = scripted;
        this.app = app;
        this.baseUrl = baseUrl;
    }

    /** The provider and an app that signs on through it, with or without the password form. */
    static SignOnFixture start(boolean passwordLogin) {
        return start(passwordLogin, Optional.empty());
    }

    /** As {@link #start(boolean)}, the client secret sent as {@code clientAuth} says ({@code basic} or {@code post}). */
    static SignOnFixture start(boolean passwordLogin, Optional<String> clientAuth) {
        ScriptedTokenResponse scripted = new ScriptedTokenResponse();
        MockOAuth2Server provider = new MockOAuth2Server(scripted);
        provider.start();
        int port = freePort();
        String baseUrl = "http://127.0.0.1:" + port;
        SignOnSettings settings = new SignOnSettings(Optional.of(new SignOnSettings.Provider(
                provider.issuerUrl(ISSUER_ID).uri(), CLIENT_ID, CLIENT_SECRET,
                URI.create(baseUrl + SignOnRoutes.CALLBACK), "openid email profile", "MonFournisseur", false,
                Optional.empty(), clientAuth)), passwordLogin);
        Javalin app = App.create(Config.fromEnvironment().withPort(port).withSignOn(settings), TestDatabase.services())
                .start();
        return new SignOnFixture(provider, scripted, app, baseUrl);
    }

    void stop() {
        app.stop();
        provider.shutdown();
    }

    /** A browser: keeps cookies of both sites, follows no redirect on its own so each hop can be looked at. */
    static Browser browser() {
        return new Browser();
    }

    static final class Browser {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> get(String url, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(20));
            if (headers.length > 0) {
                request.headers(headers);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> postForm(String url, String body) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Where a redirect points, made absolute against the request's URL. */
        static String location(HttpResponse<?> response) {
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
            return response.uri().resolve(location).toString();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
