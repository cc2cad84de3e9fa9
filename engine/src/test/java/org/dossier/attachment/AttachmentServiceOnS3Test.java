package org.dossier.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.dossier.App;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestS3;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link AttachmentServiceTest} again, on an S3-compatible server the test starts
 * (S3Proxy, in process): stored, refused, downloaded with the checks, masked, and deleted with the
 * case file by a save, an erasure and the lifecycle pass, on the store production uses. And a
 * service's deletion empties its prefix of the bucket, not another service's.
 */
@Tag("integration")
class AttachmentServiceOnS3Test extends AttachmentServiceTest {
    private static Services onS3;

    @Override
    protected Services wire() {
        synchronized (AttachmentServiceOnS3Test.class) {
            if (onS3 == null) {
                Config config = Config.fromEnvironment().withAttachments(AttachmentSettings.defaults().withS3(TestS3.newBucketSettings().withCreateBucket(true)));
                onS3 = Services.wire(TestDatabase.database(), config);
            }
            assertThat(onS3.attachmentStore()).isInstanceOf(S3Store.class);
            return onS3;
        }
    }

    @Test
    void deleting_a_service_empties_its_prefix_of_the_bucket_and_leaves_another_services_objects()
            throws IOException {
        Services services = wire();
        Tenant doomed = TestTenants.withBaseForm(services, "s3-condamne");
        Tenant kept = TestTenants.withBaseForm(services, "s3-garde");
        User admin = TestUsers.superAdmin(services);
        Actor actor = new Actor(admin.email(), "127.0.0.1");
        filed(services, doomed, "Condamnezyx");
        filed(services, kept, "Gardezyx");
        long keptBytes = services.attachmentStore().bytes(kept.id());
        assertThat(services.attachmentStore().bytes(doomed.id())).isPositive();
        assertThat(keptBytes).isPositive();

        services.suspension().suspend(doomed.slug(), "fin de convention", actor);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE tenants SET status_changed_at = status_changed_at - INTERVAL 1 MINUTE WHERE id = :id")
                .bind("id", doomed.id().value()).execute());
        services.deletion().delete(doomed.slug(), doomed.slug(), actor);
        services.attachments().deletions().finish();

        assertThat(services.attachmentStore().bytes(doomed.id())).isZero();
        assertThat(services.attachmentStore().bytes(kept.id())).isEqualTo(keptBytes);
        assertThat(Files.exists(Config.fromEnvironment().dataDir().resolve("attachments")
                .resolve(ObjectKey.prefix(kept.id())))).as("nothing went to the filesystem").isFalse();
    }

    @Test
    void a_download_through_the_app_checks_first_then_hands_a_short_lived_link_to_the_bucket() throws Exception {
        Services services = wire();
        Tenant tenant = TestTenants.withBaseForm(services, "s3-lien");
        Tenant other = TestTenants.withBaseForm(services, "s3-autre");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        User outsider = TestUsers.member(services, other, Role.CASEWORKER, true);
        Actor actor = new Actor(caseworker.email(), "127.0.0.1");
        byte[] bytes = pdf("Lienzyx");
        String fileId = services.attachments().stage(tenant.id(), List.of(new AttachmentService.Upload(FIELD,
                "Relevé « mai ».pdf", bytes)), actor, Locale.FRENCH).staged().get(0).id();
        var data = TestRecords.validData("Lienzyx");
        ((ObjectNode) data.get("accompagnement")).putArray("pieces_justificatives")
                .add(fileId);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, actor, Locale.FRENCH);
        Config config = Config.fromEnvironment().withPort(0).withAttachments(
                AttachmentSettings.defaults().withS3(TestS3.newBucketSettings()));
        Javalin app = App.create(config, services).start();
        try {
            String path = "/api/v1/tenants/" + tenant.slug() + "/records/" + record.id() + "/attachments/" + fileId;
            HttpClient http = HttpClient.newHttpClient(); // follows no redirect
            HttpResponse<String> outsiders = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.port() + path.replace(tenant.slug(), other.slug())))
                    .header("Authorization", "Bearer " + TestUsers.token(services, outsider)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(outsiders.statusCode()).isEqualTo(404);
            assertThat(outsiders.headers().firstValue("Location")).isEmpty();

            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.port() + path))
                    .header("Authorization", "Bearer " + TestUsers.token(services, caseworker)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(303);
            String link = answer.headers().firstValue("Location").orElseThrow();
            assertThat(link).startsWith(TestS3.endpoint().toString()).contains("X-Amz-Expires=120");
            HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(
                    URI.create(link)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(bytes);
            assertThat(fetched.headers().firstValue("Content-Disposition").orElse(""))
                    .startsWith("attachment").contains("filename*=UTF-8''Relev%C3%A9");
            assertThat(TestAudit.events(services, tenant.id().value(), "record.attachment.read",
                    caseworker.email())).hasSize(1);
        } finally {
            app.stop();
        }
    }

    private static void filed(Services services, Tenant tenant, String lastName) {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        Actor actor = new Actor(caseworker.email(), "127.0.0.1");
        String id = services.attachments().stage(tenant.id(), List.of(new AttachmentService.Upload(FIELD, "piece.pdf",
                pdf(lastName))), actor, Locale.FRENCH).staged().get(0).id();
        var data = TestRecords.validData(lastName);
        ((ObjectNode) data.get("accompagnement")).putArray("pieces_justificatives").add(id);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, actor, Locale.FRENCH);
        assertThat(services.attachments().all(tenant.id(), record.id())).hasSize(1);
    }
}
