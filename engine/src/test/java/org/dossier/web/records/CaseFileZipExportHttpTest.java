package org.dossier.web.records;

import static org.dossier.testing.ExportedFiles.byId;
import static org.dossier.testing.ExportedFiles.csv;
import static org.dossier.testing.ExportedFiles.jsonLines;
import static org.dossier.testing.ExportedFiles.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.audit.Actor;
import org.dossier.branding.LogoTest;
import org.dossier.export.CaseFileExport;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The export of case files with their files, through the real app and the filesystem store: one
 * ZIP holding the data file and the files' bytes, the rows naming their entries; a confidential
 * field's files only with the grant, an archived case file's only on request; without the option,
 * the export as before.
 */
@Tag("integration")
class CaseFileZipExportHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUPPORTING = "/accompagnement/pieces_justificatives";
    private static final String CONFIDENTIAL = "/notes_confidentielles/pieces_confidentielles";
    private static final byte[] LEASE = AttachmentPagesTest.pdf("Bail de location");
    private static final byte[] SECRET = AttachmentPagesTest.pdf("Signalement zyxsecret");
    private static final byte[] OLD = AttachmentPagesTest.pdf("Ancien justificatif");
    private static Services services;
    private static Tenant tenant;
    private static User admin;
    private static CaseRecord withFiles;
    private static CaseRecord without;
    private static CaseRecord archived;
    private static Attachment lease;
    private static Attachment photo;
    private static Attachment secret;
    private static Attachment old;
    private static byte[] png;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        ObjectNode definition = org.dossier.form.BaseSchema.baseSchema().deepCopy();
        ObjectNode field = ((ObjectNode) definition.at("/properties/notes_confidentielles/properties"))
                .putObject("pieces_confidentielles");
        field.put("type", "array").put("x-widget", "file").put("maxItems", 3).put("x-order", 20)
                .put("x-confidential", true);
        field.putObject("items").put("type", "string");
        field.putObject("x-label").put("fr", "Pièces confidentielles").put("en", "Confidential documents");
        field.putObject("x-gdpr").put("purpose", "Accompagnement social").put("legalBasis", "public-task")
                .put("category", "Pièces du dossier").put("specialCategory", false);
        tenant = TestTenants.withForm(services, "zipexport", definition);
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        png = LogoTest.image("png", 16, 16);
        Actor actor = new Actor(admin.email(), "127.0.0.1");
        List<Attachment> staged = services.attachments().stage(tenant.id(), List.of(
                new AttachmentService.Upload(SUPPORTING, "Relevé: CAF*mars.pdf", LEASE),
                new AttachmentService.Upload(SUPPORTING, "photo.png", png),
                new AttachmentService.Upload(CONFIDENTIAL, "Signalement.pdf", SECRET),
                new AttachmentService.Upload(SUPPORTING, "ancien.pdf", OLD)), actor, Locale.FRENCH).staged();
        lease = staged.get(0);
        photo = staged.get(1);
        secret = staged.get(2);
        old = staged.get(3);
        ObjectNode data = TestRecords.validData("Fichiers");
        ((ObjectNode) data.get("accompagnement")).putArray("pieces_justificatives").add(lease.id()).add(photo.id());
        data.putObject("notes_confidentielles").putArray("pieces_confidentielles").add(secret.id());
        withFiles = services.records().create(tenant.id(), FormService.CASE_FILE, data, actor, Locale.FRENCH);
        without = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData("Sansfichier"),
                actor, Locale.FRENCH);
        ObjectNode oldData = TestRecords.validData("Archive");
        ((ObjectNode) oldData.get("accompagnement")).putArray("pieces_justificatives").add(old.id());
        archived = services.records().create(tenant.id(), FormService.CASE_FILE, oldData, actor, Locale.FRENCH);
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE records SET last_activity_at = NOW(6) - INTERVAL 3 YEAR
                         WHERE tenant_id = :t AND id = :id""")
                .bind("t", tenant.id()).bind("id", archived.id()).execute());
    }

    private static String exportPath(String query) {
        return "/t/" + tenant.slug() + "/records/export?" + query;
    }

    private static String entry(CaseRecord record, Attachment attachment, String name) {
        return "pieces/" + record.id() + "/" + attachment.id() + "-" + name;
    }


    @Test
    void the_zip_holds_the_csv_and_each_file_byte_identical_and_the_row_names_their_entries() throws Exception {
        HttpResponse<byte[]> response = TestClient.browser(admin).getBytes(exportPath("format=csv&attachments=1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/zip");
        assertThat(response.headers().firstValue("content-disposition").orElse("")).contains("attachment", ".zip");
        Map<String, byte[]> entries = unzip(response.body());
        // The name as given is kept in the store; its entry replaces what is unsafe in a path.
        assertThat(lease.fileName()).isEqualTo("Relevé: CAF*mars.pdf");
        String leaseEntry = entry(withFiles, lease, "Relevé_ CAF_mars.pdf");
        String photoEntry = entry(withFiles, photo, "photo.png");
        String secretEntry = entry(withFiles, secret, "Signalement.pdf");
        assertThat(entries.keySet()).containsExactly("dossiers.csv", leaseEntry, photoEntry, secretEntry);
        assertThat(entries.get(leaseEntry)).isEqualTo(LEASE);
        assertThat(entries.get(photoEntry)).isEqualTo(png);
        assertThat(entries.get(secretEntry)).isEqualTo(SECRET);

        List<CSVRecord> rows = csv(entries.get("dossiers.csv"));
        List<String> header = rows.get(0).toList();
        Map<String, CSVRecord> byId = byId(rows);
        assertThat(byId).containsOnlyKeys(withFiles.id().toString(), without.id().toString());
        CSVRecord row = byId.get(withFiles.id().toString());
        assertThat(row.get(header.indexOf("accompagnement/pieces_justificatives")))
                .isEqualTo(leaseEntry + ", " + photoEntry);
        assertThat(row.get(header.indexOf("notes_confidentielles/pieces_confidentielles"))).isEqualTo(secretEntry);
        assertThat(byId.get(without.id().toString()).get(header.indexOf("accompagnement/pieces_justificatives")))
                .isEmpty();
    }

    @Test
    void json_lines_keep_the_data_as_stored_and_list_the_files_and_xlsx_cells_name_the_entries() throws Exception {
        Map<String, byte[]> entries = unzip(TestClient.api(services, admin)
                .getBytes("/api/v1/tenants/" + tenant.slug() + "/records/export?format=jsonl&attachments=1").body());
        JsonNode line = jsonLines(entries.get("dossiers.jsonl")).get(withFiles.id().toString());
        assertThat(line.at("/data/accompagnement/pieces_justificatives/0").asText()).isEqualTo(lease.id());
        List<String> paths = new ArrayList<>();
        line.get("files").forEach(file -> paths.add(file.get("path").asText()));
        assertThat(paths).containsExactly(entry(withFiles, lease, "Relevé_ CAF_mars.pdf"), entry(withFiles, photo, "photo.png"),
                entry(withFiles, secret, "Signalement.pdf"));
        assertThat(line.at("/files/1/field").asText()).isEqualTo(SUPPORTING);
        assertThat(line.at("/files/1/sha256").asText()).isEqualTo(photo.sha256());
        paths.forEach(path -> assertThat(entries).containsKey(path));

        Map<String, byte[]> xlsx = unzip(TestClient.browser(admin).getBytes(exportPath("format=xlsx&attachments=1"))
                .body());
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.get("dossiers.xlsx")))) {
            List<Row> sheet = workbook.getFirstSheet().read();
            Row keys = sheet.get(1);
            int column = -1;
            for (int i = 0; i < keys.getCellCount(); i++) {
                if ("accompagnement/pieces_justificatives".equals(keys.getCellText(i))) {
                    column = i;
                }
            }
            Row row = sheet.stream().filter(r -> withFiles.id().toString().equals(r.getCellText(0))).findFirst()
                    .orElseThrow();
            assertThat(row.getCellText(column)).isEqualTo(entry(withFiles, lease, "Relevé_ CAF_mars.pdf") + ", "
                    + entry(withFiles, photo, "photo.png"));
        }
        assertThat(xlsx.get(entry(withFiles, photo, "photo.png"))).isEqualTo(png);
    }

    @Test
    void a_confidential_fields_files_go_only_to_holders_of_the_grant() throws Exception {
        User blind = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        byte[] body = TestClient.browser(blind).getBytes(exportPath("format=jsonl&attachments=1")).body();
        Map<String, byte[]> entries = unzip(body);

        assertThat(entries.keySet()).containsExactly("dossiers.jsonl", entry(withFiles, lease, "Relevé_ CAF_mars.pdf"),
                entry(withFiles, photo, "photo.png"));
        assertThat(new String(entries.get("dossiers.jsonl"), StandardCharsets.UTF_8)).doesNotContain(secret.id());
        entries.values().forEach(bytes -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .doesNotContain("zyxsecret"));
        assertThat(jsonLines(entries.get("dossiers.jsonl")).get(withFiles.id().toString()).get("files")).hasSize(2);

        User seeing = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        assertThat(unzip(TestClient.browser(seeing).getBytes(exportPath("format=jsonl&attachments=1")).body()))
                .containsKey(entry(withFiles, secret, "Signalement.pdf"));
    }

    @Test
    void an_archived_case_files_files_come_only_when_archived_ones_are_asked_for() throws Exception {
        TestClient client = TestClient.browser(admin);
        String oldEntry = entry(archived, old, "ancien.pdf");
        assertThat(unzip(client.getBytes(exportPath("format=csv&attachments=1")).body())).doesNotContainKey(oldEntry);

        Map<String, byte[]> entries = unzip(client.getBytes(exportPath("format=csv&attachments=1&archived=1")).body());
        assertThat(entries.get(oldEntry)).isEqualTo(OLD);
        List<CSVRecord> rows = csv(entries.get("dossiers.csv"));
        assertThat(byId(rows).get(archived.id().toString()).get(rows.get(0).toList()
                .indexOf("accompagnement/pieces_justificatives"))).isEqualTo(oldEntry);
    }

    @Test
    void without_the_option_the_export_is_the_data_file_alone_naming_the_bare_ids() throws Exception {
        TestClient client = TestClient.browser(admin);
        HttpResponse<byte[]> plain = client.getBytes(exportPath("format=jsonl"));
        assertThat(plain.headers().firstValue("content-type").orElse("")).startsWith("application/x-ndjson");
        Map<String, JsonNode> lines = jsonLines(plain.body());
        assertThat(lines.get(withFiles.id().toString()).has("files")).isFalse();

        // The ZIP's data file is the same export, each line with its files beside it.
        Map<String, JsonNode> zipped = jsonLines(unzip(client.getBytes(exportPath("format=jsonl&attachments=1")).body())
                .get("dossiers.jsonl"));
        zipped.values().forEach(line -> ((ObjectNode) line).remove("files"));
        assertThat(zipped).isEqualTo(lines);

        List<CSVRecord> rows = csv(client.getBytes(exportPath("format=csv")).body());
        assertThat(byId(rows).get(withFiles.id().toString()).get(rows.get(0).toList()
                .indexOf("accompagnement/pieces_justificatives"))).isEqualTo(lease.id() + ", " + photo.id());
    }

    @Test
    void the_audit_event_says_how_many_files_went() throws Exception {
        User member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        TestClient.browser(member).getBytes(exportPath("format=csv&attachments=1&archived=1"));
        TestClient.browser(member).getBytes(exportPath("format=csv"));

        List<JsonNode> details = new ArrayList<>();
        for (var event : TestAudit.events(services, tenant.id().value(), CaseFileExport.AUDIT_ACTION, member.email())) {
            details.add(JSON.readTree(event.details()));
        }
        assertThat(details).hasSize(2);
        JsonNode zipped = details.stream().filter(d -> d.has("files")).findFirst().orElseThrow();
        // The two visible files of one case file and the archived one's; not the confidential one.
        assertThat(zipped.get("files").asLong()).isEqualTo(3);
        assertThat(zipped.get("rows").asLong()).isEqualTo(3);
        assertThat(zipped.get("complete").asBoolean()).isTrue();
        assertThat(details.stream().filter(d -> !d.has("files"))).hasSize(1);
    }

    @Test
    void the_list_page_offers_the_files_as_an_option_and_another_services_member_gets_nothing() throws Exception {
        String html = TestClient.browser(admin).get("/t/" + tenant.slug() + "/records").body();
        var form = org.jsoup.Jsoup.parse(html).selectFirst("form.export-form");
        var box = form.selectFirst("input[type=checkbox][name=attachments]");
        assertThat(box.attr("value")).isEqualTo("1");
        assertThat(form.selectFirst("label[for=" + box.id() + "]").text()).isEqualTo("Joindre les pièces (fichier ZIP)");

        Tenant other = TestTenants.withBaseForm(services, "zipexport-other");
        User stranger = TestUsers.member(services, other, Role.ADMIN, true);
        HttpResponse<byte[]> answer = TestClient.browser(stranger).getBytes(exportPath("format=csv&attachments=1"));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Bail de location");
    }

    @Test
    void a_file_that_cannot_be_read_fails_the_export_instead_of_ending_a_zip_that_looks_whole() throws Exception {
        Tenant broken = TestTenants.withBaseForm(services, "zipexport-broken");
        User member = TestUsers.member(services, broken, Role.ADMIN, true);
        Actor actor = new Actor(member.email(), "127.0.0.1");
        Attachment lost = services.attachments().stage(broken.id(), List.of(new AttachmentService.Upload(SUPPORTING,
                "perdu.pdf", LEASE)), actor, Locale.FRENCH).staged().get(0);
        ObjectNode data = TestRecords.validData("Perdu");
        ((ObjectNode) data.get("accompagnement")).putArray("pieces_justificatives").add(lost.id());
        services.records().create(broken.id(), FormService.CASE_FILE, data, actor, Locale.FRENCH);
        services.attachments().store().delete(lost.key());

        int status;
        try {
            status = TestClient.browser(member).getBytes("/t/" + broken.slug() + "/records/export?format=csv&attachments=1")
                    .statusCode();
        } catch (java.io.UncheckedIOException aborted) {
            status = -1; // the connection aborted once the first bytes were sent: no file that looks whole
        }
        assertThat(status).isNotEqualTo(200);
        JsonNode details = JSON.readTree(TestAudit.events(services, broken.id().value(), CaseFileExport.AUDIT_ACTION,
                member.email()).get(0).details());
        assertThat(details.get("complete").asBoolean()).isFalse();
        assertThat(details.get("files").asLong()).isZero();
    }



}
