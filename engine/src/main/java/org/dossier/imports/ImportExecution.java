package org.dossier.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dossier.audit.Actor;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.ArchivedRecordException;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.record.RecordValidationException;
import org.dossier.tenant.TenantId;
import org.dossier.validation.FieldError;
import org.dossier.validation.FormPostCoercer;
import org.dossier.validation.Messages;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs one import: the dry run (every row converted and validated, nothing written but the
 * report), or the import (the rows written in batches through the record service, each batch in
 * one transaction with its ledger lines and the run's totals, so that a run cut short at any point
 * resumes after its last committed batch and ends as an uninterrupted run would have).
 */
final class ImportExecution {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImportExecution.class);
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String SKIPPED = "skipped";
    static final String INVALID = "invalid";

    /** Called between steps: a test stops a run after a batch, or alters a stored value before the check. */
    interface Hooks {
        Hooks NONE = new Hooks() {};

        default void afterBatch(int batches) {}

        default void beforeCheck() {}
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final FormService forms;
    private final RecordService records;
    private final FormPostCoercer coercer;
    private final Messages messages;
    private final Clock clock;
    private final int batchSize;
    private final Hooks hooks;

    ImportExecution(Jdbi jdbi, ObjectMapper json, FormService forms, RecordService records, FormPostCoercer coercer,
                    Messages messages, Clock clock, int batchSize, Hooks hooks) {
        this.jdbi = jdbi;
        this.json = json;
        this.forms = forms;
        this.records = records;
        this.coercer = coercer;
        this.messages = messages;
        this.clock = clock;
        this.batchSize = batchSize;
        this.hooks = hooks;
    }

    /** What a run ended with. */
    record Outcome(ImportRun.Status status, ImportRun.Totals totals, Optional<PostImportCheck.Result> check) {}

    Outcome execute(TenantId tenantId, ImportRun run, ImportSource source, Actor actor, RecordImports.Progress progress) {
        ImportOptions options = run.options().orElseThrow(() -> new IllegalStateException("run has no options"));
        CompiledForm form = forms.latest(tenantId, run.formKey());
        ImportFields fields = ImportFields.of(form.effectiveSchema(), options.locale());
        RowConverter converter = new RowConverter(form, fields, options.mapping(), options.externalIdColumn(), coercer,
                messages, options.locale());
        if (run.mode() == ImportRun.Mode.DRY_RUN) {
            ImportRun.Totals totals = check(tenantId, run, form, converter, source, options, progress);
            return new Outcome(ImportRun.Status.CHECKED, totals, Optional.empty());
        }
        int resumeAfter = jdbi.withHandle(handle -> new ImportDao(handle).lastLedgerRow(tenantId, run.id()));
        ImportCounts counts;
        if (resumeAfter == 0) {
            if (options.allOrNothing()) {
                ImportRun.Totals checked = check(tenantId, run, form, converter, source, options, progress);
                if (checked.invalid() > 0) {
                    return new Outcome(ImportRun.Status.REFUSED, checked, Optional.empty());
                }
            }
            jdbi.useHandle(handle -> new ImportDao(handle).clearFrom(tenantId, run.id(), 0));
            counts = new ImportCounts();
        } else {
            counts = ImportCounts.of(run.totals());
        }
        long began = System.nanoTime();
        write(tenantId, run, form, converter, source, options, actor, resumeAfter, counts, progress);
        long written = System.nanoTime();
        hooks.beforeCheck();
        PostImportCheck.Result check = new PostImportCheck(jdbi, records, batchSize)
                .check(tenantId, run.id(), source, converter);
        LOG.info("Import {} of service {}: rows written in {} ms, read back and compared in {} ms", run.id(),
                tenantId.value(), (written - began) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
        return new Outcome(ImportRun.Status.DONE, counts.totals(), Optional.of(check));
    }

    /** The dry run: every row converted and validated as a save would, its problems reported, nothing else written. */
    private ImportRun.Totals check(TenantId tenantId, ImportRun run, CompiledForm form, RowConverter converter,
                                   ImportSource source, ImportOptions options, RecordImports.Progress progress) {
        jdbi.useHandle(handle -> new ImportDao(handle).clearFrom(tenantId, run.id(), 0));
        ImportCounts counts = new ImportCounts();
        Set<String> seen = new HashSet<>();
        List<SourceRow> batch = new ArrayList<>(batchSize);
        Runnable flush = () -> {
            List<ImportProblem> problems = new ArrayList<>();
            List<RowConverter.Converted> converted = new ArrayList<>(batch.size());
            for (SourceRow row : batch) {
                converted.add(converter.convert(row));
            }
            Set<String> ids = new HashSet<>();
            converted.forEach(each -> each.externalId().ifPresent(ids::add));
            Map<String, RecordId> known = jdbi.withHandle(handle ->
                    new ImportDao(handle).externalIds(tenantId, run.formKey(), ids));
            // Rows the converter found whole are checked as the import would save them: an existing
            // external id, when the import updates, as an update of that case file.
            List<Integer> whole = new ArrayList<>();
            List<RecordService.Candidate> candidates = new ArrayList<>();
            for (int index = 0; index < converted.size(); index++) {
                RowConverter.Converted each = converted.get(index);
                if (each.problems().isEmpty()) {
                    whole.add(index);
                    Optional<RecordId> updates = options.existing() == ImportOptions.Existing.UPDATE
                            ? each.externalId().map(known::get) : Optional.empty();
                    candidates.add(new RecordService.Candidate(each.data(), updates));
                }
            }
            List<List<FieldError>> checked = records.problems(tenantId, form, candidates, options.locale());
            List<List<FieldError>> errorsOf = new ArrayList<>(java.util.Collections.nCopies(batch.size(), List.of()));
            for (int index = 0; index < whole.size(); index++) {
                errorsOf.set(whole.get(index), checked.get(index));
            }
            for (int index = 0; index < batch.size(); index++) {
                SourceRow row = batch.get(index);
                RowConverter.Converted each = converted.get(index);
                List<ImportProblem> rowProblems = new ArrayList<>(each.problems());
                for (FieldError error : errorsOf.get(index)) {
                    rowProblems.add(converter.problem(row, each.data(), error));
                }
                if (each.externalId().isPresent() && !seen.add(each.externalId().get())) {
                    rowProblems.add(new ImportProblem(row.number(), options.externalIdColumn().orElse(""),
                            ImportProblem.shown(each.externalId().get()),
                            messages.general("importExternalIdRepeated", options.locale())));
                }
                counts.rows++;
                counts.done++;
                if (rowProblems.isEmpty()) {
                    counts.valid++;
                    if (each.externalId().isPresent() && known.containsKey(each.externalId().get())) {
                        counts.existing++;
                    } else {
                        counts.fresh++;
                    }
                } else {
                    counts.invalid++;
                    problems.addAll(rowProblems);
                }
            }
            jdbi.useTransaction(handle -> {
                ImportDao dao = new ImportDao(handle);
                dao.insertProblems(tenantId, run.id(), problems);
                dao.totals(tenantId, run.id(), counts.totals(), now());
            });
            progress.batch(counts.totals());
            batch.clear();
        };
        source.forEach(row -> {
            batch.add(row);
            if (batch.size() == batchSize) {
                flush.run();
            }
        });
        flush.run();
        return counts.totals();
    }

    /** The import proper: each batch of rows, its ledger, its report lines and the totals in one transaction. */
    private void write(TenantId tenantId, ImportRun run, CompiledForm form, RowConverter converter, ImportSource source,
                       ImportOptions options, Actor actor, int resumeAfter, ImportCounts counts,
                       RecordImports.Progress progress) {
        List<SourceRow> batch = new ArrayList<>(batchSize);
        int[] batches = {0};
        Runnable flush = () -> {
            if (batch.isEmpty()) {
                return;
            }
            List<RowConverter.Converted> converted = new ArrayList<>(batch.size());
            for (SourceRow row : batch) {
                converted.add(converter.convert(row));
            }
            ImportCounts next = ImportCounts.of(counts.totals());
            jdbi.useTransaction(handle -> {
                ImportDao dao = new ImportDao(handle);
                Set<String> ids = new HashSet<>();
                converted.forEach(each -> each.externalId().ifPresent(ids::add));
                Map<String, RecordId> known = new HashMap<>(dao.externalIds(tenantId, run.formKey(), ids));
                int size = batch.size();
                String[] outcomes = new String[size];
                RecordId[] written = new RecordId[size];
                List<List<ImportProblem>> rowProblems = new ArrayList<>(size);
                // New case files wait to be created together; a row repeating the external id of one
                // of them creates them first, then updates the one it names, as rows one by one would.
                List<Integer> pending = new ArrayList<>();
                Set<String> pendingIds = new HashSet<>();
                Runnable create = () -> {
                    if (pending.isEmpty()) {
                        return;
                    }
                    List<RecordService.Created> created = records.createAllIn(handle, tenantId, form,
                            pending.stream().<JsonNode>map(index -> converted.get(index).data()).toList(), actor,
                            options.locale());
                    Map<String, RecordId> fresh = new java.util.LinkedHashMap<>();
                    for (int at = 0; at < pending.size(); at++) {
                        int index = pending.get(at);
                        RecordService.Created outcome = created.get(at);
                        if (outcome.id().isPresent()) {
                            written[index] = outcome.id().get();
                            outcomes[index] = CREATED;
                            converted.get(index).externalId().ifPresent(externalId -> {
                                fresh.put(externalId, outcome.id().get());
                                known.put(externalId, outcome.id().get());
                            });
                        } else {
                            outcome.errors().forEach(error -> rowProblems.get(index)
                                    .add(converter.problem(batch.get(index), converted.get(index).data(), error)));
                        }
                    }
                    dao.insertExternalIds(tenantId, run.formKey(), fresh);
                    pending.clear();
                    pendingIds.clear();
                };
                for (int index = 0; index < size; index++) {
                    SourceRow row = batch.get(index);
                    RowConverter.Converted each = converted.get(index);
                    List<ImportProblem> problems = new ArrayList<>(each.problems());
                    rowProblems.add(problems);
                    outcomes[index] = INVALID;
                    if (!problems.isEmpty()) {
                        continue;
                    }
                    if (each.externalId().isPresent() && pendingIds.contains(each.externalId().get())) {
                        create.run();
                    }
                    Optional<RecordId> existing = each.externalId().map(known::get);
                    if (existing.isEmpty()) {
                        pending.add(index);
                        each.externalId().ifPresent(pendingIds::add);
                        continue;
                    }
                    if (options.existing() == ImportOptions.Existing.SKIP) {
                        written[index] = existing.get();
                        outcomes[index] = SKIPPED;
                        continue;
                    }
                    try {
                        written[index] = records.updateIn(handle, tenantId, existing.get(), each.data(), actor,
                                options.locale()).id();
                        outcomes[index] = UPDATED;
                    } catch (RecordValidationException invalid) {
                        invalid.errors().forEach(error -> problems.add(converter.problem(row, each.data(), error)));
                    } catch (ArchivedRecordException archived) {
                        problems.add(new ImportProblem(row.number(), options.externalIdColumn().orElse(""),
                                ImportProblem.shown(each.externalId().orElse("")),
                                messages.general("importArchived", options.locale())));
                    }
                }
                create.run();
                List<ImportDao.Entry> ledger = new ArrayList<>(size);
                List<ImportProblem> problems = new ArrayList<>();
                for (int index = 0; index < size; index++) {
                    next.rows++;
                    next.done++;
                    String outcome = outcomes[index];
                    RecordId recordId = written[index];
                    if (rowProblems.get(index).isEmpty() && !INVALID.equals(outcome)) {
                        next.valid++;
                        if (CREATED.equals(outcome)) {
                            next.fresh++;
                        } else {
                            next.existing++;
                        }
                    } else {
                        next.invalid++;
                        outcome = INVALID;
                        recordId = null;
                        problems.addAll(rowProblems.get(index));
                    }
                    ledger.add(new ImportDao.Entry(batch.get(index).number(), outcome, recordId));
                }
                dao.insertLedger(tenantId, run.id(), ledger);
                dao.insertProblems(tenantId, run.id(), problems);
                dao.totals(tenantId, run.id(), next.totals(), now());
            });
            counts.rows = next.rows;
            counts.valid = next.valid;
            counts.invalid = next.invalid;
            counts.fresh = next.fresh;
            counts.existing = next.existing;
            counts.done = next.done;
            progress.batch(counts.totals());
            batch.clear();
            hooks.afterBatch(++batches[0]);
        };
        source.forEach(row -> {
            if (row.number() <= resumeAfter) {
                return;
            }
            batch.add(row);
            if (batch.size() == batchSize) {
                flush.run();
            }
        });
        flush.run();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static Locale localeOf(ImportRun run) {
        return run.options().map(ImportOptions::locale).orElse(Locale.FRENCH);
    }

    JsonNode toJson(PostImportCheck.Result result) {
        return json.valueToTree(result);
    }
}
