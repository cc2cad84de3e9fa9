package org.dossier.imports;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;

/** An import service over the test database, with a small batch and the hooks a test needs. */
final class ImportFixture {
    static final Actor ADMIN = new Actor("admin-import@test", null);

    private ImportFixture() {}

    static RecordImports imports(Services services, int batchSize, ImportExecution.Hooks hooks) {
        try {
            return new RecordImports(services.jdbi(), services.mapper(), services.forms(), services.records(),
                    services.coercer(), services.messages(), services.audit(), Files.createTempDirectory("imports"),
                    RecordImports.Launcher.NONE, Clock.systemUTC(), batchSize, hooks, services.metrics().product());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ImportRun upload(RecordImports imports, Tenant tenant, String name, byte[] content) {
        return imports.upload(tenant.id(), FormService.CASE_FILE, name, new ByteArrayInputStream(content), 50_000_000,
                ADMIN);
    }

    static ImportRun upload(RecordImports imports, Tenant tenant, String name, String content) {
        return upload(imports, tenant, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a run with the suggested mapping (overridden by {@code mapping}) and runs it here. */
    static ImportRun run(RecordImports imports, Tenant tenant, ImportRun run, ImportRun.Mode mode,
                         Optional<String> externalId, ImportOptions.Existing existing, boolean allOrNothing,
                         Map<String, String> mapping) {
        java.util.Map<String, String> columns = new java.util.LinkedHashMap<>(
                imports.mapping(tenant.id(), run.id(), Locale.FRENCH).columns());
        columns.putAll(mapping);
        imports.start(tenant.id(), run.id(), mode, new ImportOptions(new ImportMapping(columns), externalId, existing,
                allOrNothing, Locale.FRENCH), ADMIN);
        return imports.execute(tenant.id(), run.id(), RecordImports.Progress.NONE);
    }

    static ImportRun dryRun(RecordImports imports, Tenant tenant, ImportRun run, Optional<String> externalId) {
        return run(imports, tenant, run, ImportRun.Mode.DRY_RUN, externalId, ImportOptions.Existing.SKIP, false, Map.of());
    }

    static ImportRun importAll(RecordImports imports, Tenant tenant, ImportRun run, Optional<String> externalId,
                               ImportOptions.Existing existing) {
        return run(imports, tenant, run, ImportRun.Mode.IMPORT, externalId, existing, false, Map.of());
    }

    /** The CSV of the tests: a row per case file, {@code ;}, a BOM, headings by key and by label. */
    static String csv(List<String> rows) {
        return "\uFEFFext;identite/nom;Prénom;identite.date_naissance;accompagnement/statut;Date d'ouverture;"
                + "accompagnement/motifs;membres_foyer\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    static String row(String ext, String name, String birth) {
        return ext + ";" + name + ";Hélène;" + birth + ";en_cours;14/03/2025;logement, budget;"
                + "\"[{\"\"nom\"\":\"\"Famille\"\",\"\"prenom\"\":\"\"Léo\"\",\"\"lien\"\":\"\"enfant\"\"}]\"";
    }

    static Path temp(String suffix, byte[] content) throws java.io.IOException {
        Path file = Files.createTempFile("import", suffix);
        Files.write(file, content);
        return file;
    }
}
