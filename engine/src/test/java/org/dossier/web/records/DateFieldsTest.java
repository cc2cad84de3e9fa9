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

/** Dates outside the calendar and birth dates in the future, refused on the API and on the pages. */
@Tag("integration")
class DateFieldsTest {
    private static Services services;
    private static Tenant tenant;
    private static String records;
    private static String pages;
    private static TestClient api;
    private static TestClient browser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "dates");
        User admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        api = TestClient.api(services, admin);
        browser = TestClient.browser(admin);
        records = "/api/v1/tenants/" + tenant.slug() + "/records";
        pages = "/t/" + tenant.slug() + "/records";
    }

    private static long storedCount() {
        return TestRecords.storedCount(services, tenant);
    }

    private static String body(String birthDate) {
        return "{\"form\":\"dossier\",\"data\":{\"accompagnement\":{\"statut\":\"en_cours\",\"date_ouverture\":\"2025-03-01\"},"
                + "\"identite\":{\"nom\":\"Durand\",\"prenom\":\"Inès\",\"date_naissance\":\"" + birthDate + "\"}}}";
    }

    @Test
    void the_api_refuses_dates_outside_the_calendar_and_birth_dates_ahead_and_takes_a_good_one() {
        long before = storedCount();
        for (String bad : List.of("-2025-01-01", "+12025-01-01", "0000-01-01")) {
            HttpResponse<String> refused = api.postJson(records, body(bad));

            assertThat(refused.statusCode()).as(bad).isEqualTo(422);
            JsonNode error = TestClient.json(refused).at("/errors/0");
            assertThat(error.get("path").asText()).isEqualTo("/identite/date_naissance");
            assertThat(error.get("code").asText()).isEqualTo("format");
            assertThat(error.get("message").asText()).isEqualTo("La date de naissance doit être une date réelle, par exemple 27/03/1985");
        }
        HttpResponse<String> future = api.postJson(records + "?lang=en", body("2999-01-01"));
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(TestClient.json(future).at("/errors/0/code").asText()).isEqualTo("notFuture");
        assertThat(TestClient.json(future).at("/errors/0/message").asText()).isEqualTo("Date of birth must be in the past");
        assertThat(storedCount()).isEqualTo(before);

        assertThat(api.postJson(records, body("1984-02-29")).statusCode()).isEqualTo(201);
        assertThat(storedCount()).isEqualTo(before + 1);
    }

    @Test
    void the_pages_refuse_the_same_dates_and_take_a_french_one() {
        long before = storedCount();
        for (String bad : List.of("-2025-01-01", "+12025-01-01", "0000-01-01", "31/12/2999")) {
            List<Map.Entry<String, String>> fields = new ArrayList<>(TestRecords.validPost("Daté"));
            fields.removeIf(field -> field.getKey().equals("identite.date_naissance"));
            fields.add(entry("identite.date_naissance", bad));

            HttpResponse<String> refused = browser.postForm(pages, fields);

            assertThat(refused.statusCode()).as(bad).isEqualTo(422);
            assertThat(refused.body()).as(bad).containsAnyOf("La date de naissance doit être une date réelle", "La date de naissance doit être dans le passé");
        }
        assertThat(storedCount()).isEqualTo(before);

        List<Map.Entry<String, String>> good = new ArrayList<>(TestRecords.validPost("Daté"));
        good.removeIf(field -> field.getKey().equals("identite.date_naissance"));
        good.add(entry("identite.date_naissance", "29/02/1984"));
        assertThat(browser.postForm(pages, good).statusCode()).isEqualTo(303);
    }
}
