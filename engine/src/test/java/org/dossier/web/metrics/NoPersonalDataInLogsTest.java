package org.dossier.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.logs.LogFormatEncoder;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the logs hold of a request: one line with method, route template, status and duration, the
 * request id of the answer, and nothing a person typed (names, searches, e-mails, passwords).
 */
@Tag("integration")
class NoPersonalDataInLogsTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;

    @BeforeEach
    void capture() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.setContext(root.getLoggerContext());
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
        captured.stop();
    }

    /** Every captured line as a log file would hold it: message, MDC values, stack trace. */
    private List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(captured.list)) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            event.getMDCPropertyMap().values().forEach(value -> line.append(' ').append(value));
            if (event.getThrowableProxy() != null) {
                line.append(' ').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    @Test
    void a_case_file_a_search_a_refused_save_and_a_failed_login_leave_no_marker_in_any_log_line() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "logs");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        TestClient browser = TestClient.browser(caseworker);
        String marker = "Zqmarker" + System.nanoTime();
        String records = "/t/" + tenant.slug() + "/records";

        HttpResponse<String> saved = browser.postForm(records, TestRecords.validPost(marker));
        HttpResponse<String> search = browser.get(records + "?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8));
        List<Map.Entry<String, String>> invalid = new ArrayList<>(TestRecords.validPost(marker + "Refus"));
        invalid.removeIf(field -> field.getKey().equals("accompagnement.date_ouverture"));
        invalid.add(Map.entry("accompagnement.date_ouverture", "not a date " + marker));
        HttpResponse<String> refused = browser.postForm(records, invalid);
        HttpResponse<String> login = TestLogin.post(marker.toLowerCase() + "@usager.example", "password-" + marker, null);
        HttpResponse<String> api = TestClient.api(services, caseworker).postJson("/api/v1/tenants/" + tenant.slug()
                + "/records", "{\"form\":\"dossier\",\"data\":{\"identite\":{\"nom\":\"" + marker + "\"}}}");

        assertThat(saved.statusCode()).as(saved.body()).isIn(201, 303);
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains(marker);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(login.statusCode()).isIn(401, 200, 422);
        assertThat(api.statusCode()).isEqualTo(422);
        List<String> lines = lines();
        assertThat(lines).as("request lines").anyMatch(line -> line.startsWith("org.dossier.http POST /t/{tenant}/records 422"));
        assertThat(lines).as("request lines").anyMatch(line -> line.startsWith("org.dossier.http GET /t/{tenant}/records 200"));
        assertThat(lines).filteredOn(line -> line.contains(marker) || line.contains(marker.toLowerCase())).isEmpty();
    }

    @Test
    void each_request_writes_one_line_whose_json_form_parses_and_carries_the_answer_s_request_id() throws Exception {
        HttpResponse<String> answer = TestClient.anonymous().get("/health/live?secret=" + System.nanoTime());
        String requestId = answer.headers().firstValue(RequestIds.HEADER).orElseThrow();

        List<ILoggingEvent> requestLines = List.copyOf(captured.list).stream()
                .filter(event -> event.getLoggerName().equals("org.dossier.http"))
                .filter(event -> requestId.equals(event.getMDCPropertyMap().get(RequestObservation.MDC_KEY)))
                .toList();
        assertThat(requestLines).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).startsWith("GET /health/live 200 ").doesNotContain("secret"));

        LogFormatEncoder json = new LogFormatEncoder();
        json.setFormat("json");
        json.setContext(root.getLoggerContext());
        json.start();
        String line = new String(json.encode(requestLines.get(0)), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("secret");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode parsed = new ObjectMapper().readTree(line);
        assertThat(parsed.path("mdc").path(RequestObservation.MDC_KEY).asText()).isEqualTo(requestId);
        assertThat(parsed.path("level").asText()).isEqualTo("INFO");
        assertThat(parsed.path("formattedMessage").asText()).startsWith("GET /health/live 200 ");
    }
}
