package org.dossier.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.demo.FakeCaseFiles;
import org.dossier.form.FormService;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.web.auth.Authenticator;
import org.dossier.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark's requests against the real app: signed in they are right, otherwise they fail with the status. */
@Tag("integration")
class BenchHttpTest {
    private static final String BODY = """
            {"form":"dossier","data":{}}""";

    private final Services services = TestDatabase.services();
    private final BenchHttp http = new BenchHttp(URI.create(TestServer.baseUrl()).getPort());

    @Test
    void a_signed_in_caseworker_gets_the_pages_and_submits_through_the_api() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "bench");
        Credentials caseworker = Credentials.signIn(services, List.of(tenant)).get(0);

        http.page("/t/" + tenant.slug() + "/records/new", caseworker);
        http.page("/t/" + tenant.slug() + "/records?q=ma", caseworker);
        ObjectNode body = services.mapper().createObjectNode().put("form", FormService.CASE_FILE);
        body.set("data", new FakeCaseFiles(7).generate(1, new FakeCaseFiles.Options(true, true, LocalDate.now())).get(0));
        http.postJson("/api/v1/tenants/" + tenant.slug() + "/records", body.toString(), caseworker, 201);

        assertThat(caseworker.cookie()).startsWith("dossier_session=");
        int submitted = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM records WHERE tenant_id = :tenantId AND created_by = :email")
                .bind("tenantId", tenant.id()).bind("email", "caseworker@" + tenant.slug() + ".bench")
                .mapTo(Integer.class).one());
        assertThat(submitted).isEqualTo(1);
    }

    @Test
    void a_page_without_a_session_fails_with_the_redirect_to_the_login_page() {
        Tenant tenant = TestTenants.withBaseForm(services, "bench");
        Credentials signedOut = new Credentials("dossier_session=not-a-session", "dsr_not-a-token");

        assertThatThrownBy(() -> http.page("/t/" + tenant.slug() + "/records/new", signedOut))
                .isInstanceOf(BenchHttp.UnexpectedStatusException.class)
                .hasMessageStartingWith("GET /t/" + tenant.slug() + "/records/new answered 303, expected 200 (Location: /login");
    }

    @Test
    void a_submit_with_an_unknown_token_fails_with_401() {
        Tenant tenant = TestTenants.withBaseForm(services, "bench");
        Credentials signedOut = new Credentials("dossier_session=not-a-session", "dsr_not-a-token");

        assertThatThrownBy(() -> http.postJson("/api/v1/tenants/" + tenant.slug() + "/records", BODY, signedOut, 201))
                .isInstanceOf(BenchHttp.UnexpectedStatusException.class)
                .hasMessage("POST /api/v1/tenants/" + tenant.slug() + "/records answered 401, expected 201");
    }

    @Test
    void a_caseworker_of_another_service_is_answered_as_if_it_did_not_exist() throws Exception {
        Tenant own = TestTenants.withBaseForm(services, "bench");
        Tenant other = TestTenants.withBaseForm(services, "bench");
        Credentials caseworker = Credentials.signIn(services, List.of(own)).get(0);

        assertThatThrownBy(() -> http.page("/t/" + other.slug() + "/records/new", caseworker))
                .isInstanceOf(BenchHttp.UnexpectedStatusException.class)
                .hasMessage("GET /t/" + other.slug() + "/records/new answered 404, expected 200");
        assertThatThrownBy(() -> http.postJson("/api/v1/tenants/" + other.slug() + "/records", BODY, caseworker, 201))
                .isInstanceOf(BenchHttp.UnexpectedStatusException.class)
                .hasMessage("POST /api/v1/tenants/" + other.slug() + "/records answered 404, expected 201");
    }

    @Test
    void a_viewer_is_refused_the_new_record_page_and_the_submit_with_403() {
        Tenant tenant = TestTenants.withBaseForm(services, "bench");
        User viewer = TestUsers.member(services, tenant, Role.VIEWER, false);
        Credentials credentials = new Credentials(Authenticator.SESSION_COOKIE + "=" + services.sessions().open(viewer, "127.0.0.1").id(),
                TestUsers.token(services, viewer));

        assertThatThrownBy(() -> http.page("/t/" + tenant.slug() + "/records/new", credentials))
                .isInstanceOf(BenchHttp.UnexpectedStatusException.class)
                .hasMessage("GET /t/" + tenant.slug() + "/records/new answered 403, expected 200");
        assertThatThrownBy(() -> http.postJson("/api/v1/tenants/" + tenant.slug() + "/records", BODY, credentials, 201))
                .isInstanceOf(BenchHttp.UnexpectedStatusException.class)
                .hasMessage("POST /api/v1/tenants/" + tenant.slug() + "/records answered 403, expected 201");
    }
}
