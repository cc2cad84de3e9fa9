package org.dossier.web.accessrequest;

import static org.dossier.testing.ExportedFiles.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.audit.Actor;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The access export as a ZIP, through the real app and the filesystem store: the JSON document and
 * the bytes of every file it lists, each named by its path; masked as the document is; audited as
 * the JSON one; for the service's data protection roles only.
 */
@Tag("integration")
class AccessArchiveHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] LEASE = pdf("Bail de location");
    private static final byte[] SECRET = pdf("Signalement zyxsecret");
    private static Services services;
    private static Tenant tenant;
    private static User admin;
    private static User dpo;
    private static CaseRecord record;
    private static Attachment lease;
    private static Attachment secret;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        ObjectNode definition = BaseSchema.baseSchema().deepCopy();
        ObjectNode field = ((ObjectNode) definition.at("/properties/notes_confidentielles/properties"))
                .putObject("pieces_confidentielles");
        field.put("type", "array").put("x-widget", "file").put("maxItems", 3).put("x-order", 20)
                .put("x-confidential", true);
        field.putObject("items").put("type", "string");
        field.putObject("x-label").put("fr", "Pièces confidentielles").put("en", "Confidential documents");
        field.putObject("x-gdpr").put("purpose", "Accompagnement social").put("legalBasis", "public-task")
                .put("category", "Pièces du dossier").put("specialCategory", false);
        tenant = TestTenants.withForm(services, "accesszip", definition);
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        dpo = TestUsers.member(services, tenant, Role.DPO, false);
        Actor actor = new Actor(admin.email(), "127.0.0.1");
        List<Attachment> staged = services.attachments().stage(tenant.id(), List.of(
                new AttachmentService.Upload("/accompagnement/pieces_justificatives", "Bail.pdf", LEASE),
                new AttachmentService.Upload("/notes_confidentielles/pieces_confidentielles", "Signalement.pdf",
                        SECRET)), actor, Locale.FRENCH).staged();
        lease = staged.get(0);
        secret = staged.get(1);
        ObjectNode data = TestRecords.validData("Archivezip");
        ((ObjectNode) data.get("accompagnement")).putArray("pieces_justificatives").add(lease.id());
        data.putObject("notes_confidentielles").putArray("pieces_confidentielles").add(secret.id());
        record = services.records().create(tenant.id(), FormService.CASE_FILE, data, actor, Locale.FRENCH);
    }

    private static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String zipPath() {
        return "/t/" + tenant.slug() + "/records/" + record.id() + "/access.zip";
    }


    @Test
    void the_zip_holds_the_json_document_and_every_file_byte_identical_named_by_its_path() throws Exception {
        HttpResponse<byte[]> response = TestClient.browser(admin).getBytes(zipPath());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/zip");
        assertThat(response.headers().firstValue("content-disposition").orElse(""))
                .contains("acces-" + record.id() + ".zip");
        Map<String, byte[]> entries = unzip(response.body());
        String document = "acces-" + record.id() + ".json";
        String leaseEntry = "pieces/" + lease.id() + "-Bail.pdf";
        String secretEntry = "pieces/" + secret.id() + "-Signalement.pdf";
        assertThat(entries.keySet()).containsExactly(document, leaseEntry, secretEntry);
        assertThat(entries.get(leaseEntry)).isEqualTo(LEASE);
        assertThat(entries.get(secretEntry)).isEqualTo(SECRET);
        JsonNode json = JSON.readTree(entries.get(document));
        assertThat(json.at("/caseFile/id").asText()).isEqualTo(record.id().toString());
        assertThat(json.get("attachments")).extracting(file -> file.get("id").asText() + " " + file.get("path").asText())
                .containsExactly(lease.id() + " " + leaseEntry, secret.id() + " " + secretEntry);
        // The same document as the JSON download, the paths aside.
        JsonNode alone = JSON.readTree(TestClient.browser(admin).get(zipPath().replace(".zip", ".json")).body());
        ((ObjectNode) json).remove(List.of("producedAt", "attachments", "trail"));
        ((ObjectNode) alone).remove(List.of("producedAt", "attachments", "trail"));
        assertThat(json).isEqualTo(alone);
    }

    @Test
    void a_caller_without_the_grant_gets_no_confidential_file_as_in_the_document() throws Exception {
        Map<String, byte[]> entries = unzip(TestClient.browser(dpo).getBytes(zipPath()).body());

        assertThat(entries.keySet()).containsExactly("acces-" + record.id() + ".json", "pieces/" + lease.id() + "-Bail.pdf");
        entries.values().forEach(bytes -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .doesNotContain("zyxsecret").doesNotContain(secret.id()));
    }

    @Test
    void the_zip_is_audited_like_the_json_one_and_linked_from_the_access_page() throws Exception {
        TestClient.browser(dpo).getBytes(zipPath());

        assertThat(TestAudit.events(services, tenant.id().value(), "record.access.exported", dpo.email()))
                .extracting(event -> JSON.readTree(event.details()).get("format").asText()).contains("zip");
        String page = TestClient.browser(dpo).get("/t/" + tenant.slug() + "/records/" + record.id() + "/access").body();
        assertThat(Jsoup.parse(page).select("a[href=" + zipPath() + "]")).hasSize(1);
    }

    @Test
    void a_caseworker_and_another_services_member_get_no_zip() {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        assertThat(TestClient.browser(caseworker).getBytes(zipPath()).statusCode()).isEqualTo(403);

        Tenant other = TestTenants.withBaseForm(services, "accesszip-other");
        User stranger = TestUsers.member(services, other, Role.ADMIN, true);
        assertThat(TestClient.browser(stranger).getBytes(zipPath()).statusCode()).isEqualTo(404);
        assertThat(TestClient.browser(stranger).getBytes("/t/" + other.slug() + "/records/" + record.id()
                + "/access.zip").statusCode()).isEqualTo(404);
    }
}
