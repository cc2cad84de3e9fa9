package org.dossier.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.web.ErrorMapper;
import org.dossier.web.TrustedProxies;
import org.dossier.web.WebKit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code X-Request-Id} on every answer: chosen by a trusted proxy when sane, generated otherwise. */
@Tag("integration")
class RequestIdTest {
    private static final java.util.regex.Pattern GENERATED =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void every_kind_of_answer_carries_a_request_id() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "reqid");
        User viewer = TestUsers.member(services, tenant, Role.VIEWER, false);
        TestClient browser = TestClient.browser(viewer);
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("200 page", browser.get("/t/" + tenant.slug() + "/records"));
        answers.put("403 page", browser.get("/t/" + tenant.slug() + "/records/new"));
        answers.put("404 page", browser.get("/no-such-page"));
        answers.put("redirect", TestClient.anonymous().get("/t/" + tenant.slug() + "/records"));
        answers.put("static file", TestClient.anonymous().get("/assets/js/dossier.js"));
        answers.put("API 401", TestClient.anonymous().get("/api/v1/tenants/" + tenant.slug() + "/records"));

        answers.forEach((kind, answer) -> assertThat(answer.headers().firstValue(RequestIds.HEADER)).as(kind)
                .hasValueSatisfying(id -> assertThat(id).matches(GENERATED)));
        assertThat(answers.values().stream().map(answer -> answer.headers().firstValue(RequestIds.HEADER).orElseThrow())
                .distinct()).hasSize(answers.size());
    }

    @Test
    void a_500_answer_carries_the_request_id_the_error_handler_found() throws Exception {
        // The app's own hooks and error mapper around a route that fails, as App wires them.
        WebKit web = WebKit.of(org.dossier.Config.fromEnvironment(), org.dossier.json.StrictJson.mapper());
        ErrorMapper errors = new ErrorMapper(web.json(), new org.dossier.validation.Messages(), web.templates());
        RequestObservation observation = new RequestObservation(new SimpleMeterRegistry(), TrustedProxies.none());
        Javalin app = Javalin.create(config -> {
            config.jetty.port = 0;
            config.routes.before(observation::begin);
            config.requestLogger.http(observation::end);
            config.routes.exception(Exception.class, errors::unexpected);
            config.routes.get("/fails", ctx -> {
                throw new IllegalStateException("a bug");
            });
        }).start();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/fails")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.headers().firstValue(RequestIds.HEADER)).hasValueSatisfying(id -> assertThat(id).matches(GENERATED));
        } finally {
            app.stop();
        }
    }

    @Test
    void a_trusted_proxy_s_request_id_is_kept_and_an_untrusted_client_s_is_replaced() {
        String chosen = "edge-" + System.nanoTime() + ".a_b";
        HttpResponse<String> viaProxy = TestClient.anonymousAt(TestServer.behindProxyUrl())
                .get("/health/live", RequestIds.HEADER, chosen);
        HttpResponse<String> direct = TestClient.anonymous().get("/health/live", RequestIds.HEADER, chosen);

        assertThat(viaProxy.headers().firstValue(RequestIds.HEADER)).hasValue(chosen);
        assertThat(direct.headers().firstValue(RequestIds.HEADER)).hasValueSatisfying(id ->
                assertThat(id).isNotEqualTo(chosen).matches(GENERATED));
    }

    @Test
    void a_trusted_proxy_s_request_id_that_is_not_a_sane_token_is_replaced() {
        for (String insane : new String[] {"a".repeat(RequestIds.MAX_LENGTH + 1), "id with spaces", "id;drop", "id/slash"}) {
            HttpResponse<String> answer = TestClient.anonymousAt(TestServer.behindProxyUrl())
                    .get("/health/live", RequestIds.HEADER, insane);
            assertThat(answer.headers().firstValue(RequestIds.HEADER)).as(insane).hasValueSatisfying(id ->
                    assertThat(id).matches(GENERATED));
        }
        assertThat(RequestIds.choose(Optional.of("a".repeat(RequestIds.MAX_LENGTH)), true))
                .isEqualTo("a".repeat(RequestIds.MAX_LENGTH));
        assertThat(RequestIds.choose(Optional.of(""), true)).matches(GENERATED);
        assertThat(RequestIds.choose(Optional.empty(), true)).matches(GENERATED);
    }
}
