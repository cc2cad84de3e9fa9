package org.dossier.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.App;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.account.LoginRefusedException;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordValidationException;
import org.dossier.retention.ErasureRequests;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: its token, the request timers by route template, the pool, the JVM and the product's counters. */
@Tag("integration")
class MetricsEndpointTest {
    private static final String TOKEN = "metrics-token-" + System.nanoTime();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Services services;
    private static Javalin withToken;
    private static Tenant tenant;
    private static User caseworker;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        withToken = App.create(Config.fromEnvironment().withPort(0)
                .withOperations(new Config.Operations(Optional.of(TOKEN))), services).start();
        tenant = TestTenants.withBaseForm(services, "metrics");
        caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
    }

    @AfterAll
    static void tearDown() {
        if (withToken != null) { // null when the set-up stopped early (no Docker on the MySQL 8 pass)
            withToken.stop();
        }
    }

    private static HttpResponse<String> scrape(String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + withToken.port() + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String scraped() {
        HttpResponse<String> answer = scrape("Bearer " + TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static double counter(String name) {
        return services.metrics().registry().find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void metrics_answer_404_while_no_token_is_configured() {
        // The shared test server runs without DOSSIER_METRICS_TOKEN.
        HttpResponse<String> answer = TestClient.anonymous().get("/metrics", "Authorization", "Bearer " + TOKEN);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("jvm_memory");
    }

    @Test
    void metrics_answer_401_with_a_bearer_challenge_without_the_right_token() {
        for (String authorization : java.util.Arrays.asList(null, "Bearer wrong", "Basic " + TOKEN, "Bearer " + TOKEN + "x")) {
            HttpResponse<String> answer = scrape(authorization);
            assertThat(answer.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(String.valueOf(authorization))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertThat(answer.body()).doesNotContain("jvm_memory");
        }
    }

    @Test
    void metrics_with_the_token_are_prometheus_text_with_pool_and_jvm_meters() {
        HttpResponse<String> answer = scrape("Bearer " + TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(answer.body()).contains("# TYPE jvm_memory_used_bytes gauge", "jvm_gc_", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_cpu_usage", "process_uptime_seconds",
                "hikaricp_connections_active{", "hikaricp_connections_pending{", "hikaricp_connections_timeout_total{");
    }

    @Test
    void a_record_page_is_counted_under_its_route_template_never_its_raw_path() {
        Actor actor = new Actor(caseworker.email(), "127.0.0.1");
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE,
                TestRecords.validData("Gabarit"), actor, Locale.FRENCH);
        String unknown = "/nowhere-" + System.nanoTime();

        assertThat(TestClient.browser(caseworker).get("/t/" + tenant.slug() + "/records/" + record.id()).statusCode())
                .isEqualTo(200);
        assertThat(TestClient.anonymous().get(unknown).statusCode()).isEqualTo(404);
        assertThat(TestClient.anonymous().get("/assets/js/dossier.js").statusCode()).isEqualTo(200);
        String body = scraped();

        assertThat(countOf(body, "GET", "/t/{tenant}/records/{id}", "200")).isGreaterThanOrEqualTo(1);
        assertThat(countOf(body, "GET", RequestObservation.UNMATCHED, "404")).isGreaterThanOrEqualTo(1);
        assertThat(countOf(body, "GET", RequestObservation.STATIC, "200")).isGreaterThanOrEqualTo(1);
        assertThat(body).contains("http_server_requests_seconds_bucket{")
                .doesNotContain(record.id().toString()).doesNotContain(unknown).doesNotContain(tenant.slug() + "/records");
    }

    /** The count of the request timer's series with these labels, or -1 when it is absent. */
    private static double countOf(String body, String method, String route, String status) {
        Matcher line = Pattern.compile("^http_server_requests_seconds_count\\{(.*)} (\\S+)$", Pattern.MULTILINE)
                .matcher(body);
        while (line.find()) {
            String labels = line.group(1);
            if (labels.contains("method=\"" + method + "\"") && labels.contains("route=\"" + route + "\"")
                    && labels.contains("status=\"" + status + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        return -1;
    }

    @Test
    void product_counters_move_with_creations_saves_refusals_erasures_and_failed_logins() throws Exception {
        Actor actor = new Actor(caseworker.email(), "127.0.0.1");
        double created = counter("dossier.case_file.creations");
        double updated = counter("dossier.case_file.updates");
        double refused = counter("dossier.validation.refusals");
        double erased = services.metrics().registry().get("dossier.case_file.deletions").tag("path", "erasure")
                .counter().count();
        double failed = counter("dossier.logins.failed");

        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE,
                TestRecords.validData("Compteur"), actor, Locale.FRENCH);
        record = services.records().update(tenant.id(), record.id(), record.lockVersion(),
                TestRecords.validData("Compteur-bis"), actor, Locale.FRENCH);
        com.fasterxml.jackson.databind.node.ObjectNode invalid = TestRecords.validData("Refus");
        ((com.fasterxml.jackson.databind.node.ObjectNode) invalid.get("identite")).remove("nom");
        try {
            services.records().create(tenant.id(), FormService.CASE_FILE, invalid, actor, Locale.FRENCH);
            throw new AssertionError("an invalid case file was saved");
        } catch (RecordValidationException expected) {
            // counted below
        }
        new ErasureRequests(services.jdbi(), services.audit(), services.mapper(), Clock.systemUTC(), () -> { },
                services.metrics().product()).erase(tenant.id(), record.id(), record.lockVersion(), "Demande Art. 17", actor);
        try {
            services.accounts().login(caseworker.email(), "not the password", "127.0.0.9");
            throw new AssertionError("a wrong password was accepted");
        } catch (LoginRefusedException expected) {
            // counted below
        }

        assertThat(counter("dossier.case_file.creations")).isEqualTo(created + 1);
        assertThat(counter("dossier.case_file.updates")).isEqualTo(updated + 1);
        assertThat(counter("dossier.validation.refusals")).isEqualTo(refused + 1);
        assertThat(services.metrics().registry().get("dossier.case_file.deletions").tag("path", "erasure").counter()
                .count()).isEqualTo(erased + 1);
        assertThat(counter("dossier.logins.failed")).isEqualTo(failed + 1);
        assertThat(scraped()).contains("dossier_case_file_creations_total{", "dossier_validation_refusals_total{",
                "dossier_logins_failed_total{", "dossier_logins_throttled_total{", "dossier_case_file_deletions_total{", "dossier_case_file_updates_total{",
                "dossier_backup_last_success_seconds{");
    }

    @Test
    void a_locked_out_login_counts_as_throttled() {
        User locked = TestUsers.member(services, tenant, Role.VIEWER, false);
        double throttled = counter("dossier.logins.throttled");
        // Enough failures lock the account (10 by default); the next attempt is refused by the throttle.
        for (int attempt = 0; attempt < 12; attempt++) {
            try {
                services.accounts().login(locked.email(), "wrong password " + attempt, "127.0.0.10");
            } catch (LoginRefusedException refused) {
                // expected, failed or locked
            }
        }

        assertThat(counter("dossier.logins.throttled")).isGreaterThanOrEqualTo(throttled + 1);
    }

    @Test
    void usage_gauges_per_service_equal_the_counts_once_the_measure_ran() {
        Tenant measured = TestTenants.withBaseForm(services, "usage");
        Actor actor = new Actor(caseworker.email(), "127.0.0.1");
        for (String name : List.of("Usage-un", "Usage-deux", "Usage-trois")) {
            services.records().create(measured.id(), FormService.CASE_FILE, TestRecords.validData(name), actor,
                    Locale.FRENCH);
        }
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        services.attachments().stage(measured.id(), List.of(new org.dossier.attachment.AttachmentService.Upload(
                "/accompagnement/pieces_justificatives", "piece.pdf", pdf)), actor, Locale.FRENCH);
        long attachmentBytes = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COALESCE(SUM(size_bytes), 0) FROM attachments WHERE tenant_id = :t")
                .bind("t", measured.id()).mapTo(Long.class).one());

        Instant before = Instant.now().minusSeconds(1);
        services.metrics().measureUsage();
        String body = scraped();

        assertThat(gauge(body, "dossier_service_case_files", measured.slug())).isEqualTo(3.0);
        assertThat(attachmentBytes).isEqualTo(pdf.length);
        assertThat(gauge(body, "dossier_service_attachment_bytes", measured.slug())).isEqualTo((double) attachmentBytes);
        assertThat(gauge(body, "dossier_service_database_bytes", measured.slug())).isGreaterThan(0.0);
        assertThat(services.metrics().usage().read()).filteredOn(usage -> usage.slug().equals(measured.slug()))
                .singleElement().satisfies(usage -> {
                    assertThat(usage.caseFiles()).isEqualTo(3);
                    assertThat(usage.measuredAt()).isAfter(before);
                });
    }

    private static double gauge(String body, String name, String slug) {
        Matcher line = Pattern.compile("^" + name + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(body);
        while (line.find()) {
            if (line.group(1).contains("service=\"" + slug + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError(name + " has no series for " + slug);
    }
}
