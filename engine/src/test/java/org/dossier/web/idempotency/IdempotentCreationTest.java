package org.dossier.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.idempotency.IdempotencyKeys;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** POST of a case file with an Idempotency-Key: a retry gets the first answer, never a second case file. */
@Tag("integration")
class IdempotentCreationTest {
    private Services services;
    private Tenant tenant;
    private TestClient api;
    private String path;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "idem");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        api = TestClient.api(services, caseworker);
        path = "/api/v1/tenants/" + tenant.slug() + "/records";
    }

    private static String body(String name) {
        return "{\"form\":\"dossier\",\"data\":" + TestRecords.validData(name) + "}";
    }

    @Test
    void a_retry_with_the_same_key_gets_the_first_answer_without_a_second_case_file() {
        HttpResponse<String> first = api.postJson(path, body("Unique"), "Idempotency-Key", "retry-1");
        HttpResponse<String> retry = api.postJson(path, body("Unique"), "Idempotency-Key", "retry-1");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(TestRecords.storedCount(services, tenant)).isEqualTo(1);
    }

    @Test
    void the_same_key_with_another_body_is_refused_with_422() {
        assertThat(api.postJson(path, body("Premier"), "Idempotency-Key", "reused").statusCode()).isEqualTo(201);
        HttpResponse<String> other = api.postJson(path, body("Second"), "Idempotency-Key", "reused");

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(TestClient.json(other).at("/errors/0/code").asText()).isEqualTo("idempotencyKeyReused");
        assertThat(TestRecords.storedCount(services, tenant)).isEqualTo(1);
    }

    @Test
    void without_a_key_each_post_creates_and_a_refused_post_does_not_keep_its_key() {
        assertThat(api.postJson(path, body("Sanscle")).statusCode()).isEqualTo(201);
        assertThat(api.postJson(path, body("Sanscle")).statusCode()).isEqualTo(201);
        // Invalid: answered 422 and not remembered, so the corrected retry with the same key creates.
        assertThat(api.postJson(path, "{\"form\":\"dossier\",\"data\":{}}", "Idempotency-Key", "fix-me").statusCode())
                .isEqualTo(422);
        assertThat(api.postJson(path, "{\"form\":\"dossier\",\"data\":{}}", "Idempotency-Key", "fix-me").statusCode())
                .isEqualTo(422);
        assertThat(api.postJson(path, "{\"form\":\"dossier\",\"data\":{}}", "Idempotency-Key", " bad key ").statusCode())
                .isEqualTo(400);
        assertThat(TestRecords.storedCount(services, tenant)).isEqualTo(2);
    }

    @Test
    void concurrent_requests_with_one_key_write_once() throws Exception {
        int clients = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return api.postJson(path, body("Concurrent"), "Idempotency-Key", "together");
            }));
        }
        start.countDown();
        List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(201));
        assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
        assertThat(TestRecords.storedCount(services, tenant)).isEqualTo(1);
    }

    @Test
    void keys_older_than_a_day_are_purged_and_others_kept() {
        assertThat(api.postJson(path, body("Ancien"), "Idempotency-Key", "old").statusCode()).isEqualTo(201);
        assertThat(api.postJson(path, body("Recent"), "Idempotency-Key", "recent").statusCode()).isEqualTo(201);
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys SET created_at = :then WHERE tenant_id = :tenantId AND idempotency_key = 'old'
                        """).bind("then", Instant.now().minus(IdempotencyKeys.KEPT).minusSeconds(60))
                .bind("tenantId", tenant.id()).execute());

        assertThat(new IdempotencyKeys(services.jdbi(), Clock.systemUTC()).purge()).isGreaterThanOrEqualTo(1);

        List<String> kept = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT idempotency_key FROM idempotency_keys WHERE tenant_id = :tenantId
                        """).bind("tenantId", tenant.id()).mapTo(String.class).list());
        assertThat(kept).containsExactly("recent");
        // Purged: the same key now creates anew.
        assertThat(api.postJson(path, body("Ancien"), "Idempotency-Key", "old").statusCode()).isEqualTo(201);
        assertThat(TestRecords.storedCount(services, tenant)).isEqualTo(3);
    }
}
