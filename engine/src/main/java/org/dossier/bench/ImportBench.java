package org.dossier.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.demo.FakeCaseFiles;
import org.dossier.export.ExportColumns;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.imports.ImportOptions;
import org.dossier.imports.ImportRun;
import org.dossier.imports.RecordImports;
import org.dossier.tenant.Tenant;

/**
 * The {@code import} scenario: a CSV of {@code rows} realistic case files (the demo's generator,
 * written as the CSV export writes them, with an external id), a dry run of it, then its import
 * into an empty service, each timed with the heap's peak. The import's time includes its
 * post-import check (every case file read back).
 */
final class ImportBench {
    private ImportBench() {}

    /** One run's figures. */
    record Figures(String run, long rows, double seconds, long peakHeapBytes) {
        double rowsPerMinute() {
            return rows / seconds * 60;
        }
    }

    static List<Figures> run(Services services, int rows) throws IOException {
        Tenant tenant = services.jdbi().inTransaction(handle -> {
            Tenant fresh = services.tenants().create(handle, "bench-import", "Bench import", "#1e3a8a");
            services.forms().publish(handle, fresh.id(), FormService.CASE_FILE, BaseSchema.baseSchema(), "bench");
            return fresh;
        });
        Path file = Files.createTempFile("dossier-import", ".csv");
        try {
            long start = System.nanoTime();
            write(services, tenant, file, rows);
            System.out.printf("import: %,d rows written to a CSV of %,d bytes in %.1f s, heap max %d MiB%n", rows,
                    Files.size(file), (System.nanoTime() - start) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
            RecordImports imports = services.imports();
            Actor actor = Actor.system("bench");
            List<Figures> figures = new ArrayList<>();
            for (ImportRun.Mode mode : List.of(ImportRun.Mode.DRY_RUN, ImportRun.Mode.IMPORT)) {
                ImportRun run;
                try (InputStream content = Files.newInputStream(file)) {
                    run = imports.upload(tenant.id(), FormService.CASE_FILE, "bench.csv", content, Long.MAX_VALUE, actor);
                }
                ImportOptions options = new ImportOptions(imports.mapping(tenant.id(), run.id(), Locale.FRENCH),
                        Optional.of("ref"), ImportOptions.Existing.SKIP, false, Locale.FRENCH);
                imports.start(tenant.id(), run.id(), mode, options, actor, false);
                System.gc();
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long began = System.nanoTime();
                ImportRun done = imports.execute(tenant.id(), run.id(), RecordImports.Progress.NONE);
                double seconds = (System.nanoTime() - began) / 1e9;
                long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                Figures figure = new Figures(mode == ImportRun.Mode.DRY_RUN ? "dry run" : "import", done.totals().rows(),
                        seconds, peak);
                figures.add(figure);
                System.out.printf("  %-7s %,d rows (%,d valid, %,d invalid): %.1f s, %,.0f rows/min, peak heap %d MiB%s%n",
                        figure.run(), done.totals().rows(), done.totals().valid(), done.totals().invalid(), seconds,
                        figure.rowsPerMinute(), peak >> 20, done.postCheck().map(check -> ", post-import check: "
                                + check.path("equal").asInt() + " equal, " + check.path("mismatched").asInt() + " differ")
                                .orElse(""));
            }
            return figures;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The CSV as the export writes it: {@code ;}, a BOM, one column per field, a group's rows as JSON. */
    private static void write(Services services, Tenant tenant, Path file, int rows) throws IOException {
        ExportColumns columns = ExportColumns.of(List.of(services.forms().latest(tenant.id(), FormService.CASE_FILE)
                .effectiveSchema()), Locale.FRENCH);
        FakeCaseFiles fake = new FakeCaseFiles(42);
        FakeCaseFiles.Options options = new FakeCaseFiles.Options(true, true, LocalDate.now());
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write('\uFEFF');
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL.builder().setDelimiter(';').get());
            List<String> header = new ArrayList<>(List.of("ref"));
            columns.fields().forEach(column -> header.add(column.key()));
            columns.groups().forEach(group -> header.add(group.key()));
            printer.printRecord(header);
            for (int row = 1; row <= rows; row++) {
                ObjectNode data = fake.next(options);
                List<String> line = new ArrayList<>(header.size());
                line.add("R" + row);
                columns.fields().forEach(column -> line.add(text(data.at(column.pointer()))));
                columns.groups().forEach(group -> line.add(text(data.at(group.pointer()))));
                printer.printRecord(line);
            }
            printer.flush();
        }
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
