package org.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code import} on the configured database: a dry run that fails on a bad row, then the import. */
@Tag("integration")
class ImportCommandTest {
    @Test
    void the_dry_run_exits_1_on_a_bad_row_and_the_import_prints_its_batches() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "import-cli");
        Path file = Files.createTempFile("import", ".csv");
        Files.writeString(file, "ref;identite/nom;identite/prenom;accompagnement/statut;accompagnement/date_ouverture\n"
                + "C1;Berger;Iris;en_cours;2025-03-14\nC2;Petit;Iris;en_cours;2025-13-14\n", StandardCharsets.UTF_8);

        ByteArrayOutputStream dry = new ByteArrayOutputStream();
        int dryExit = run(services, dry, "--slug", tenant.slug(), "--input", file.toString(), "--dry-run",
                "--external-id", "ref");
        ByteArrayOutputStream imported = new ByteArrayOutputStream();
        int importExit = run(services, imported, "--slug", tenant.slug(), "--input", file.toString(),
                "--external-id", "ref");
        int again = run(services, new ByteArrayOutputStream(), "--slug", tenant.slug(), "--input", file.toString(),
                "--external-id", "ref");

        assertThat(dryExit).isEqualTo(1);
        assertThat(dry.toString(StandardCharsets.UTF_8)).contains("checked: 2 rows, 1 valid, 1 invalid")
                .contains("row 3, accompagnement/date_ouverture");
        assertThat(importExit).isZero();
        assertThat(imported.toString(StandardCharsets.UTF_8)).contains("2 rows: 1 valid, 1 invalid, 1 new")
                .contains("Post-import check: 1 read back, 1 equal, 0 differ");
        assertThat(again).isZero();
        assertThat(TestRecords.storedCount(services, tenant)).isEqualTo(1);
    }

    private static int run(Services services, ByteArrayOutputStream out, String... args) {
        ImportCommand command = new ImportCommand();
        command.services = services;
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new CommandLine(command).execute(args);
    }
}
