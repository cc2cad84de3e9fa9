package org.dossier.web.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.dossier.testing.TestRecords;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.modules.Modules;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The eviction-prevention and dashboard modules: their pages, and what switching them off does. */
@Tag("integration")
class ModulesTest {
    private Services services;
    private Tenant tenant;
    private TestClient caseworker;
    private String base;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "modules");
        caseworker = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        base = "/t/" + tenant.slug();
    }

    private CaseRecord record(String lastName, String status, Boolean procedure, String hearing) {
        ObjectNode data = TestRecords.validData(lastName);
        ((ObjectNode) data.get("accompagnement")).put("statut", status);
        if (status.equals("clos")) {
            ((ObjectNode) data.get("accompagnement")).put("date_cloture", "2025-06-30");
        }
        if (procedure != null) {
            ObjectNode eviction = data.putObject("prevention_expulsions").put("procedure_en_cours", procedure);
            if (procedure) {
                eviction.put("stade", "audience");
            }
            if (hearing != null) {
                eviction.put("date_audience", hearing);
            }
        }
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
    }

    private void switchOff(String module) {
        ObjectNode customisation = services.mapper().createObjectNode();
        customisation.putObject("modules").put(module, false);
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, customisation, Actor.system("test"));
        services.designer().publish(tenant.id(), FormService.CASE_FILE, Actor.system("test"));
    }

    @Test
    void the_eviction_list_shows_open_procedures_by_hearing_date_either_way() {
        record("Tardif", "en_cours", true, "2027-05-10");
        record("Proche", "en_cours", true, "2026-12-01");
        record("Sansdate", "en_cours", true, null);
        record("Close", "en_cours", false, null);
        record("Aucune", "en_cours", null, null);

        String soonest = caseworker.get(base + "/evictions").body();
        String latest = caseworker.get(base + "/evictions?order=desc").body();

        assertThat(soonest).contains("3 procédures en cours").doesNotContain("Close").doesNotContain("Aucune");
        assertThat(soonest.indexOf("Proche")).isLessThan(soonest.indexOf("Tardif"));
        assertThat(soonest.indexOf("Tardif")).isLessThan(soonest.indexOf("Sansdate"));
        assertThat(latest.indexOf("Tardif")).isLessThan(latest.indexOf("Proche"));
        assertThat(soonest).contains("01/12/2026");
    }

    @Test
    void the_dashboard_counts_case_files_by_status_and_by_answer() {
        record("Un", "en_cours", null, null);
        record("Deux", "en_cours", null, null);
        record("Trois", "clos", null, null);

        String dashboard = caseworker.get(base + "/dashboard").body();

        assertThat(dashboard).contains("Dossiers par statut").contains("3 dossiers");
        assertThat(dashboard).containsPattern("En cours</th>\\s*<td class=\"chart__count\">2</td>");
        assertThat(dashboard).containsPattern("Clos</th>\\s*<td class=\"chart__count\">1</td>");
        assertThat(dashboard).contains("Nouveaux dossiers par mois").contains("<svg");
    }

    @Test
    void a_module_switched_off_disappears_from_menu_form_and_routes_and_its_data_comes_back() {
        CaseRecord kept = record("Gardé", "en_cours", true, "2027-01-15");
        assertThat(caseworker.get(base + "/records").body()).contains(base + "/evictions");
        assertThat(services.modules().isOn(tenant.id(), Modules.EVICTION)).isTrue();

        switchOff(Modules.EVICTION);

        assertThat(caseworker.get(base + "/evictions").statusCode()).isEqualTo(404);
        assertThat(caseworker.get(base + "/records").body()).doesNotContain(base + "/evictions");
        assertThat(caseworker.get(base + "/records/new").body()).doesNotContain("prevention_expulsions.");
        assertThat(TestClient.api(services, TestUsers.member(services, tenant, Role.VIEWER, false))
                .get("/api/v1/tenants/" + tenant.slug() + "/forms/dossier").body()).doesNotContain("prevention_expulsions");
        assertThat(services.records().get(tenant.id(), kept.id()).data().at("/prevention_expulsions/date_audience").asText())
                .isEqualTo("2027-01-15");

        ObjectNode on = services.mapper().createObjectNode();
        on.putObject("modules").put(Modules.EVICTION, true);
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, on, Actor.system("test"));
        services.designer().publish(tenant.id(), FormService.CASE_FILE, Actor.system("test"));

        assertThat(caseworker.get(base + "/evictions").body()).contains("Gardé").contains("15/01/2027");
        assertThat(caseworker.get(base + "/records/" + kept.id()).body()).contains("15/01/2027");
    }

    @Test
    void the_dashboard_switched_off_answers_404() {
        switchOff(Modules.DASHBOARD);

        assertThat(caseworker.get(base + "/dashboard").statusCode()).isEqualTo(404);
        assertThat(caseworker.get(base + "/records").body()).doesNotContain(base + "/dashboard");
        assertThat(caseworker.get(base + "/evictions").statusCode()).isEqualTo(200);
    }
}
