package org.dossier.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.FormService;
import org.dossier.metrics.ProductMetrics;
import org.dossier.record.RecordService;
import org.dossier.tenant.TenantId;
import org.dossier.validation.FormPostCoercer;
import org.dossier.validation.Messages;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports of case files: a file uploaded and kept (under {@code <data dir>/imports/}) until its
 * import ends, its mapping suggested from the headings and the service's saved mapping, then a dry
 * run or an import, each run by a task (see {@link ImportTask}) or in the caller's thread (the
 * command line). Never a value in a log line or the audit log: counts only.
 */
public final class RecordImports {
    private static final Logger LOG = LoggerFactory.getLogger(RecordImports.class);
    public static final String AUDIT_ACTION = "records.imported";
    /** A running run whose totals have not moved for this long lost its node: another task may take it on. */
    static final java.time.Duration STALLED = java.time.Duration.ofMinutes(2);
    /** A file left waiting this long by a dry run never imported (or never run) is removed. */
    public static final java.time.Duration IDLE_FILE = java.time.Duration.ofDays(1);
    /** Rows per transaction of an import. */
    public static final int BATCH = 500;

    /** Hands a started run to whatever runs it: a scheduled task on some node, or nothing (the caller runs it). */
    public interface Launcher {
        Launcher NONE = (tenantId, runId) -> {};

        void launch(TenantId tenantId, long runId);
    }

    /** Told after each batch (the command line prints a line). */
    public interface Progress {
        Progress NONE = totals -> {};

        void batch(ImportRun.Totals totals);
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final FormService forms;
    private final AuditLog audit;
    private final Path directory;
    private final Clock clock;
    private final ImportExecution execution;
    private final Launcher launcher;
    private final ProductMetrics metrics;

    public RecordImports(Jdbi jdbi, ObjectMapper json, FormService forms, RecordService records, FormPostCoercer coercer,
                         Messages messages, AuditLog audit, Path directory, Launcher launcher, ProductMetrics metrics) {
        this(jdbi, json, forms, records, coercer, messages, audit, directory, launcher, Clock.systemUTC(), BATCH,
                ImportExecution.Hooks.NONE, metrics);
    }

    RecordImports(Jdbi jdbi, ObjectMapper json, FormService forms, RecordService records, FormPostCoercer coercer,
                  Messages messages, AuditLog audit, Path directory, Launcher launcher, Clock clock, int batchSize,
                  ImportExecution.Hooks hooks, ProductMetrics metrics) {
        this.jdbi = jdbi;
        this.metrics = metrics;
        this.json = json;
        this.forms = forms;
        this.audit = audit;
        this.directory = directory;
        this.launcher = launcher;
        this.clock = clock;
        this.execution = new ImportExecution(jdbi, json, forms, records, coercer, messages, clock, batchSize, hooks);
    }

