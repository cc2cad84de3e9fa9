package org.dossier.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestErrorSummary;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The super-admin's creation and clone forms refused with several mistakes: all of them listed at
 * once, each linked to its input in the form that was sent, nothing created.
 */
@Tag("integration")
class ServiceFormErrorsHttpTest {
    private static Services services;
    private static Tenant existing;
    private static TestClient browser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        existing = TestTenants.withBaseForm(services, "platform-errors");
        browser = TestClient.browser(TestUsers.superAdmin(services));
    }

    private static long services() {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM tenants").mapTo(Long.class).one());
    }

    @Test
    void a_creation_with_several_mistakes_lists_every_one_linked_to_the_creation_form() {
        long before = services();

        HttpResponse<String> refused = browser.postForm("/admin/services", List.of(Map.entry("name", " "),
                Map.entry("slug", "Pas Valide"), Map.entry("colour", "rouge"), Map.entry("adminEmail", "pas-une-adresse"),
                Map.entry("adminName", "")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(TestErrorSummary.entries(refused.body())).containsExactly(
                "Saisissez un nom de service (200 caractères au plus).",
                "L'identifiant ne peut contenir que des lettres minuscules, des chiffres et des tirets (63 caractères au plus).",
                "Choisissez une couleur au format #1e3a8a.",
                "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.");
        assertThat(refused.body()).contains("href=\"#svc-name\"").contains("href=\"#svc-slug\"")
                .contains("href=\"#svc-colour\"").contains("href=\"#svc-admin-email\"")
                .doesNotContain("id=\"clone-name-error\"");
        assertThat(services()).isEqualTo(before);
    }

    @Test
    void a_clone_with_several_mistakes_lists_every_one_linked_to_the_clone_form_in_english() {
        long before = services();

        HttpResponse<String> refused = browser.postForm("/admin/services/clone?lang=en", List.of(
                Map.entry("from", existing.slug()), Map.entry("name", ""), Map.entry("slug", existing.slug()),
                Map.entry("adminEmail", "nobody"), Map.entry("adminName", "")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(TestErrorSummary.entries(refused.body())).containsExactly(
                "Enter a service name (at most 200 characters).",
                "Another service already uses this identifier.",
                "Enter a valid e-mail address, for example first.last@example.org.");
        assertThat(refused.body()).contains("href=\"#clone-name\"").contains("href=\"#clone-slug\"")
                .contains("href=\"#clone-admin-email\"").doesNotContain("id=\"svc-name-error\"");
        assertThat(services()).isEqualTo(before);
    }
}
