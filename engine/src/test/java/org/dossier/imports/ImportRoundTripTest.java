package org.dossier.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.export.CaseFileExport;
import org.dossier.export.ExportFormat;
import org.dossier.export.ExportHeadings;
import org.dossier.form.FormService;
import org.dossier.record.RecordQuery;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the export writes imports back into another service as it was, in every format: XLSX's
 * repeatable groups from their own sheets.
 */
@Tag("integration")
class ImportRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void an_export_imports_back_into_another_service_equal(ExportFormat format) throws Exception {
        Services services = TestDatabase.services();
        Tenant source = TestTenants.withBaseForm(services, "export-src");
        Tenant target = TestTenants.withBaseForm(services, "import-dst");
        for (String name : List.of("Berger", "=Durand", "Petit")) {
            ObjectNode data = (ObjectNode) JSON.readTree("""
                    {"accompagnement": {"statut": "en_cours", "date_ouverture": "2025-03-14", "motifs": ["logement", "budget"]},
                     "identite": {"nom": "%s", "prenom": "Hélène", "date_naissance": "1984-02-29"},
                     "membres_foyer": [{"nom": "Berger", "prenom": "Léo", "lien": "enfant", "a_charge": true}],
                     "logement_ressources": {"loyer": 512.5, "dettes": false, "nombre_personnes_foyer": 3},
                     "notes_confidentielles": {"contenu": "Note ; avec \\"guillemets\\""}}
                    """.formatted(name));
            services.records().create(source.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
        }
        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        new CaseFileExport(services.jdbi(), services.forms(), services.records(), services.audit(), services.mapper())
                .export(source.id(), new CaseFileExport.Request(RecordQuery.of(FormService.CASE_FILE, "", 1, 1), false,
                        format), Actor.system("test"), true, Locale.FRENCH,
                        new ExportHeadings("Identifiant", "Version", "Phase", "Créé", "Modifié", "Ligne", "Dossiers"), exported);
        RecordImports imports = ImportFixture.imports(services, 500, ImportExecution.Hooks.NONE);

        ImportRun run = ImportFixture.importAll(imports, target,
                ImportFixture.upload(imports, target, "export." + format.extension(), exported.toByteArray()),
                Optional.of("id"), ImportOptions.Existing.SKIP);

        assertThat(run.totals().invalid()).as(imports.problems(target.id(), run.id(), 10).toString()).isZero();
        assertThat(run.totals().fresh()).isEqualTo(3);
        assertThat(run.postCheck().orElseThrow().path("mismatched").asInt()).isZero();
        TreeMap<String, JsonNode> expected = data(services, source);
        // Every format whole: XLSX's repeatable groups come back from their own sheets.
        assertThat(data(services, target)).isEqualTo(expected);
    }

    private static TreeMap<String, JsonNode> data(Services services, Tenant tenant) {
        TreeMap<String, JsonNode> byName = new TreeMap<>();
        services.jdbi().useHandle(handle -> handle.createQuery("SELECT id FROM records WHERE tenant_id = :t")
                .bind("t", tenant.id()).map((rs, ctx) -> org.dossier.record.RecordId.fromBytes(rs.getBytes(1))).list()
                .forEach(id -> {
                    JsonNode data = services.records().get(tenant.id(), id).data();
                    byName.put(data.at("/identite/nom").asText(), data);
                }));
        return byName;
    }
}
