package org.dossier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.dossier.testing.TestClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reference page and the description are public and served from this server alone: the page's
 * scripts and styles all come from our origin (the WebJar and our initialiser), under the same
 * Content-Security-Policy as every other page, with no inline script.
 */
@Tag("integration")
class ApiReferencePageTest {

    @Test
    void the_description_is_public_json() {
        HttpResponse<String> answer = TestClient.anonymous().get("/api/openapi.json");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(TestClient.json(answer).get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(answer.headers().firstValue("Content-Security-Policy"))
                .isEqualTo(TestClient.anonymous().get("/login").headers().firstValue("Content-Security-Policy"));
    }

    @Test
    void the_reference_page_loads_swagger_ui_from_the_webjar_under_the_sites_csp() {
        HttpResponse<String> page = TestClient.anonymous().get("/api/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .isEqualTo(TestClient.anonymous().get("/login").headers().firstValue("Content-Security-Policy"));
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        Document html = Jsoup.parse(page.body());
        assertThat(html.select("script")).allSatisfy(script -> {
            assertThat(script.attr("src")).as("no inline script").startsWith("/");
            assertThat(script.data()).isBlank();
        });
        assertThat(html.select("[style]")).as("no inline style").isEmpty();
        assertThat(html.select("script").eachAttr("src")).anyMatch(src -> src.matches("/webjars/swagger-ui/[0-9.]+/swagger-ui-bundle\\.js"))
                .contains("/assets/js/api-docs.js");
        List<String> failures = new ArrayList<>();
        for (Element asset : html.select("script[src], link[rel=stylesheet]")) {
            String url = asset.hasAttr("src") ? asset.attr("src") : asset.attr("href");
            HttpResponse<byte[]> served = TestClient.anonymous().getBytes(url);
            if (served.statusCode() != 200 || served.body().length == 0) {
                failures.add(url + " answered " + served.statusCode());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(html.select("html").attr("lang")).isEqualTo("fr");
        assertThat(html.select("#swagger-ui").attr("data-url")).isEqualTo("/api/openapi.json");
        assertThat(html.select("#swagger-ui a[href='/api/openapi.json']")).as("the description, without JavaScript").hasSize(1);
    }

    @Test
    void the_reference_page_speaks_english_on_request() {
        Document html = Jsoup.parse(TestClient.anonymous().get("/api/docs?lang=en").body());

        assertThat(html.select("html").attr("lang")).isEqualTo("en");
        assertThat(html.title()).isEqualTo("Dossier – API reference");
    }
}
