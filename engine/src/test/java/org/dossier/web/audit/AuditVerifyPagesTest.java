package org.dossier.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The verification pages: a service's chain for its admin and DPO, every chain for a super-admin. */
@Tag("integration")
class AuditVerifyPagesTest {

    @Test
    void a_dpo_sees_the_chain_intact_then_the_first_broken_link_and_a_caseworker_is_refused() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "chain-page");
        Tenant other = TestTenants.withBaseForm(services, "chain-page-other");
        for (int i = 0; i < 4; i++) {
            services.jdbi().useTransaction(handle -> services.audit().record(handle, tenant.id(), Actor.system("test"),
                    "record.viewed", "record", "r", null));
        }
        TestClient dpo = TestClient.browser(TestUsers.member(services, tenant, Role.DPO, false));
        String page = "/t/" + tenant.slug() + "/admin/audit/verify";

        HttpResponse<String> intact = dpo.get(page);
        assertThat(intact.statusCode()).isEqualTo(200);
        assertThat(intact.body()).contains("Intégrité du journal d’audit").contains("Toutes les chaînes sont intactes.")
                .contains("<th scope=\"row\">" + tenant.slug() + "</th>").contains(">Intacte<")
                .doesNotContain(other.slug());

        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "DELETE FROM audit_events WHERE tenant_id = :t AND seq = 2").bind("t", tenant.id().value()).execute());
        HttpResponse<String> broken = dpo.get(page + "?lang=en");
        assertThat(broken.body()).contains("At least one chain is broken").contains("Broken at event no. 2: deleted, event ");

        HttpResponse<String> platform = TestClient.browser(TestUsers.superAdmin(services)).get("/admin/audit/verify");
        assertThat(platform.statusCode()).isEqualTo(200);
        assertThat(platform.body()).contains("<th scope=\"row\">Plateforme</th>")
                .contains("<th scope=\"row\">" + other.slug() + "</th>")
                .contains("Rompue à l’événement n° 2 : supprimé");

        TestClient caseworker = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, false));
        assertThat(caseworker.get(page).statusCode()).isEqualTo(403);
    }
}
