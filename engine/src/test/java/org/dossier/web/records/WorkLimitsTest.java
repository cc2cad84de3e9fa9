package org.dossier.web.records;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The work one request may cause is bounded by the form, not by what the request holds: lists,
 * nesting, fields of a page post, and numbers, refused on the API and on the pages before the
 * validator walks anything, with the place named and nothing stored.
 */
@Tag("integration")
class WorkLimitsTest {
    private static Services services;
    private static Tenant tenant;
    private static String records;
    private static String pages;
    private static TestClient api;
    private static TestClient browser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "limits");
        User admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        api = TestClient.api(services, admin);
        browser = TestClient.browser(admin);
        records = "/api/v1/tenants/" + tenant.slug() + "/records";
        pages = "/t/" + tenant.slug() + "/records";
    }

    private static long storedCount() {
        return TestRecords.storedCount(services, tenant);
    }

    private static String emptyRows(int rows) {
        StringBuilder body = new StringBuilder("{\"form\":\"dossier\",\"data\":{\"membres_foyer\":[");
        for (int row = 0; row < rows; row++) {
            body.append(row == 0 ? "{}" : ",{}");
        }
        return body.append("]}}").toString();
    }

    @Test
    void one_mebibyte_of_empty_household_rows_is_refused_with_413_on_the_list_in_well_under_a_second() {
        long before = storedCount();
        String body = emptyRows(349_000);
        assertThat(body.length()).isBetween(1_000_000, 1024 * 1024);

        long start = System.nanoTime();
        HttpResponse<String> response = api.postJson(records, body);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        JsonNode errors = TestClient.json(response).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.at("/0/path").asText()).isEqualTo("/data/membres_foyer");
        assertThat(errors.at("/0/code").asText()).isEqualTo("maxItems");
        assertThat(errors.at("/0/message").asText()).startsWith("Gardez au plus 1").endsWith("000 éléments.");
        assertThat(millis).as("refused before any row is looked at (it took 15 s and more)").isLessThan(3_000);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void more_rows_than_the_group_allows_are_one_error_on_the_group_and_no_row_is_validated() {
        HttpResponse<String> response = api.postJson(records + "?lang=en", emptyRows(1_000));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = TestClient.json(response).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.at("/0/path").asText()).isEqualTo("/membres_foyer");
        assertThat(errors.at("/0/code").asText()).isEqualTo("maxItems");
        assertThat(errors.at("/0/message").asText()).isEqualTo("“Household members” can hold 20 rows at most");
    }

    @Test
    void nesting_deeper_than_the_limit_answers_413_naming_where() {
        String deep = "[".repeat(40) + "]".repeat(40);
        HttpResponse<String> response = api.postJson(records + "?lang=en",
                "{\"form\":\"dossier\",\"data\":{\"identite\":{\"nom\":" + deep + "}}}");

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode error = TestClient.json(response).at("/errors/0");
        assertThat(error.get("code").asText()).isEqualTo("maxDepth");
        assertThat(error.get("path").asText()).startsWith("/data/identite/nom/0/0");
        assertThat(error.get("message").asText()).isEqualTo("The content sent is nested too deeply: 32 levels at most.");
    }

    @Test
    void a_page_post_of_more_fields_than_the_limit_answers_413_and_stores_nothing() {
        long before = storedCount();
        List<Map.Entry<String, String>> fields = new ArrayList<>(TestRecords.validPost("Nombreux"));
        for (int i = 0; i < 10_000; i++) {
            fields.add(entry("membres_foyer[" + (i % 200) + "].nom", "x"));
        }

        HttpResponse<String> response = browser.postForm(pages, fields);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("Le formulaire envoyé contient trop de champs.");
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void numbers_a_record_cannot_store_are_refused_on_their_field_in_french_and_english() {
        long before = storedCount();
        for (String number : List.of("1e400", "1e999999999", "-1e999999999", "1e-400", "12345678901234567890")) {
            String body = "{\"form\":\"dossier\",\"data\":{\"accompagnement\":{\"statut\":\"en_cours\","
                    + "\"date_ouverture\":\"2025-03-01\"},\"identite\":{\"nom\":\"Durand\",\"prenom\":\"Inès\"},"
                    + "\"logement_ressources\":{\"loyer\":" + number + "}}}";

            HttpResponse<String> french = api.postJson(records, body);
            HttpResponse<String> english = api.postJson(records + "?lang=en", body);

            assertThat(french.statusCode()).as(number + ": " + french.body()).isEqualTo(422);
            assertThat(TestClient.json(french).at("/errors/0/path").asText()).isEqualTo("/logement_ressources/loyer");
            assertThat(TestClient.json(french).at("/errors/0/code").asText()).isEqualTo("numberRange");
            assertThat(TestClient.json(french).at("/errors/0/message").asText())
                    .startsWith("Ce nombre ne peut pas être enregistré : 15 chiffres significatifs au plus");
            assertThat(TestClient.json(english).at("/errors/0/message").asText())
                    .startsWith("This number cannot be stored: at most 15 significant digits");
        }
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void a_put_with_a_number_beyond_what_a_record_stores_is_refused_and_changes_nothing() {
        HttpResponse<String> created = api.postJson(records, "{\"form\":\"dossier\",\"data\":"
                + TestRecords.validData("Inchangé") + "}");
        String record = records + "/" + TestClient.json(created).get("id").asText();
        JsonNode stored = TestClient.json(api.get(record));

        for (String number : List.of("1e400", "1e999999999", "-1e999999999")) {
            HttpResponse<String> put = api.putJson(record, "{\"version\":1,\"data\":{\"accompagnement\":"
                    + "{\"statut\":\"en_cours\",\"date_ouverture\":\"2025-03-14\"},\"identite\":{\"nom\":\"Changé\","
                    + "\"prenom\":\"Hélène\"},\"logement_ressources\":{\"montant_dettes\":" + number + "}}}");

            assertThat(put.statusCode()).as(number + ": " + put.body()).isEqualTo(422);
            assertThat(TestClient.json(put).at("/errors/0/path").asText()).isEqualTo("/logement_ressources/montant_dettes");
        }
        assertThat(TestClient.json(api.get(record))).isEqualTo(stored);
    }

    @Test
    void a_page_post_with_a_number_beyond_what_a_record_stores_is_refused_on_its_field() {
        long before = storedCount();
        List<Map.Entry<String, String>> fields = new ArrayList<>(TestRecords.validPost("Endetté"));
        fields.add(entry("logement_ressources.dettes", "true"));
        fields.add(entry("logement_ressources.montant_dettes", "12345678901234567890"));

        HttpResponse<String> response = browser.postForm(pages + "?lang=en", fields);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("This number cannot be stored: at most 15 significant digits")
                .contains("12345678901234567890");
        assertThat(storedCount()).isEqualTo(before);
    }
}
