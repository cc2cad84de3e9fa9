package org.dossier.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossier.imports.ImportFixture.csv;
import static org.dossier.imports.ImportFixture.row;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dossier.Services;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Imports against the real database: dry runs that write nothing, imports that never duplicate,
 * a run cut short and resumed to the same result, and the check that reads every file back.
 */
@Tag("integration")
class RecordImportsTest {
    private Services services;
    private Tenant tenant;
    private RecordImports imports;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "import");
        imports = ImportFixture.imports(services, 2, ImportExecution.Hooks.NONE);
    }

    @Test
    void dry_run_reports_each_bad_row_and_stores_nothing() {
        String file = csv(List.of(row("A1", "Berger", "1984-02-29"), row("A2", "", "1990-01-01"),
                row("A3", "Durand", "31/02/1990"), row("A4", "Martin", "2190-01-01"), row("A5", "Petit", "1970-05-05")));
        Map<String, Object> before = dump(tenant);

        ImportRun run = ImportFixture.dryRun(imports, tenant, ImportFixture.upload(imports, tenant, "a.csv", file),
                Optional.of("ext"));

        assertThat(run.status()).isEqualTo(ImportRun.Status.CHECKED);
        assertThat(run.totals()).isEqualTo(new ImportRun.Totals(5, 2, 3, 2, 0, 5));
        List<ImportProblem> problems = imports.problems(tenant.id(), run.id(), 100);
        assertThat(problems).extracting(ImportProblem::row).containsExactly(3, 4, 5);
        assertThat(problems.get(0).field()).isEqualTo("identite/nom");
        assertThat(problems.get(1).field()).isEqualTo("identite/date_naissance");
        assertThat(problems.get(1).value()).isEqualTo("31/02/1990");
        assertThat(problems.get(2).field()).isEqualTo("identite/date_naissance");
        assertThat(problems).allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
        // The same messages as a form post: the validator's, in French.
        assertThat(problems.get(0).message()).isEqualTo(services.records().problems(tenant.id(),
                services.forms().latest(tenant.id(), "dossier"), withoutName(),
                java.util.Locale.FRENCH).stream().filter(error -> error.path().equals("/identite/nom")).findFirst()
                .orElseThrow().message());
        assertThat(dump(tenant)).isEqualTo(before);
    }

    @Test
    void import_of_the_valid_rows_writes_them_typed_as_a_form_post_would() {
        String file = csv(List.of(row("A1", "Berger", "1984-02-29"), row("A2", "", "1990-01-01")));

        ImportRun run = ImportFixture.importAll(imports, tenant, ImportFixture.upload(imports, tenant, "a.csv", file),
                Optional.of("ext"), ImportOptions.Existing.SKIP);

        assertThat(run.status()).isEqualTo(ImportRun.Status.DONE);
        assertThat(run.totals()).isEqualTo(new ImportRun.Totals(2, 1, 1, 1, 0, 2));
        JsonNode stored = onlyRecord(tenant);
        assertThat(stored.at("/identite/nom").asText()).isEqualTo("Berger");
        assertThat(stored.at("/accompagnement/date_ouverture").asText()).isEqualTo("2025-03-14");
        assertThat(stored.at("/accompagnement/motifs").toString()).isEqualTo("[\"logement\",\"budget\"]");
        assertThat(stored.at("/membres_foyer/0/prenom").asText()).isEqualTo("Léo");
        assertThat(run.postCheck().orElseThrow().path("mismatched").asInt()).isZero();
        assertThat(run.postCheck().orElseThrow().path("checked").asInt()).isEqualTo(1);
        assertThat(run.postCheck().orElseThrow().at("/outcomes/created").asInt()).isEqualTo(1);
        assertThat(run.postCheck().orElseThrow().at("/outcomes/invalid").asInt()).isEqualTo(1);
        assertThat(auditCount(tenant, RecordImports.AUDIT_ACTION)).isEqualTo(1);
        assertThat(auditCount(tenant, "record.created")).isEqualTo(1);
        assertThat(historyCount(tenant)).isEqualTo(1);
    }

    @Test
    void all_or_nothing_stores_nothing_when_one_row_is_bad() {
        String file = csv(List.of(row("A1", "Berger", "1984-02-29"), row("A2", "Petit", "1970-05-05"),
                row("A3", "", "1990-01-01")));

        ImportRun run = ImportFixture.run(imports, tenant, ImportFixture.upload(imports, tenant, "a.csv", file),
                ImportRun.Mode.IMPORT, Optional.of("ext"), ImportOptions.Existing.SKIP, true, Map.of());

        assertThat(run.status()).isEqualTo(ImportRun.Status.REFUSED);
        assertThat(recordCount(tenant)).isZero();
        assertThat(imports.problems(tenant.id(), run.id(), 10)).extracting(ImportProblem::row).containsExactly(4);
    }

    @Test
    void a_re_run_skips_or_updates_and_never_duplicates() {
        String file = csv(List.of(row("A1", "Berger", "1984-02-29"), row("A2", "Petit", "1970-05-05")));
        ImportFixture.importAll(imports, tenant, ImportFixture.upload(imports, tenant, "a.csv", file), Optional.of("ext"),
                ImportOptions.Existing.SKIP);

        ImportRun skipped = ImportFixture.importAll(imports, tenant, ImportFixture.upload(imports, tenant, "a.csv", file),
                Optional.of("ext"), ImportOptions.Existing.SKIP);
        String changed = csv(List.of(row("A1", "Berger-Roux", "1984-02-29"), row("A2", "Petit", "1970-05-05")));
        ImportRun updated = ImportFixture.importAll(imports, tenant, ImportFixture.upload(imports, tenant, "b.csv", changed),
                Optional.of("ext"), ImportOptions.Existing.UPDATE);

        assertThat(skipped.totals()).isEqualTo(new ImportRun.Totals(2, 2, 0, 0, 2, 2));
        assertThat(updated.totals()).isEqualTo(new ImportRun.Totals(2, 2, 0, 0, 2, 2));
        assertThat(recordCount(tenant)).isEqualTo(2);
        assertThat(lastNames(tenant)).containsExactly("Berger-Roux", "Petit");
        assertThat(updated.postCheck().orElseThrow().path("mismatched").asInt()).isZero();
        assertThat(updated.postCheck().orElseThrow().at("/outcomes/updated").asInt()).isEqualTo(2);
    }

    @Test
    void an_interrupted_import_resumed_ends_as_an_uninterrupted_one() {
        List<String> rows = new ArrayList<>();
        for (int index = 1; index <= 7; index++) {
            rows.add(row("E" + index, "Nom" + index, index == 4 ? "" : "1980-01-0" + index));
        }
        String file = csv(rows);
        Tenant reference = TestTenants.withBaseForm(services, "import-ref");
        ImportFixture.importAll(imports, reference, ImportFixture.upload(imports, reference, "a.csv", file),
                Optional.of("ext"), ImportOptions.Existing.SKIP);
        boolean[] killed = {false};
        RecordImports failing = ImportFixture.imports(services, 2, new ImportExecution.Hooks() {
            @Override
            public void afterBatch(int batches) {
                if (batches == 2 && !killed[0]) {
                    killed[0] = true;
                    throw new IllegalStateException("killed");
                }
            }
        });
        ImportRun run = ImportFixture.upload(failing, tenant, "a.csv", file);

        assertThatThrownBy(() -> ImportFixture.importAll(failing, tenant, run, Optional.of("ext"),
                ImportOptions.Existing.SKIP)).hasMessage("killed");
        assertThat(failing.find(tenant.id(), run.id()).status()).isEqualTo(ImportRun.Status.FAILED);
        assertThat(recordCount(tenant)).isEqualTo(4);
        // Resumed by the same service (its directory holds the file); its hook has stopped a run once.
        ImportRun finished = failing.execute(tenant.id(), run.id(), RecordImports.Progress.NONE);

        assertThat(finished.status()).isEqualTo(ImportRun.Status.DONE);
        assertThat(finished.totals()).isEqualTo(new ImportRun.Totals(7, 7, 0, 7, 0, 7));
        assertThat(byExternalId(tenant)).isEqualTo(byExternalId(reference));
        assertThat(recordCount(tenant)).isEqualTo(7);
        assertThat(finished.postCheck().orElseThrow().path("mismatched").asInt()).isZero();
    }

    @Test
    void the_post_import_check_finds_a_value_changed_between_write_and_check() {
        RecordImports altering = ImportFixture.imports(services, 2, new ImportExecution.Hooks() {
            @Override
            public void beforeCheck() {
                services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE records SET data = JSON_SET(data, '$.identite.prenom', 'Autre')
                         WHERE tenant_id = :t AND last_name = 'Petit'""").bind("t", tenant.id()).execute());
            }
        });
        String file = csv(List.of(row("A1", "Berger", "1984-02-29"), row("A2", "Petit", "1970-05-05")));

        ImportRun run = ImportFixture.importAll(altering, tenant, ImportFixture.upload(altering, tenant, "a.csv", file),
                Optional.of("ext"), ImportOptions.Existing.SKIP);

        JsonNode check = run.postCheck().orElseThrow();
        assertThat(check.path("checked").asInt()).isEqualTo(2);
        assertThat(check.path("mismatched").asInt()).isEqualTo(1);
        assertThat(check.at("/mismatches/0/row").asInt()).isEqualTo(3);
        assertThat(check.at("/mismatches/0/field").asText()).isEqualTo("identite/prenom");
        assertThat(check.toString()).doesNotContain("Autre");
    }

    @Test
    void xlsx_with_the_export_s_two_header_rows_imports() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(bytes, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("Dossiers");
        String[][] cells = {
                {"Identifiant", "Nom", "Prénom", "Statut", "Date d'ouverture", "Loyer"},
                {"id", "identite/nom", "identite/prenom", "accompagnement/statut", "accompagnement/date_ouverture",
                        "logement_ressources/loyer"},
                {"X1", "Berger", "Hélène", "en_cours", "2025-03-14", null}};
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cells[r].length; c++) {
                if (cells[r][c] != null) {
                    sheet.value(r, c, cells[r][c]);
                }
            }
        }
        sheet.value(2, 5, 512.5);
        workbook.finish();

        ImportRun run = ImportFixture.importAll(imports, tenant,
                ImportFixture.upload(imports, tenant, "dossiers.xlsx", bytes.toByteArray()), Optional.of("id"),
                ImportOptions.Existing.SKIP);

        assertThat(run.totals().fresh()).isEqualTo(1);
        JsonNode stored = onlyRecord(tenant);
        assertThat(stored.at("/identite/prenom").asText()).isEqualTo("Hélène");
        assertThat(stored.at("/logement_ressources/loyer").decimalValue()).isEqualByComparingTo("512.5");
    }

    @Test
    void json_lines_of_the_export_s_shape_import_with_their_groups() {
        String file = """
                {"id":"J1","form_version":1,"phase":"active","data":{"accompagnement":{"statut":"en_cours","date_ouverture":"2025-03-14","motifs":["logement"]},"identite":{"nom":"Berger","prenom":"Hélène"},"membres_foyer":[{"nom":"Berger","prenom":"Léo","lien":"enfant"}],"logement_ressources":{"loyer":512.5,"dettes":false}}}
                not json
                {"accompagnement":{"statut":"en_cours","date_ouverture":"2025-03-14"},"identite":{"nom":"Petit","prenom":"Paul"}}
                """;

        ImportRun run = ImportFixture.importAll(imports, tenant,
                ImportFixture.upload(imports, tenant, "d.jsonl", file), Optional.empty(), ImportOptions.Existing.SKIP);

        assertThat(run.totals()).isEqualTo(new ImportRun.Totals(3, 2, 1, 2, 0, 3));
        assertThat(imports.problems(tenant.id(), run.id(), 10)).extracting(ImportProblem::row).containsExactly(2);
        assertThat(lastNames(tenant)).containsExactly("Berger", "Petit");
        assertThat(run.postCheck().orElseThrow().path("mismatched").asInt()).isZero();
    }

    @Test
    void a_saved_mapping_is_suggested_for_the_next_file() {
        String file = "Surname;Prénom;Statut de l'accompagnement;Date d'ouverture;Remarque\nBerger;Hélène;en_cours;2025-03-14;x\n";
        ImportRun first = ImportFixture.upload(imports, tenant, "a.csv", file);
        ImportMapping suggested = imports.mapping(tenant.id(), first.id(), java.util.Locale.FRENCH);
        assertThat(suggested.columns()).containsEntry("Surname", "").containsEntry("Prénom", "identite/prenom")
                .containsEntry("Statut de l'accompagnement", "accompagnement/statut").containsEntry("Remarque", "");

        ImportFixture.run(imports, tenant, first, ImportRun.Mode.DRY_RUN, Optional.empty(), ImportOptions.Existing.SKIP,
                false, Map.of("Surname", "identite/nom"));
        ImportRun second = ImportFixture.upload(imports, tenant, "b.csv", file);

        assertThat(imports.mapping(tenant.id(), second.id(), java.util.Locale.FRENCH).columns())
                .containsEntry("Surname", "identite/nom").containsEntry("Prénom", "identite/prenom");
    }

    @Test
    void another_service_s_run_is_not_found() {
        ImportRun run = ImportFixture.upload(imports, tenant, "a.csv", csv(List.of(row("A1", "Berger", "1984-02-29"))));
        Tenant other = TestTenants.withBaseForm(services, "import-other");

        assertThatThrownBy(() -> imports.find(other.id(), run.id())).isInstanceOf(NoSuchImportException.class);
        assertThatThrownBy(() -> imports.execute(other.id(), run.id(), RecordImports.Progress.NONE))
                .isInstanceOf(NoSuchImportException.class);
    }

    @Test
    void a_file_that_is_not_what_its_name_says_is_refused_and_nothing_kept() {
        assertThatThrownBy(() -> ImportFixture.upload(imports, tenant, "a.xlsx", "not a workbook"))
                .isInstanceOf(MalformedImportFileException.class);
        assertThatThrownBy(() -> ImportFixture.upload(imports, tenant, "a.pdf", "x"))
                .isInstanceOf(MalformedImportFileException.class)
                .extracting(e -> ((MalformedImportFileException) e).code()).isEqualTo("importUnknownFormat");
        assertThatThrownBy(() -> ImportFixture.upload(imports, tenant, "a.csv", new byte[] {(byte) 0xE9, ';', 'x', '\n'}))
                .isInstanceOf(MalformedImportFileException.class);
        int runs = services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM import_runs WHERE tenant_id = :t").bind("t", tenant.id()).mapTo(Integer.class).one());
        assertThat(runs).isZero();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode withoutName() {
        com.fasterxml.jackson.databind.node.ObjectNode data = org.dossier.testing.TestRecords.validData("x");
        ((com.fasterxml.jackson.databind.node.ObjectNode) data.get("identite")).remove("nom");
        return data;
    }

    private Map<String, Object> dump(Tenant of) {
        Map<String, Object> dump = new TreeMap<>();
        services.jdbi().useHandle(handle -> {
            for (String table : List.of("records", "record_changes", "audit_events", "record_external_ids", "attachments")) {
                dump.put(table, handle.createQuery("SELECT * FROM " + table + " WHERE tenant_id = :t")
                        .bind("t", of.id()).mapToMap().list().toString());
            }
        });
        return dump;
    }

    private JsonNode onlyRecord(Tenant of) {
        String id = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT HEX(id) FROM records WHERE tenant_id = :t").bind("t", of.id()).mapTo(String.class).one());
        return services.records().get(of.id(), org.dossier.record.RecordId.fromBytes(java.util.HexFormat.of().parseHex(id)))
                .data();
    }

    private long recordCount(Tenant of) {
        return org.dossier.testing.TestRecords.storedCount(services, of);
    }

    private List<String> lastNames(Tenant of) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT last_name FROM records WHERE tenant_id = :t ORDER BY last_name").bind("t", of.id())
                .mapTo(String.class).list());
    }

    private Map<String, String> byExternalId(Tenant of) {
        Map<String, String> data = new TreeMap<>();
        services.jdbi().useHandle(handle -> handle.createQuery("""
                        SELECT e.external_id, r.id FROM record_external_ids e
                          JOIN records r ON r.tenant_id = e.tenant_id AND r.id = e.record_id
                         WHERE e.tenant_id = :t""").bind("t", of.id())
                .map((rs, ctx) -> Map.entry(rs.getString(1), org.dossier.record.RecordId.fromBytes(rs.getBytes(2))))
                .forEach(entry -> data.put(entry.getKey(),
                        services.records().get(of.id(), entry.getValue()).data().toString())));
        return data;
    }

    private long auditCount(Tenant of, String action) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action = :a").bind("t", of.id())
                .bind("a", action).mapTo(Long.class).one());
    }

    private long historyCount(Tenant of) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM record_changes WHERE tenant_id = :t").bind("t", of.id()).mapTo(Long.class).one());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
