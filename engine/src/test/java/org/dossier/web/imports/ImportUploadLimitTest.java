package org.dossier.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The API's upload of an import file as the raw body: a chunked body, which declares no length,
 * is still cut at the site's upload limit while it streams, with 413 and the localised error,
 * nothing stored and no file left under {@code <data dir>/imports/}.
 */
@Tag("integration")
class ImportUploadLimitTest {
    @Test
    void a_chunked_body_over_the_upload_limit_answers_413_and_keeps_nothing() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "import-limit");
        User admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        Config config = Config.fromEnvironment();
        long limit = config.maxBodyBytes() + config.attachments().maxCaseFileBytes();
        Path directory = config.dataDir().resolve("imports");
        long filesBefore = files(directory, tenant);
        byte[] line = "X;Nom;Prénom;en_cours\r\n".getBytes(StandardCharsets.UTF_8);
        long total = limit + 1024 * 1024;
        InputStream endless = new InputStream() {
            private long sent;

            @Override
            public int read() {
                return sent < total ? line[(int) (sent++ % line.length)] : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (sent >= total) {
                    return -1;
                }
                int count = (int) Math.min(length, total - sent);
                for (int index = 0; index < count; index++) {
                    buffer[offset + index] = line[(int) (sent++ % line.length)];
                }
                return count;
            }
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestServer.baseUrl() + "/api/v1/tenants/" + tenant.slug()
                        + "/records/imports?fileName=big.csv&lang=en"))
                .header("Authorization", "Bearer " + TestUsers.token(services, admin))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless)) // no length: sent chunked
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode body = TestClient.json(response);
        assertThat(body.toString()).contains("bodyTooLarge").contains("The content sent is too large.");
        int runs = services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM import_runs WHERE tenant_id = :t").bind("t", tenant.id()).mapTo(Integer.class).one());
        assertThat(runs).isZero();
        assertThat(files(directory, tenant)).isEqualTo(filesBefore).isZero();
    }

    private static long files(Path directory, Tenant tenant) throws java.io.IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith(tenant.id().value() + "-")).count();
        }
    }
}
