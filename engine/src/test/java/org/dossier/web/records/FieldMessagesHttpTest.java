package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A case-file post with several mistakes: every one is listed at once in the error summary, in the
 * page's language, by a message that names the field and the fix, linked to the field itself.
 */
@Tag("integration")
class FieldMessagesHttpTest {
    private static Tenant tenant;
    private static TestClient browser;
    private static String pages;

    @BeforeAll
    static void setUp() {
        Services services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "messages");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        browser = TestClient.browser(caseworker);
        pages = "/t/" + tenant.slug() + "/records";
    }

    /** A valid post with the surname and status missing, text for the rent, a birth date ahead and a bad email. */
    private static List<Map.Entry<String, String>> postWithMistakes() {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Map.Entry<String, String> field : TestRecords.validPost("Erreurs")) {
            switch (field.getKey()) {
                case "identite.nom", "accompagnement.statut" -> { }
                case "logement_ressources.loyer" -> fields.add(Map.entry(field.getKey(), "cinq cents"));
                case "identite.date_naissance" -> fields.add(Map.entry(field.getKey(), "2999-01-01"));
                default -> fields.add(field);
            }
        }
        fields.add(Map.entry("contact.email", "nom.exemple.fr"));
        fields.add(Map.entry("contact.code_postal", "750"));
        return fields;
    }

    private static List<String> summary(Document page) {
        return page.select(".error-summary li a").eachText();
    }

    @Test
    void every_mistake_is_listed_at_once_by_a_message_naming_the_field_in_french() {
        HttpResponse<String> response = browser.postForm(pages, postWithMistakes());

        assertThat(response.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(response.body());
        assertThat(summary(page)).containsExactly(
                "Sélectionnez le statut de l'accompagnement",
                "Saisissez le nom",
                "La date de naissance doit être dans le passé",
                "Saisissez un code postal de 5 chiffres, par exemple 75011",
                "Saisissez une adresse électronique valide, comme nom@exemple.fr",
                "Le loyer mensuel doit être un nombre, par exemple 450 ou 450,50");
        assertLinksLeadToFieldsDescribedByTheirMessage(page);
    }

    @Test
    void the_same_mistakes_are_named_in_english_on_an_english_page() {
        HttpResponse<String> response = browser.postForm(pages + "?lang=en", postWithMistakes());

        assertThat(response.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(response.body());
        assertThat(summary(page)).containsExactly(
                "Select the support status",
                "Enter the surname",
                "Date of birth must be in the past",
                "Enter a 5-digit postcode, like 75011",
                "Enter an email address in the correct format, like name@example.com",
                "Monthly rent must be a number, like 450 or 450.50");
        assertLinksLeadToFieldsDescribedByTheirMessage(page);
    }

    @Test
    void a_field_without_a_message_of_its_own_is_named_by_its_label() {
        List<Map.Entry<String, String>> fields = new ArrayList<>(TestRecords.validPost("Sans message"));
        fields.add(Map.entry("accompagnement.referent", "x".repeat(101)));

        HttpResponse<String> response = browser.postForm(pages, fields);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(summary(Jsoup.parse(response.body())))
                .containsExactly("« Travailleur social référent » doit contenir au plus 100 caractères");
    }

    /**
     * Each summary link goes to an element of the page, whose inline message is the summary's text
     * and which points to it with {@code aria-describedby}; no JSON Pointer nor pattern is shown.
     */
    private static void assertLinksLeadToFieldsDescribedByTheirMessage(Document page) {
        Element summary = page.selectFirst(".error-summary");
        assertThat(summary.attr("role")).isEqualTo("alert");
        for (Element link : summary.select("li a")) {
            String id = link.attr("href").substring(1);
            Element field = page.getElementById(id);
            assertThat(field).as("a field with id " + id).isNotNull();
            Element message = page.getElementById(id + "-error");
            assertThat(message).as("the inline message of " + id).isNotNull();
            assertThat(message.text()).endsWith(link.text());
            String describedBy = field.hasAttr("aria-describedby") ? field.attr("aria-describedby")
                    : field.select("[aria-describedby]").attr("aria-describedby");
            assertThat(describedBy).as("what describes " + id).contains(id + "-error");
        }
        assertThat(summary.text()).doesNotContain("/identite", "/contact", "^[", "$");
    }
}
