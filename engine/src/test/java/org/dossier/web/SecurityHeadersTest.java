package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The headers every answer carries: pages, errors, redirects, static files and the API alike. */
@Tag("integration")
class SecurityHeadersTest {
    private static Services services;
    private static Tenant tenant;
    private static User viewer;
    /** One answer of each kind, by what it is. */
    private static Map<String, HttpResponse<String>> answers;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "headers");
        viewer = TestUsers.member(services, tenant, Role.VIEWER, false);
        answers = collectAnswers();
    }

    private static Map<String, HttpResponse<String>> collectAnswers() {
        TestClient browser = TestClient.browser(viewer);
        TestClient script = TestClient.api(services, viewer);
        String records = "/t/" + tenant.slug() + "/records";
        Map<String, HttpResponse<String>> collected = new LinkedHashMap<>();
        collected.put("login page", TestClient.anonymous().get("/login"));
        collected.put("redirect to login", TestClient.anonymous().get(records));
        collected.put("signed-in page", browser.get(records));
        collected.put("403 page", browser.get(records + "/new"));
        collected.put("404 page", browser.get("/no-such-page"));
        collected.put("static file", TestClient.anonymous().get("/assets/js/dossier.js"));
        collected.put("health", TestClient.anonymous().get("/health/live"));
        collected.put("API description", TestClient.anonymous().get("/api/openapi.json"));
        collected.put("API reference page", TestClient.anonymous().get("/api/docs"));
        collected.put("API 401", TestClient.anonymous().get("/api/v1/tenants/" + tenant.slug() + "/records"));
        collected.put("API 200", script.get("/api/v1/tenants/" + tenant.slug() + "/records"));
        collected.put("token route 401", TestClient.anonymous().postJson("/api/v1/auth/token",
                "{\"email\":\"nobody-" + System.nanoTime() + "@test.example\",\"password\":\"wrong password\"}"));
        return collected;
    }

    @Test
    void every_kind_of_answer_carries_a_strict_content_security_policy() {
        assertThat(answers.get("signed-in page").statusCode()).isEqualTo(200);
        assertThat(answers.get("403 page").statusCode()).isEqualTo(403);
        assertThat(answers.get("API 200").statusCode()).isEqualTo(200);

        answers.forEach((kind, response) -> {
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            List<String> directives = Arrays.stream(csp.split(";")).map(String::strip).toList();
            assertThat(directives).as(kind).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                    "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'");
            assertThat(csp).as(kind).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*");
        });
    }

    @Test
    void every_kind_of_answer_forbids_sniffing_framing_and_cross_site_referrers() {
        answers.forEach((kind, response) -> {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(kind).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(kind).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(kind).hasValue("same-origin");
        });
    }

    @Test
    void pages_and_api_answers_are_not_cached() {
        for (String kind : List.of("login page", "signed-in page", "403 page", "API 401", "API 200")) {
            assertThat(answers.get(kind).headers().firstValue("Cache-Control")).as(kind).hasValue("no-store");
        }
    }
}
