package org.dossier.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.dossier.attachment.AttachmentService;
import org.dossier.attachment.FileFields;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.RecordId;
import org.dossier.record.RecordQuery;
import org.dossier.record.RecordService;
import org.dossier.record.RecordStream;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * Exports a service's case files: the ones a search finds (its terms and filters; the archived
 * ones too only when asked), every field of every form version they were saved under, masked for
 * the reader, written as they are read to the caller's stream. Nothing is gathered first: the
 * rows are read in keyset pages and written at once, so memory does not grow with the export, and
 * there is no row limit. Each export is audited with who, the format, the filter and the count,
 * also when the stream broke off (the count says how far it went).
 */
public final class CaseFileExport {
    public static final String AUDIT_ACTION = "records.exported";

    private final Jdbi jdbi;
    private final FormService forms;
    private final RecordService records;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final AttachmentService attachments;

    public CaseFileExport(Jdbi jdbi, FormService forms, RecordService records, AuditLog audit, ObjectMapper json) {
        this(jdbi, forms, records, audit, json, null);
    }

    /** @param attachments reads the files an export with files holds (null: no export offers them) */
    public CaseFileExport(Jdbi jdbi, FormService forms, RecordService records, AuditLog audit, ObjectMapper json,
                          AttachmentService attachments) {
        this.attachments = attachments;
        this.jdbi = jdbi;
        this.forms = forms;
        this.records = records;
        this.audit = audit;
        this.json = json;
    }

    /**
     * What to export.
     *
     * @param query    the search (form, terms, filters); its page and order are not used
     * @param archived whether the archived case files are exported too, after the active ones
     * @param files    whether the answer is a ZIP holding the data file and the case files' files
     */
    public record Request(RecordQuery query, boolean archived, ExportFormat format, boolean files) {
        public Request(RecordQuery query, boolean archived, ExportFormat format) {
            this(query, archived, format, false);
        }
    }

    /** The name of the data file at the root of an export's ZIP. */
    public static String dataFileName(ExportFormat format) {
        return "dossiers." + format.extension();
    }

    /** Writes the export to {@code out} (left open) and returns how many case files it holds. */
    public long export(TenantId tenantId, Request request, Actor actor, boolean confidentialGrant, Locale locale,
                       ExportHeadings headings, OutputStream out) throws IOException {
        Plan plan = plan(tenantId, request, confidentialGrant, locale);
        if (request.files() && attachments == null) {
            throw new IllegalStateException("an export with files needs the attachments");
        }
        CaseFileZip zip = request.files() ? new CaseFileZip(attachments, tenantId, plan.hasFiles()) : null;
        ExportSource source = zip == null ? plan.source() : zip.withFiles(plan.source());
        // How far the first pass went: the count audited when the stream breaks off (an XLSX file reads the source
        // once per sheet; its first sheet holds one line per case file).
        long[] written = {0};
        int[] passes = {0};
        ExportSource counted = each -> {
            boolean first = passes[0]++ == 0;
            return source.forEach(record -> {
                each.accept(record);
                if (first) {
                    written[0]++;
                }
            });
        };
        boolean complete = false;
        long[] files = {0};
        try {
            long count;
            if (zip != null) {
                count = zip.write(request.format(),
                        dataFileName(request.format()),
                        (data, stream) -> write(request.format(), plan.columns(), headings, data, stream, true),
                        counted, out, () -> files[0]++).records();
            } else {
                count = write(request.format(), plan.columns(), headings, counted, out, false);
            }
            complete = true;
            return count;
        } finally {
            audited(tenantId, request, actor, confidentialGrant, complete, written[0], files[0]);
        }
    }

    private long write(ExportFormat format, ExportColumns columns, ExportHeadings headings, ExportSource source,
                       OutputStream out, boolean withFiles) throws IOException {
        return switch (format) {
            case CSV -> CsvExportWriter.write(columns, source, out);
            case XLSX -> XlsxExportWriter.write(columns, headings, source, out);
            case JSONL -> JsonLinesExportWriter.write(json, source, out, withFiles);
        };
    }

    /**
     * The columns and the source of one export, before anything is written.
     *
     * @param hasFiles whether a version of the form has a file field
     */
    record Plan(ExportColumns columns, ExportSource source, boolean hasFiles) {}

    Plan plan(TenantId tenantId, Request request, boolean confidentialGrant, Locale locale) {
        RecordStream stream = records.stream();
        String formKey = request.query().formKey();
        TreeSet<Integer> versions = new TreeSet<>(stream.versions(tenantId, request.query()));
        if (request.archived()) {
            versions.addAll(stream.versions(tenantId, request.query().inArchives()));
        }
        CompiledForm latest = forms.latest(tenantId, formKey);
        Map<Integer, CompiledForm> compiled = new LinkedHashMap<>();
        compiled.put(latest.version(), latest);
        for (int version : versions.descendingSet()) {
            compiled.computeIfAbsent(version, v -> forms.version(tenantId, formKey, v));
        }
        List<JsonNode> schemas = new ArrayList<>();
        compiled.values().forEach(form -> schemas.add(form.effectiveSchema()));
        ExportMasking masking = new ExportMasking(compiled, latest.version(), confidentialGrant);
        ExportSource source = each -> {
            Consumer<RecordStream.StreamedRecord> masked = record -> each.accept(new ExportedRecord(record.id(),
                    record.schemaVersion(), record.phase(), record.createdAt(), record.updatedAt(),
                    masking.visible(record.schemaVersion(), record.data())));
            long count = stream.forEach(tenantId, request.query(), masked);
            if (request.archived()) {
                count += stream.forEach(tenantId, request.query().inArchives(), masked);
            }
            return count;
        };
        return new Plan(ExportColumns.of(schemas, locale), source, schemas.stream().anyMatch(FileFields::any));
    }

    /**
     * The ids of the case files an export holds, in its order, without reading their data: the
     * seam for the attachments that go beside the data (a ZIP of each listed case file's files).
     */
    public long recordIds(TenantId tenantId, Request request, Consumer<RecordId> each) {
        return plan(tenantId, request, false, Locale.ROOT).source().forEach(record -> each.accept(record.id()));
    }

    private void audited(TenantId tenantId, Request request, Actor actor, boolean confidentialGrant,
                         boolean complete, long count, long files) {
        RecordQuery query = request.query();
        ObjectNode details = json.createObjectNode().put("format", request.format().key())
                .put("form", query.formKey()).put("rows", count).put("complete", complete)
                .put("archived", request.archived()).put("confidential", confidentialGrant);
        if (request.files()) {
            details.put("files", files);
        }
        ObjectNode filter = details.putObject("filter");
        filter.put("q", String.join(" ", query.terms()));
        query.filters().status().ifPresent(value -> filter.put("status", value));
        query.filters().antenne().ifPresent(value -> filter.put("antenne", value));
        query.filters().referentAnyOf().forEach(value -> filter.withArray("referent").add(value));
        if (query.filters().toComplete()) {
            filter.put("toComplete", true);
        }
        jdbi.useHandle(handle -> audit.record(handle, tenantId, actor, AUDIT_ACTION, "records", query.formKey(),
                details));
    }
}