    /**
     * Keeps an uploaded file and opens a run for it.
     *
     * @param maxBytes the largest file taken; a larger one is refused and nothing is kept
     * @throws MalformedImportFileException when the file is not CSV, XLSX or JSON lines, or cannot be read
     */
    public ImportRun upload(TenantId tenantId, String formKey, String fileName, InputStream content, long maxBytes,
                            Actor actor) {
        forms.latest(tenantId, formKey); // a form the service has
        ImportFormat format = ImportFormat.ofFileName(fileName)
                .orElseThrow(() -> new MalformedImportFileException("importUnknownFormat", "unknown extension"));
        String stored = tenantId.value() + "-" + UUID.randomUUID() + "." + format.extension();
        Path file = directory.resolve(stored);
        try {
            Files.createDirectories(directory);
            long size;
            try (OutputStream out = Files.newOutputStream(file)) {
                size = copy(content, out, maxBytes);
            }
            if (size > maxBytes) {
                throw new DomainException("importTooLarge", 413, "import file over " + maxBytes + " bytes");
            }
            if (ImportSource.open(format, file).columns().isEmpty()) {
                throw new MalformedImportFileException("importEmptyFile", "no columns");
            }
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
        String name = fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
        long id = jdbi.withHandle(handle -> new ImportDao(handle).insertRun(tenantId, formKey, name, format, stored, now(),
                actor.id()));
        return find(tenantId, id);
    }

    /** @throws NoSuchImportException when this service has no such run */
    public ImportRun find(TenantId tenantId, long runId) {
        return jdbi.withHandle(handle -> new ImportDao(handle).find(tenantId, runId, json))
                .orElseThrow(() -> new NoSuchImportException(runId));
    }

    /** The headings of the run's file (empty once the file is gone: the run is over). */
    public List<String> columns(TenantId tenantId, long runId) {
        Path file = fileOf(tenantId, runId);
        return Files.exists(file) ? ImportSource.open(find(tenantId, runId).format(), file).columns() : List.of();
    }

    /** The fields of the form's latest version a column can fill, labelled in the reader's language. */
    public ImportFields fields(TenantId tenantId, String formKey, Locale locale) {
        return ImportFields.of(forms.latest(tenantId, formKey).effectiveSchema(), locale);
    }

    /** The run's mapping if it has one, otherwise what the saved mapping and the headings suggest. */
    public ImportMapping mapping(TenantId tenantId, long runId, Locale locale) {
        ImportRun run = find(tenantId, runId);
        if (run.options().isPresent()) {
            return run.options().get().mapping();
        }
        return ImportMapping.suggest(columns(tenantId, runId), fields(tenantId, run.formKey(), locale),
                savedMapping(tenantId, run.formKey()));
    }

    public Optional<ImportMapping> savedMapping(TenantId tenantId, String formKey) {
        return jdbi.withHandle(handle -> new ImportDao(handle).savedMapping(tenantId, formKey)).map(text -> {
            try {
                Map<String, String> columns = new LinkedHashMap<>();
                json.readTree(text).properties().forEach(entry -> columns.put(entry.getKey(), entry.getValue().asText()));
                return new ImportMapping(columns);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("saved mapping is not JSON", e);
            }
        });
    }

    /**
     * Starts a dry run or an import of a run's file with these options (its mapping saved for the
     * service's form), and hands it to the launcher. An import of a run that stopped part-way
     * resumes after its last committed batch.
     *
     * @throws DomainException {@code importNotStartable} (409) when the run is running or over
     */
    public ImportRun start(TenantId tenantId, long runId, ImportRun.Mode mode, ImportOptions options, Actor actor) {
        return start(tenantId, runId, mode, options, actor, true);
    }

    /**
     * As above; {@code launch} false leaves the run to the caller, who runs it at once with
     * {@link #execute} (the command line, the API's dry run).
     */
    public ImportRun start(TenantId tenantId, long runId, ImportRun.Mode mode, ImportOptions options, Actor actor,
                           boolean launch) {
        if (!Files.exists(fileOf(tenantId, runId))) {
            find(tenantId, runId);
            throw new DomainException("importFileGone", 409, "import " + runId + " has no file any more");
        }
        if (options.externalIdColumn().isPresent() && !columns(tenantId, runId).contains(options.externalIdColumn().get())) {
            throw new DomainException("importExternalIdColumn", 422, "no such column");
        }
        jdbi.useTransaction(handle -> {
            ImportDao dao = new ImportDao(handle);
            ImportRun.Status status = ImportRun.Status.valueOf(dao.lockStatus(tenantId, runId)
                    .orElseThrow(() -> new NoSuchImportException(runId)));
            if (status.active() || status == ImportRun.Status.DONE || status == ImportRun.Status.REFUSED) {
                throw new DomainException("importNotStartable", 409, "import " + runId + " is " + status);
            }
            ObjectNode mapping = json.createObjectNode();
            options.mapping().columns().forEach(mapping::put);
            dao.saveMapping(tenantId, find(tenantId, runId).formKey(), mapping.toString(), now(), actor.id());
            if (mode == ImportRun.Mode.DRY_RUN) {
                dao.clearFrom(tenantId, runId, 0);
            }
            dao.start(tenantId, runId, mode, options.toJson(json).toString(), now());
        });
        if (launch) {
            launcher.launch(tenantId, runId);
        }
        return find(tenantId, runId);
    }

    /**
     * Runs a started run to its end in this thread (the task's body, and the command line's): a
     * dry run leaves the file for the import; an import ends with its post-import check, audited,
     * and the file deleted.
     */
    public ImportRun execute(TenantId tenantId, long runId, Progress progress) {
        ImportRun run = find(tenantId, runId);
        Instant now = now();
        if (!jdbi.withHandle(handle -> new ImportDao(handle).claim(tenantId, runId, now, now.minus(STALLED)))) {
            return run; // over, or another task runs it
        }
        Actor actor = new Actor(run.createdBy(), null);
        Path file = fileOf(tenantId, runId);
        ImportExecution.Outcome outcome;
        try {
            outcome = execution.execute(tenantId, run, ImportSource.open(run.format(), file), actor, progress);
        } catch (RuntimeException e) {
            LOG.warn("Import {} of service {} stopped: {}", runId, tenantId.value(), e.getClass().getSimpleName());
            setStatus(tenantId, runId, ImportRun.Status.FAILED, e.getClass().getSimpleName());
            metrics.importRun("failed", 0);
            throw e;
        }
        jdbi.useTransaction(handle -> {
            ImportDao dao = new ImportDao(handle);
            dao.totals(tenantId, runId, outcome.totals(), now());
            outcome.check().ifPresent(check -> dao.postCheck(tenantId, runId, json.valueToTree(check).toString()));
            dao.status(tenantId, runId, outcome.status(), null, now());
            if (run.mode() == ImportRun.Mode.IMPORT) {
                audit.record(handle, tenantId, actor, AUDIT_ACTION, "import", Long.toString(runId),
                        details(run, outcome));
            }
        });
        if (outcome.status() == ImportRun.Status.DONE || outcome.status() == ImportRun.Status.REFUSED) {
            delete(file);
        }
        metrics.importRun(outcome.status().name().toLowerCase(Locale.ROOT), outcome.check()
                .map(check -> (long) check.outcomes().getOrDefault(ImportExecution.CREATED, 0)
                        + check.outcomes().getOrDefault(ImportExecution.UPDATED, 0)).orElse(0L));
        LOG.info("Import {} of service {}: {} ({} rows, {} invalid)", runId, tenantId.value(), outcome.status(),
                outcome.totals().rows(), outcome.totals().invalid());
        return find(tenantId, runId);
    }

    /**
     * Removes the files no import will read: those of runs idle for {@link #IDLE_FILE} (uploaded
     * and never run, or checked and never imported; such a run can no longer be imported), and
     * files as old that no run keeps (a deleted service's, an upload cut short).
     *
     * @return how many files were removed
     */
    public int removeIdleFiles() {
        Instant idleBefore = now().minus(IDLE_FILE);
        int removed = 0;
        for (String stored : jdbi.withHandle(handle -> new ImportDao(handle).idleFiles(idleBefore))) {
            removed += delete(directory.resolve(stored)) ? 1 : 0;
        }
        if (!Files.isDirectory(directory)) {
            return removed;
        }
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(idleBefore)
                        && !jdbi.withHandle(handle -> new ImportDao(handle).fileKept(file.getFileName().toString()))) {
                    removed += delete(file) ? 1 : 0;
                }
            }
        } catch (IOException e) {
            LOG.warn("Import files not listed: {}", e.getMessage());
        }
        return removed;
    }

    /** Removes every file of a service (its deletion): the runs that kept them went with its rows. */
    public void removeFiles(TenantId tenantId) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        String prefix = tenantId.value() + "-";
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            files.filter(file -> file.getFileName().toString().startsWith(prefix)).forEach(RecordImports::delete);
        } catch (IOException e) {
            LOG.warn("Import files of service {} not listed: {}", tenantId.value(), e.getMessage());
        }
    }

    /** Counts, never values. */
    private ObjectNode details(ImportRun run, ImportExecution.Outcome outcome) {
        ObjectNode details = json.createObjectNode().put("form", run.formKey()).put("run", run.id())
                .put("status", outcome.status().name().toLowerCase(Locale.ROOT))
                .put("rows", outcome.totals().rows()).put("valid", outcome.totals().valid())
                .put("invalid", outcome.totals().invalid()).put("created", outcome.totals().fresh())
                .put("existing", outcome.totals().existing());
        outcome.check().ifPresent(check -> details.put("checked", check.checked()).put("mismatched", check.mismatched()));
        return details;
    }

    /** The service's latest runs, newest first. */
    public List<ImportRun> recent(TenantId tenantId, int limit) {
        return jdbi.withHandle(handle -> new ImportDao(handle).recent(tenantId, limit)).stream()
                .map(id -> find(tenantId, id)).toList();
    }

    /** The first lines of a run's report, in row order. */
    public List<ImportProblem> problems(TenantId tenantId, long runId, int limit) {
        find(tenantId, runId);
        return jdbi.withHandle(handle -> new ImportDao(handle).problems(tenantId, runId, limit));
    }

    /** Every line of a run's report, streamed (the CSV of the errors). */
    public void eachProblem(TenantId tenantId, long runId, Consumer<ImportProblem> each) {
        find(tenantId, runId);
        jdbi.useHandle(handle -> new ImportDao(handle).eachProblem(tenantId, runId, each));
    }

    private void setStatus(TenantId tenantId, long runId, ImportRun.Status status, String failure) {
        jdbi.useHandle(handle -> new ImportDao(handle).status(tenantId, runId, status, failure, now()));
    }

    private Path fileOf(TenantId tenantId, long runId) {
        String stored = jdbi.withHandle(handle -> new ImportDao(handle).storedFile(tenantId, runId));
        return directory.resolve(stored);
    }

    private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > maxBytes) {
                return total;
            }
            out.write(buffer, 0, read);
        }
        return total;
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Import file {} not deleted: {}", file.getFileName(), e.getMessage());
            return false;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
