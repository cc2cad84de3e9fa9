package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.tenant.Tenant;
import org.dossier.web.view.PebbleTemplates;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's render floor draws the engine's new-case-file page: the same controls, labels
 * and sections, so that the ratio between the two is the engine's per-request work and not a
 * smaller page.
 */
@Tag("integration")
class NewCaseFileModelTest {

    @Test
    void the_model_built_without_a_request_draws_the_same_form_as_the_engine_page() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "floor-page");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        HttpResponse<String> served = TestClient.browser(caseworker).get("/t/" + tenant.slug() + "/records/new");
        assertThat(served.statusCode()).isEqualTo(200);

        String drawn = new PebbleTemplates().render("pages/record-form",
                NewCaseFileModel.of(services, tenant, Locale.FRENCH, true, caseworker.displayName(), "token", 1800),
                Locale.FRENCH);

        Document engine = Jsoup.parse(served.body());
        Document floor = Jsoup.parse(drawn);
        assertThat(controls(floor)).hasSizeGreaterThan(30).isEqualTo(controls(engine));
        assertThat(texts(floor, "main label")).isEqualTo(texts(engine, "main label"));
        assertThat(texts(floor, "main legend, main h1, main h2")).isEqualTo(texts(engine, "main legend, main h1, main h2"));
        assertThat(floor.select("form[method=post]").attr("action"))
                .isEqualTo(engine.select("form[method=post]").attr("action"));
        // The rest (menu links, the session's token) differs by a few hundred bytes at most.
        assertThat((double) drawn.length()).isCloseTo(served.body().length(), org.assertj.core.data.Percentage.withPercentage(5));
    }

    private static List<String> controls(Document page) {
        return page.select("main input[name], main select[name], main textarea[name]").stream()
                .map(control -> control.tagName() + " " + control.attr("name") + " " + control.attr("type"))
                .toList();
    }

    private static List<String> texts(Document page, String selector) {
        return page.select(selector).stream().map(Element::text).toList();
    }
}
