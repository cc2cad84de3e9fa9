package org.dossier;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dossier.audit.Actor;
import org.dossier.imports.ImportFields;
import org.dossier.imports.ImportMapping;
import org.dossier.imports.ImportOptions;
import org.dossier.imports.ImportProblem;
import org.dossier.imports.ImportRun;
import org.dossier.imports.RecordImports;
import org.dossier.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code import --slug s --input FILE [--dry-run] …}: a migration's import of case files on the
 * configured database, run here (not by a server's scheduler), a line per batch on the terminal.
 * Exits 1 when the dry run finds an invalid row, or the import is refused, fails or does not read
 * back as its rows; {@code --resume RUN} takes a run that stopped (kill -9) up after its last batch.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import case files from a CSV, XLSX or JSON lines file into a service (dry run first).")
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--slug", required = true, description = "Slug of the service.")
    String slug;

    @Option(names = "--form", defaultValue = "dossier", description = "Form of the case files (default: ${DEFAULT-VALUE}).")
    String form;

    @Option(names = "--input", description = "The file: .csv, .xlsx or .jsonl.")
    Path input;

    @Option(names = "--dry-run", description = "Check every row as a form post would; write nothing.")
    boolean dryRun;

    @Option(names = "--external-id", description = "The column holding each row's id in the system it comes from.")
    String externalId;

    @Option(names = "--existing", defaultValue = "skip",
            description = "A row whose external id is known: update or skip (default: ${DEFAULT-VALUE}).")
    String existing;

    @Option(names = "--all-or-nothing", description = "Import nothing if a single row is invalid.")
    boolean allOrNothing;

    @Option(names = "--mapping", defaultValue = "saved",
            description = "saved: the service's saved mapping, then headings by key or label; auto: headings only.")
    String mapping;

    @Option(names = "--resume", description = "Resume the import run of this id (it stopped part-way).")
    Long resume;

    /** Set by tests to run against their database. */
    Services services;
    PrintStream out = System.out;

    @Override
    public Integer call() {
        return TenantCommand.onDatabase(services, wired -> {
            Tenant tenant = wired.tenants().require(slug);
            RecordImports imports = wired.imports();
            Actor actor = Actor.system("cli-import");
            RecordImports.Progress progress = totals -> out.printf("%d rows: %d valid, %d invalid, %d new, %d existing%n",
                    totals.done(), totals.valid(), totals.invalid(), totals.fresh(), totals.existing());
            ImportRun run;
            if (resume != null) {
                run = imports.execute(tenant.id(), resume, progress);
            } else {
                if (input == null) {
                    out.println("--input is required (or --resume RUN)");
                    return 2;
                }
                ImportRun uploaded;
                try (InputStream content = Files.newInputStream(input)) {
                    uploaded = imports.upload(tenant.id(), form, input.getFileName().toString(), content, Long.MAX_VALUE,
                            actor);
                } catch (IOException e) {
                    out.println("Cannot read " + input + ": " + e.getMessage());
                    return 2;
                }
                ImportMapping columns = "auto".equals(mapping)
                        ? ImportMapping.suggest(imports.columns(tenant.id(), uploaded.id()),
                                imports.fields(tenant.id(), form, Locale.FRENCH), Optional.empty())
                        : imports.mapping(tenant.id(), uploaded.id(), Locale.FRENCH);
                describe(columns, imports.fields(tenant.id(), form, Locale.FRENCH));
                ImportOptions options = new ImportOptions(columns, Optional.ofNullable(externalId),
                        "update".equals(existing) ? ImportOptions.Existing.UPDATE : ImportOptions.Existing.SKIP,
                        allOrNothing, Locale.FRENCH);
                imports.start(tenant.id(), uploaded.id(), dryRun ? ImportRun.Mode.DRY_RUN : ImportRun.Mode.IMPORT, options,
                        actor, false);
                out.println("Run " + uploaded.id() + (dryRun ? " (dry run)" : ""));
                run = imports.execute(tenant.id(), uploaded.id(), progress);
            }
            return report(imports, tenant, run);
        });
    }

    private void describe(ImportMapping columns, ImportFields fields) {
        columns.columns().forEach((column, key) -> out.println("  " + column + " -> " + (key.isEmpty() ? "(ignored)"
                : key + fields.find(key).map(field -> " (" + field.label() + ")").orElse(""))));
    }

    private int report(RecordImports imports, Tenant tenant, ImportRun run) {
        ImportRun.Totals totals = run.totals();
        out.printf("%s: %d rows, %d valid, %d invalid, %d new, %d existing%n", run.status().name().toLowerCase(Locale.ROOT),
                totals.rows(), totals.valid(), totals.invalid(), totals.fresh(), totals.existing());
        for (ImportProblem problem : imports.problems(tenant.id(), run.id(), 50)) {
            out.printf("  row %d, %s: %s (%s)%n", problem.row(), problem.field(), problem.message(), problem.value());
        }
        run.postCheck().ifPresent(check -> out.printf("Post-import check: %d read back, %d equal, %d differ%n",
                check.path("checked").asInt(), check.path("equal").asInt(), check.path("mismatched").asInt()));
        boolean failed = switch (run.status()) {
            case CHECKED -> totals.invalid() > 0;
            case DONE -> run.postCheck().map(check -> check.path("mismatched").asInt() > 0).orElse(false);
            default -> true;
        };
        return failed ? 1 : 0;
    }
}
