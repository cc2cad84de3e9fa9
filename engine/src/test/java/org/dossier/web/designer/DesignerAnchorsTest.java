package org.dossier.web.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Without JavaScript, each round trip of the designer's long page comes back where the admin
 * was: the redirect after a move, an added, edited or removed custom field carries a fragment
 * naming an element of the page it leads to.
 */
@Tag("integration")
class DesignerAnchorsTest {
    private static TestClient admin;
    private static String base;

    @BeforeAll
    static void setUp() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "anchors");
        admin = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, true));
        base = "/t/" + tenant.slug() + "/admin/form";
    }

    /** Follows a 303 and checks the element its fragment names is on the page it leads to. */
    private static void returnsTo(HttpResponse<String> answer, String id) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("#" + id);
        String page = admin.get(location.substring(0, location.indexOf('#'))).body();
        assertThat(Jsoup.parse(page).getElementById(id)).as("#" + id + " on " + location).isNotNull();
    }

    @Test
    void a_move_returns_to_the_field_moved() {
        returnsTo(admin.postForm(base, List.of(Map.entry("_move", "identite.prenom:up"))), "field-identite.prenom");
    }

    @Test
    void custom_field_round_trips_return_to_the_field_or_its_section() {
        HttpResponse<String> added = admin.postForm(base + "/custom-fields", List.of(Map.entry("key", "allocataire"),
                Map.entry("type", "text"), Map.entry("section", "identite"), Map.entry("labelFr", "Numéro allocataire"),
                Map.entry("labelEn", "Benefit number")));
        returnsTo(added, "field-allocataire");

        HttpResponse<String> edited = admin.postForm(base + "/custom-fields/allocataire", List.of(
                Map.entry("section", "identite"), Map.entry("labelFr", "N° allocataire"), Map.entry("labelEn", "Benefit number")));
        returnsTo(edited, "field-allocataire");

        returnsTo(admin.postForm(base + "/custom-fields/allocataire/remove", List.of()), "field-identite");
    }
}
