package org.dossier.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossier.imports.ImportFixture.csv;
import static org.dossier.imports.ImportFixture.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.audit.ChainVerifier;
import org.dossier.referent.Referents;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The import's batched writes keep every rule of the single save: the audit chain written a batch
 * at a time verifies, one history row and one audit event per case file, a repeated external id
 * in one batch updates the case file its first row created, and a dry run checks an existing
 * external id as the update the import would make.
 */
@Tag("integration")
class ImportBatchWritesTest {
    private Services services;
    private Tenant tenant;
    private RecordImports imports;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "import-batch");
        imports = ImportFixture.imports(services, 4, ImportExecution.Hooks.NONE);
    }

    @Test
    void an_import_in_batches_leaves_an_audit_chain_that_verifies() {
        List<String> rows = new ArrayList<>();
        for (int index = 1; index <= 11; index++) {
            rows.add(row("B" + index, "Nom" + index, "1980-01-" + String.format("%02d", index)));
        }
        rows.add(row("B12", "", "1980-01-12"));

        ImportRun run = ImportFixture.importAll(imports, tenant, ImportFixture.upload(imports, tenant, "b.csv",
                csv(rows)), Optional.of("ext"), ImportOptions.Existing.SKIP);

        assertThat(run.totals().fresh()).isEqualTo(11);
        assertThat(run.totals().invalid()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM records WHERE tenant_id = :t")).isEqualTo(11);
        assertThat(count("SELECT COUNT(*) FROM record_changes WHERE tenant_id = :t AND lock_version = 1")).isEqualTo(11);
        assertThat(count("SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action = 'record.created'"))
                .isEqualTo(11);
        assertThat(count("SELECT COUNT(*) FROM record_external_ids WHERE tenant_id = :t")).isEqualTo(11);
        ChainVerifier.Report report = new ChainVerifier(services.jdbi()).verify(tenant.id().value(), tenant.slug());
        assertThat(report.intact()).isTrue();
        assertThat(report.length()).isEqualTo(count("SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t"));
        assertThat(run.postCheck().orElseThrow().path("mismatched").asInt()).isZero();
        assertThat(run.postCheck().orElseThrow().path("checked").asInt()).isEqualTo(11);
    }

    @Test
    void a_repeated_external_id_in_one_batch_updates_the_case_file_its_first_row_created() {
        String file = csv(List.of(row("C1", "Premier", "1980-01-01"), row("C1", "Second", "1980-01-01")));

        ImportRun run = ImportFixture.importAll(imports, tenant, ImportFixture.upload(imports, tenant, "c.csv", file),
                Optional.of("ext"), ImportOptions.Existing.UPDATE);

        assertThat(run.totals().fresh()).isEqualTo(1);
        assertThat(run.totals().existing()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM records WHERE tenant_id = :t")).isEqualTo(1);
        String lastName = services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT last_name FROM records WHERE tenant_id = :t").bind("t", tenant.id()).mapTo(String.class).one());
        assertThat(lastName).isEqualTo("Second");
        assertThat(new ChainVerifier(services.jdbi()).verify(tenant.id().value(), tenant.slug()).intact()).isTrue();
    }

    @Test
    void a_dry_run_checks_an_existing_external_id_as_an_update_of_its_case_file() {
        // A référent typed as free text before the service required members: kept on later saves.
        String file = csv(List.of(row("D1", "Berger", "1984-02-29") + ";Jeanne Libre"))
                .replaceFirst("\r\n", ";accompagnement/referent\r\n");
        ImportRun first = ImportFixture.importAll(imports, tenant, ImportFixture.upload(imports, tenant, "d.csv", file),
                Optional.of("ext"), ImportOptions.Existing.SKIP);
        assertThat(first.totals().fresh()).isEqualTo(1);
        new Referents(services.jdbi(), services.audit(), services.messages()).setMembersOnly(tenant.id(), true,
                ImportFixture.ADMIN);

        ImportRun update = ImportFixture.run(imports, tenant, ImportFixture.upload(imports, tenant, "d.csv", file),
                ImportRun.Mode.DRY_RUN, Optional.of("ext"), ImportOptions.Existing.UPDATE, false, java.util.Map.of());
        ImportRun fresh = ImportFixture.dryRun(imports, tenant, ImportFixture.upload(imports, tenant, "e.csv",
                file.replace("D1;", "E1;")), Optional.of("ext"));

        // As an update the stored value is kept, so it passes; as a new case file it is refused.
        assertThat(update.totals().invalid()).isZero();
        assertThat(update.totals().existing()).isEqualTo(1);
        assertThat(fresh.totals().invalid()).isEqualTo(1);
        assertThat(imports.problems(tenant.id(), fresh.id(), 10)).extracting(ImportProblem::field)
                .containsExactly("accompagnement/referent");
    }

    @Test
    void runs_are_counted_by_outcome_with_the_rows_imported() {
        double checked = runs("checked");
        double done = runs("done");
        double refused = runs("refused");
        double rows = importedRows();
        String file = csv(List.of(row("M1", "Berger", "1984-02-29"), row("M2", "Petit", "1970-05-05"),
                row("M3", "", "1990-01-01")));

        ImportFixture.dryRun(imports, tenant, ImportFixture.upload(imports, tenant, "m.csv", file), Optional.of("ext"));
        ImportFixture.importAll(imports, tenant, ImportFixture.upload(imports, tenant, "m.csv", file),
                Optional.of("ext"), ImportOptions.Existing.SKIP);
        ImportFixture.run(imports, tenant, ImportFixture.upload(imports, tenant, "m.csv", file), ImportRun.Mode.IMPORT,
                Optional.of("ext"), ImportOptions.Existing.SKIP, true, java.util.Map.of());

        assertThat(runs("checked")).isEqualTo(checked + 1);
        assertThat(runs("done")).isEqualTo(done + 1);
        assertThat(runs("refused")).isEqualTo(refused + 1);
        assertThat(importedRows()).isEqualTo(rows + 2);
    }

    private double runs(String outcome) {
        return services.metrics().registry().find("dossier.import.runs").tag("outcome", outcome).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private double importedRows() {
        return services.metrics().registry().find("dossier.import.rows").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private long count(String sql) {
        return services.jdbi().withHandle(handle -> handle.createQuery(sql).bind("t", tenant.id())
                .mapTo(Long.class).one());
    }
}
