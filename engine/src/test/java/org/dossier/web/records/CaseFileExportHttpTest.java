package org.dossier.web.records;

import static org.dossier.testing.ExportedFiles.byId;
import static org.dossier.testing.ExportedFiles.csv;
import static org.dossier.testing.ExportedFiles.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.export.CaseFileExport;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The export of case files, through the real app: a service whose form lost a field between two
 * versions, a case file saved under each, one archived, one holding a formula. Each format is
 * read back with a parser and compared with what is stored.
 */
@Tag("integration")
class CaseFileExportHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "Signalement en cours, ne pas divulguer";
    private static final String FORMULA = "=HYPERLINK(\"http://x.test\",\"clic\")";
    private static Services services;
    private static Tenant tenant;
    private static CaseRecord older;
    private static CaseRecord newer;
    private static CaseRecord archived;
    private static User admin;

    @BeforeAll
    static void setUp() throws Exception {
        services = TestDatabase.services();
        ObjectNode withExtra = BaseSchema.baseSchema().deepCopy();
        ((ObjectNode) withExtra.get("properties")).putObject("numero_allocataire").put("type", "string")
                .putObject("x-label").put("fr", "Numéro allocataire").put("en", "Benefit number");
        tenant = TestTenants.withForm(services, "export", withExtra);
        ObjectNode olderData = (ObjectNode) JSON.readTree("""
                {"accompagnement": {"statut": "en_cours", "date_ouverture": "2025-03-14", "motifs": ["logement", "budget"]},
                 "identite": {"nom": "Berger", "prenom": "Hélène", "date_naissance": "1984-02-29"},
                 "membres_foyer": [{"nom": "Berger", "prenom": "Léo", "lien": "enfant"},
                                   {"nom": "Berger", "prenom": "Ana", "lien": "conjoint"}],
                 "logement_ressources": {"loyer": 512.5, "dettes": false},
                 "notes_confidentielles": {"contenu": "%s"},
                 "numero_allocataire": "A-123"}
                """.formatted(NOTE));
        older = services.records().create(tenant.id(), FormService.CASE_FILE, olderData, Actor.system("test"),
                Locale.FRENCH);
        // Version 2 drops numero_allocataire: the older file still holds it, and the export must too.
        services.jdbi().useTransaction(handle -> services.forms().publish(handle, tenant.id(), FormService.CASE_FILE,
                BaseSchema.baseSchema(), "test"));
        ObjectNode newerData = (ObjectNode) JSON.readTree("""
                {"accompagnement": {"statut": "clos", "date_ouverture": "2025-04-01", "date_cloture": "2025-06-01"},
                 "identite": {"nom": "Durand", "prenom": "Paul", "date_naissance": "1970-01-01", "lieu_naissance": ""}}
                """);
        ((ObjectNode) newerData.get("identite")).put("lieu_naissance", FORMULA);
        newer = services.records().create(tenant.id(), FormService.CASE_FILE, newerData, Actor.system("test"),
                Locale.FRENCH);
        archived = services.records().create(tenant.id(), FormService.CASE_FILE, (ObjectNode) JSON.readTree("""
                {"accompagnement": {"statut": "clos", "date_ouverture": "2019-01-01", "date_cloture": "2020-01-01"},
                 "identite": {"nom": "Ancien", "prenom": "Jules", "date_naissance": "1950-05-05"}}
                """), Actor.system("test"), Locale.FRENCH);
        Instant threeYearsAgo = LocalDateTime.now(Retention.ZONE).minusYears(3).atZone(Retention.ZONE).toInstant()
                .truncatedTo(ChronoUnit.MICROS);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", threeYearsAgo).bind("t", tenant.id()).bind("id", archived.id()).execute());
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
    }

    private static String exportPath(String query) {
        return "/t/" + tenant.slug() + "/records/export?" + query;
    }



    @Test
    void csv_holds_every_field_of_both_versions_with_the_stored_values() throws Exception {
        HttpResponse<byte[]> response = TestClient.browser(admin).getBytes(exportPath("format=csv"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        assertThat(response.headers().firstValue("content-disposition").orElse("")).contains("attachment", ".csv");
        List<CSVRecord> rows = csv(response.body());
        List<String> header = rows.get(0).toList();
        assertThat(header).startsWith("id", "form_version", "phase", "created_at", "updated_at")
                .contains("identite/nom", "accompagnement/motifs", "logement_ressources/loyer", "membres_foyer",
                        "notes_confidentielles/contenu", "numero_allocataire");
        // The latest form's fields first, then the field only version 1 has.
        assertThat(header.indexOf("numero_allocataire")).isGreaterThan(header.indexOf("notes_confidentielles/contenu"));
        Map<String, CSVRecord> byId = byId(rows);
        assertThat(byId).containsOnlyKeys(older.id().toString(), newer.id().toString());
        CSVRecord berger = byId.get(older.id().toString());
        assertThat(berger.get(header.indexOf("form_version"))).isEqualTo("1");
        assertThat(berger.get(header.indexOf("phase"))).isEqualTo("active");
        assertThat(berger.get(header.indexOf("identite/nom"))).isEqualTo("Berger");
        assertThat(berger.get(header.indexOf("numero_allocataire"))).isEqualTo("A-123");
        assertThat(berger.get(header.indexOf("accompagnement/motifs"))).isEqualTo("logement, budget");
        assertThat(berger.get(header.indexOf("logement_ressources/loyer"))).isEqualTo("512.5");
        assertThat(berger.get(header.indexOf("notes_confidentielles/contenu"))).isEqualTo(NOTE);
        assertThat(JSON.readTree(berger.get(header.indexOf("membres_foyer"))))
                .isEqualTo(services.records().get(tenant.id(), older.id()).data().get("membres_foyer"));
        CSVRecord durand = byId.get(newer.id().toString());
        assertThat(durand.get(header.indexOf("form_version"))).isEqualTo("2");
        assertThat(durand.get(header.indexOf("numero_allocataire"))).isEmpty();
    }

    @Test
    void a_formula_is_written_as_text_in_csv_and_xlsx() throws Exception {
        List<CSVRecord> rows = csv(TestClient.browser(admin).getBytes(exportPath("format=csv")).body());
        int column = rows.get(0).toList().indexOf("identite/lieu_naissance");
        assertThat(byId(rows).get(newer.id().toString()).get(column)).isEqualTo("'" + FORMULA);

        byte[] xlsx = TestClient.browser(admin).getBytes(exportPath("format=xlsx")).body();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> sheet = workbook.getFirstSheet().read();
            int index = keys(sheet).indexOf("identite/lieu_naissance");
            Row durand = sheet.stream().filter(row -> newer.id().toString().equals(text(row, 0))).findFirst().orElseThrow();
            assertThat(durand.getCell(index).getType()).isEqualTo(org.dhatim.fastexcel.reader.CellType.STRING);
            assertThat(durand.getCell(index).getFormula()).isNull();
            assertThat(text(durand, index)).isEqualTo(FORMULA);
        }
    }

    @Test
    void xlsx_has_labels_keys_and_a_sheet_per_repeatable_group_linked_by_id() throws Exception {
        HttpResponse<byte[]> response = TestClient.browser(admin).getBytes(exportPath("format=xlsx"));

        assertThat(response.statusCode()).isEqualTo(200);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.body()))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets.get(0).getName()).isEqualTo("Dossiers");
            List<Row> main = sheets.get(0).read();
            List<String> keys = keys(main);
            int allocataire = keys.indexOf("numero_allocataire");
            assertThat(text(main.get(0), allocataire)).isEqualTo("Numéro allocataire");
            assertThat(text(main.get(0), keys.indexOf("identite/nom"))).isEqualTo("Nom");
            assertThat(main).hasSize(2 + 2);
            Row berger = main.stream().filter(row -> older.id().toString().equals(text(row, 0))).findFirst()
                    .orElseThrow();
            assertThat(text(berger, allocataire)).isEqualTo("A-123");
            assertThat(berger.getCellAsNumber(keys.indexOf("logement_ressources/loyer")).orElseThrow())
                    .isEqualByComparingTo("512.5");
            assertThat(berger.getCellAsNumber(1).orElseThrow()).isEqualByComparingTo("1");

            Sheet members = sheets.stream().filter(sheet -> sheet.getName().equals("Composition du foyer")).findFirst()
                    .orElseThrow();
            List<Row> memberRows = members.read();
            List<String> memberKeys = keys(memberRows);
            assertThat(memberKeys).startsWith("id", "row").contains("prenom", "lien");
            assertThat(memberRows.subList(2, memberRows.size())).extracting(row -> List.of(text(row, 0),
                            text(row, 1), text(row, memberKeys.indexOf("prenom")), text(row, memberKeys.indexOf("lien"))))
                    .containsExactly(List.of(older.id().toString(), "1", "Léo", "enfant"),
                            List.of(older.id().toString(), "2", "Ana", "conjoint"));
        }
    }

    @Test
    void xlsx_headings_follow_the_page_language() throws Exception {
        byte[] xlsx = TestClient.browser(admin).getBytes(exportPath("format=xlsx&lang=en")).body();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("Case files");
            List<Row> rows = sheet.read();
            assertThat(text(rows.get(0), keys(rows).indexOf("numero_allocataire"))).isEqualTo("Benefit number");
        }
    }

    @Test
    void json_lines_give_each_case_file_with_its_form_version_and_data_as_stored() throws Exception {
        HttpResponse<byte[]> response = TestClient.api(services, admin)
                .getBytes("/api/v1/tenants/" + tenant.slug() + "/records/export?format=jsonl");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, JsonNode> lines = jsonLines(response.body());
        assertThat(lines).containsOnlyKeys(older.id().toString(), newer.id().toString());
        JsonNode berger = lines.get(older.id().toString());
        assertThat(berger.get("form_version").asInt()).isEqualTo(1);
        assertThat(berger.get("phase").asText()).isEqualTo("active");
        assertThat(berger.get("data")).isEqualTo(services.records().get(tenant.id(), older.id()).data());
        assertThat(lines.get(newer.id().toString()).get("data"))
                .isEqualTo(services.records().get(tenant.id(), newer.id()).data());
    }

    @Test
    void confidential_values_are_left_out_without_the_grant_in_every_format() throws Exception {
        User withoutGrant = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        TestClient client = TestClient.browser(withoutGrant);
        for (String format : List.of("csv", "xlsx", "jsonl")) {
            HttpResponse<byte[]> response = client.getBytes(exportPath("format=" + format));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("Signalement");
        }
        JsonNode berger = jsonLines(client.getBytes(exportPath("format=jsonl")).body()).get(older.id().toString());
        assertThat(berger.path("data").has("notes_confidentielles")).isFalse();
        assertThat(berger.at("/data/numero_allocataire").asText()).isEqualTo("A-123");
        // The grant's holder gets them (the CSV test checks the value itself).
        User withGrant = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        assertThat(jsonLines(TestClient.browser(withGrant).getBytes(exportPath("format=jsonl")).body())
                .get(older.id().toString()).at("/data/notes_confidentielles/contenu").asText()).isEqualTo(NOTE);
    }

    @Test
    void archived_case_files_come_only_on_request() throws Exception {
        TestClient client = TestClient.browser(admin);
        assertThat(jsonLines(client.getBytes(exportPath("format=jsonl")).body()))
                .doesNotContainKey(archived.id().toString());

        Map<String, JsonNode> withArchived = jsonLines(client.getBytes(exportPath("format=jsonl&archived=1")).body());
        assertThat(withArchived).containsOnlyKeys(older.id().toString(), newer.id().toString(),
                archived.id().toString());
        assertThat(withArchived.get(archived.id().toString()).get("phase").asText()).isEqualTo("archived");
    }

    @Test
    void the_list_search_and_filters_apply() throws Exception {
        TestClient client = TestClient.browser(admin);
        assertThat(jsonLines(client.getBytes(exportPath("format=jsonl&q=dur")).body()))
                .containsOnlyKeys(newer.id().toString());
        assertThat(jsonLines(client.getBytes(exportPath("format=jsonl&status=en_cours")).body()))
                .containsOnlyKeys(older.id().toString());
        assertThat(jsonLines(client.getBytes(exportPath("format=jsonl&status=clos&archived=1")).body()))
                .containsOnlyKeys(newer.id().toString(), archived.id().toString());
    }

    @Test
    void each_export_is_audited_with_who_the_format_the_filter_and_the_count() throws Exception {
        User member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        TestClient.browser(member).getBytes(exportPath("format=csv&status=clos&archived=1"));

        List<org.dossier.audit.AuditEvent> events = TestAudit.events(services, tenant.id().value(), CaseFileExport.AUDIT_ACTION,
                member.email());
        assertThat(events).hasSize(1);
        JsonNode details = JSON.readTree(events.get(0).details());
        assertThat(details.get("format").asText()).isEqualTo("csv");
        assertThat(details.get("rows").asLong()).isEqualTo(2);
        assertThat(details.get("complete").asBoolean()).isTrue();
        assertThat(details.get("archived").asBoolean()).isTrue();
        assertThat(details.get("confidential").asBoolean()).isFalse();
        assertThat(details.at("/filter/status").asText()).isEqualTo("clos");
    }

    @Test
    void a_viewer_may_not_export_and_an_unknown_format_is_refused() {
        User viewer = TestUsers.member(services, tenant, Role.VIEWER, true);
        assertThat(TestClient.browser(viewer).getBytes(exportPath("format=csv")).statusCode()).isEqualTo(403);
        assertThat(TestClient.browser(admin).getBytes(exportPath("format=pdf")).statusCode()).isEqualTo(400);
    }

    @Test
    void the_list_page_offers_the_export_with_the_current_search_to_those_who_may() {
        String html = TestClient.browser(admin).get("/t/" + tenant.slug() + "/records?q=dur&status=clos").body();
        var form = org.jsoup.Jsoup.parse(html).selectFirst("form.export-form");
        assertThat(form).isNotNull();
        assertThat(form.attr("action")).isEqualTo("/t/" + tenant.slug() + "/records/export");
        assertThat(form.select("input[type=hidden]")).extracting(input -> input.attr("name") + "=" + input.attr("value"))
                .containsExactlyInAnyOrder("q=dur", "status=clos");
        assertThat(form.select("select[name=format] option")).extracting(option -> option.attr("value"))
                .containsExactly("csv", "xlsx", "jsonl");
        assertThat(form.select("input[name=archived]")).hasSize(1);
        assertThat(form.parent().tagName()).as("folded under its summary, so the list stays first").isEqualTo("details");
        assertThat(form.parent().hasAttr("open")).isFalse();

        User viewer = TestUsers.member(services, tenant, Role.VIEWER, false);
        assertThat(TestClient.browser(viewer).get("/t/" + tenant.slug() + "/records").body())
                .doesNotContain("export-form");
    }

    @Test
    void an_export_that_fails_after_its_first_bytes_aborts_the_download_instead_of_ending_it_short() {
        Tenant broken = TestTenants.withBaseForm(services, "export-broken");
        CaseRecord plain = services.records().create(broken.id(), FormService.CASE_FILE,
                org.dossier.testing.TestRecords.validData("Plain"), Actor.system("test"), Locale.FRENCH);
        ObjectNode withNote = org.dossier.testing.TestRecords.validData("Sealed");
        withNote.putObject("notes_confidentielles").put("contenu", NOTE);
        CaseRecord sealed = services.records().create(broken.id(), FormService.CASE_FILE, withNote,
                Actor.system("test"), Locale.FRENCH);
        String copy = """
                INSERT INTO records (tenant_id, id, form_key, schema_version, data, lock_version, created_at,
                                     created_by, updated_at, updated_by, last_activity_at, to_complete)
                SELECT tenant_id, :newId, form_key, schema_version, data, lock_version, created_at, created_by,
                       updated_at, updated_by, last_activity_at, to_complete
                  FROM records WHERE tenant_id = :t AND id = :id
                """;
        services.jdbi().useHandle(handle -> {
            // Enough plain copies that the response is committed before the last case file is read.
            var batch = handle.prepareBatch(copy);
            for (int i = 0; i < 1500; i++) {
                batch.bind("newId", org.dossier.record.RecordId.generate()).bind("t", broken.id()).bind("id", plain.id())
                        .add();
            }
            batch.execute();
            // A copy of the sealed one under the greatest id, read last: its value is bound to another id and
            // cannot open, so the export fails after its first bytes are sent.
            byte[] last = new byte[16];
            java.util.Arrays.fill(last, (byte) 0xFF);
            handle.createUpdate(copy).bind("newId", org.dossier.record.RecordId.fromBytes(last)).bind("t", broken.id())
                    .bind("id", sealed.id()).execute();
        });
        User member = TestUsers.member(services, broken, Role.ADMIN, true);

        assertThatThrownBy(() -> TestClient.browser(member)
                .getBytes("/t/" + broken.slug() + "/records/export?format=csv"))
                .isInstanceOf(java.io.UncheckedIOException.class);
        JsonNode details = TestAudit.events(services, broken.id().value(), CaseFileExport.AUDIT_ACTION, member.email())
                .stream().map(event -> readTree(event.details())).findFirst().orElseThrow();
        assertThat(details.get("complete").asBoolean()).isFalse();
        // Every case file before the one that failed: the two created and the 1,500 copies.
        assertThat(details.get("rows").asLong()).isEqualTo(1502);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    private static List<String> keys(List<Row> rows) {
        List<String> keys = new ArrayList<>();
        Row row = rows.get(1);
        for (int i = 0; i < row.getCellCount(); i++) {
            keys.add(text(row, i));
        }
        return keys;
    }

    private static String text(Row row, int index) {
        return row.getOptionalCell(index).map(cell -> cell.getText() == null ? "" : cell.getText()).orElse("");
    }
}
