package org.dossier.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntPredicate;
import org.dossier.App;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.TokenStore;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes on one database, each with its own pool and object graph (as two processes
 * would have): what one node changes, the other applies within the stated cache windows: a logout
 * and a token's revocation (sessions and tokens found, 5 s: {@link org.dossier.account.AccessCache}),
 * a suspension (tenant lookups, 5 s) and a form publication (latest version, 2 s); concurrent saves
 * of one case file on both nodes give one 200 and one 409, never a lost update. The node that made
 * a change applies it at once ({@code AccessCacheTest}).
 */
@Tag("integration")
class TwoNodesTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Duration TENANT_WINDOW = Duration.ofSeconds(5);
    private static final Duration FORM_WINDOW = Duration.ofSeconds(2);
    private static final Duration ACCESS_WINDOW = Duration.ofNanos(org.dossier.account.AccessCache.WINDOW_NANOS);
    private static Javalin second;
    private static String nodeA;
    private static String nodeB;

    @BeforeAll
    static void startSecondNode() {
        nodeA = TestServer.baseUrl();
        second = App.create(Config.fromEnvironment().withPort(0), TestDatabase.secondNode()).start();
        nodeB = "http://127.0.0.1:" + second.port();
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) { // null when the set-up stopped early (no Docker on the MySQL 8 pass)
            second.stop();
        }
    }

    @Test
    void a_session_opened_on_one_node_works_on_the_other_until_a_logout_on_the_first_within_the_window() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "nodes");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        TestClient browser = TestClient.browser(user);
        String list = "/t/" + tenant.slug() + "/records";

        assertThat(get(nodeB + list, "Cookie", browser.sessionCookie()).statusCode()).isEqualTo(200);
        assertThat(browser.postForm("/logout", List.of()).statusCode()).isEqualTo(303);
        long loggedOut = System.nanoTime();

        assertThat(get(nodeA + list, "Cookie", browser.sessionCookie()).statusCode()).as("at once on the first")
                .isNotEqualTo(200);
        boolean refused = until(() -> get(nodeB + list, "Cookie", browser.sessionCookie()).statusCode() != 200);
        long millis = (System.nanoTime() - loggedOut) / 1_000_000;
        assertThat(refused).isTrue();
        assertThat(millis).as("logout applied by the other node").isLessThan(ACCESS_WINDOW.toMillis() + 3_000);
    }

    @Test
    void a_token_revoked_on_one_node_is_refused_on_the_other_within_the_window() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "nodes");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        TokenStore.Issued issued = services.jdbi().inTransaction(handle ->
                services.tokens().issue(handle, user.id(), "script", TokenStore.PERSONAL, Duration.ofDays(1)));
        String records = nodeB + "/api/v1/tenants/" + tenant.slug() + "/records";
        assertThat(get(records, "Authorization", "Bearer " + issued.secret()).statusCode()).isEqualTo(200);

        services.tokenService().revokePersonal(user, issued.token().id(), "127.0.0.1");
        long revoked = System.nanoTime();

        assertThat(get(nodeA + "/api/v1/tenants/" + tenant.slug() + "/records", "Authorization",
                "Bearer " + issued.secret()).statusCode()).as("at once on the first").isEqualTo(401);
        boolean refused = until(() -> get(records, "Authorization", "Bearer " + issued.secret()).statusCode() == 401);
        long millis = (System.nanoTime() - revoked) / 1_000_000;
        assertThat(refused).isTrue();
        assertThat(millis).as("revocation applied by the other node").isLessThan(ACCESS_WINDOW.toMillis() + 3_000);
    }

    @Test
    void a_suspension_and_a_publication_on_one_node_apply_on_the_other_within_their_cache_windows() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "nodes");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        String token = TestUsers.token(services, user);
        String form = nodeB + "/api/v1/tenants/" + tenant.slug() + "/forms/" + FormService.CASE_FILE;
        assertThat(get(form, "Authorization", "Bearer " + token).body()).contains("\"version\":1");

        services.jdbi().useTransaction(handle ->
                services.forms().publish(handle, tenant.id(), FormService.CASE_FILE, BaseSchema.baseSchema(), "test"));
        long published = System.nanoTime();
        boolean seen = until(() -> get(form, "Authorization", "Bearer " + token).body().contains("\"version\":2"));
        long formMillis = (System.nanoTime() - published) / 1_000_000;
        assertThat(seen).isTrue();
        assertThat(formMillis).as("publication seen by the other node").isLessThan(FORM_WINDOW.toMillis() + 3_000);

        String records = nodeB + "/api/v1/tenants/" + tenant.slug() + "/records";
        assertThat(get(records, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        services.suspension().suspend(tenant.slug(), "", new Actor("test", "127.0.0.1"));
        long suspended = System.nanoTime();
        boolean refused = until(() -> get(records, "Authorization", "Bearer " + token).statusCode() != 200);
        long suspensionMillis = (System.nanoTime() - suspended) / 1_000_000;
        assertThat(refused).isTrue();
        assertThat(suspensionMillis).as("suspension applied by the other node").isLessThan(TENANT_WINDOW.toMillis() + 3_000);
        System.out.printf("two nodes: publication seen after %d ms, suspension applied after %d ms%n", formMillis,
                suspensionMillis);
    }

    @Test
    void concurrent_saves_of_one_case_file_on_both_nodes_give_one_success_and_one_conflict() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "nodes");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        String token = TestUsers.token(services, user);
        String create = "/api/v1/tenants/" + tenant.slug() + "/records";
        HttpResponse<String> created = send("POST", nodeA + create, token,
                "{\"form\":\"dossier\",\"data\":" + TestRecords.validData("Concurrent") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestClient.json(created).get("id").asText();
        int version = TestClient.json(created).get("version").asInt();

        for (int round = 0; round < 30; round++) {
            int current = version;
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> saves = List.of(nodeA, nodeB).stream()
                    .map(node -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                            return send("PUT", node + create + "/" + id, token, "{\"version\":" + current + ",\"data\":"
                                    + TestRecords.validData("Tour" + TestLoadNames.of(node, current)) + "}");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })).toList();
            start.countDown();
            List<Integer> statuses = saves.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();
            assertThat(statuses).as("round %d", round).containsExactly(200, 409);
            version = saves.stream().map(CompletableFuture::join).filter(response -> response.statusCode() == 200)
                    .findFirst().map(response -> TestClient.json(response).get("version").asInt()).orElseThrow();
            assertThat(version).isEqualTo(current + 1);
        }
    }

    /** Letters only, distinct per node and round, for the name field. */
    private static final class TestLoadNames {
        static String of(String node, int round) {
            return (node.equals(nodeA) ? "a" : "b") + org.dossier.testing.TestLoad.letters(round);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static boolean until(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static HttpResponse<String> get(String url, String header, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
