package org.dossier.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.metrics.ProductMetrics;
import org.dossier.crypto.ConfidentialCipher;
import org.dossier.form.CompiledForm;
import org.dossier.form.ConfidentialFields;
import org.dossier.form.FormScope;
import org.dossier.form.FormService;
import org.dossier.form.HiddenData;
import org.dossier.form.InvisibleFieldPruner;
import org.dossier.form.NewOnlyRequirements;
import org.dossier.history.HistoryDao;
import org.dossier.history.HistoryValues;
import org.dossier.history.RecordHistory;
import org.dossier.retention.CaseFilePhase;
import org.dossier.retention.HoldDao;
import org.dossier.retention.RecordArchive;
import org.dossier.retention.RetentionPolicies;
import org.dossier.tenant.TenantId;
import org.dossier.validation.FieldError;
import org.dossier.validation.Messages;
import org.dossier.validation.RecordValidator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates, updates and reads case files (their erasure: {@code retention/ErasureRequests}). Data is validated against the latest published
 * version of the tenant's form; each write and its audit event commit in one transaction.
 */
public final class RecordService {
    private static final String TARGET = "record";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final ObjectReader storedReader;
    private final FormService forms;
    private final RecordValidator validator;
    private final Messages messages;
    private final InvisibleFieldPruner pruner;
    private final AuditLog audit;
    private final ToComplete toComplete;
    private final RecordCheck serviceRules;
    private final Clock clock;
    private final ConfidentialCipher cipher;
    private final RecordHistory history;
    private final CaseFileAttachments attachments;
    private final ProductMetrics metrics;

    public RecordService(Jdbi jdbi, ObjectMapper json, FormService forms, RecordValidator validator, Messages messages,
                         InvisibleFieldPruner pruner, AuditLog audit) {
        this(jdbi, json, forms, validator, messages, pruner, audit, RecordCheck.NONE);
    }

    /** @param serviceRules run on every save after the schema's validation (the référent among members) */
    public RecordService(Jdbi jdbi, ObjectMapper json, FormService forms, RecordValidator validator, Messages messages,
                         InvisibleFieldPruner pruner, AuditLog audit, RecordCheck serviceRules) {
        this(jdbi, json, forms, validator, messages, pruner, audit, serviceRules, Clock.systemUTC());
    }

    /** @param clock the time of saves and of the phase that decides whether a case file is read-only */
    public RecordService(Jdbi jdbi, ObjectMapper json, FormService forms, RecordValidator validator, Messages messages,
                         InvisibleFieldPruner pruner, AuditLog audit, RecordCheck serviceRules, Clock clock) {
        this(jdbi, json, forms, validator, messages, pruner, audit, serviceRules, clock, null);
    }

    /**
     * @param cipher seals the confidential values of what is stored and opens what is read, in the
     *               case file and in its history; null stores them in clear (a unit test's service
     *               only: the application always has one)
     */
    public RecordService(Jdbi jdbi, ObjectMapper json, FormService forms, RecordValidator validator, Messages messages,
                         InvisibleFieldPruner pruner, AuditLog audit, RecordCheck serviceRules, Clock clock,
                         ConfidentialCipher cipher) {
        this(jdbi, json, forms, validator, messages, pruner, audit, serviceRules, clock, cipher, CaseFileAttachments.NONE);
    }

    /** @param attachments links the files a save names and deletes those it drops, in the save's transaction */
    public RecordService(Jdbi jdbi, ObjectMapper json, FormService forms, RecordValidator validator, Messages messages,
                         InvisibleFieldPruner pruner, AuditLog audit, RecordCheck serviceRules, Clock clock,
                         ConfidentialCipher cipher, CaseFileAttachments attachments) {
        this(jdbi, json, forms, validator, messages, pruner, audit, serviceRules, clock, cipher, attachments,
                ProductMetrics.none());
    }

    /** @param metrics counts the case files created and saved, and the saves validation refused */
    public RecordService(Jdbi jdbi, ObjectMapper json, FormService forms, RecordValidator validator, Messages messages,
                         InvisibleFieldPruner pruner, AuditLog audit, RecordCheck serviceRules, Clock clock,
                         ConfidentialCipher cipher, CaseFileAttachments attachments, ProductMetrics metrics) {
        this.metrics = metrics;
        this.attachments = attachments;
        this.cipher = cipher;
        this.history = new RecordHistory(jdbi, new HistoryValues(json, historySeal(cipher)), audit, json, forms,
                this::get);
        this.clock = clock;
        this.serviceRules = serviceRules;
        this.jdbi = jdbi;
        this.json = json;
        this.storedReader = json.reader().without(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.forms = forms;
        this.validator = validator;
        this.messages = messages;
        this.pruner = pruner;
        this.audit = audit;
        this.toComplete = new ToComplete(jdbi, json, validator, pruner, this::opened);
    }

    /** The history of case files: what each save changed, kept by every save below. */
    public RecordHistory history() {
        return history;
    }

    /** The "à compléter" flag: which required fields a case file lacks, and its recomputation at publish. */
    public ToComplete toComplete() {
        return toComplete;
    }

    /**
     * The pointers of the fields the latest version of its form requires and a stored case file
     * lacks, in form order; confidential ones only for a reader with the grant (the others cannot
     * see whether those hold a value).
     */
    public List<String> missingRequired(TenantId tenantId, RecordId id, boolean confidentialGrant) {
        return missingRequired(get(tenantId, id), confidentialGrant);
    }

    private List<String> missingRequired(CaseRecord record, boolean confidentialGrant) {
        CompiledForm form = forms.latest(record.tenantId(), record.formKey());
        List<String> missing = toComplete.missing(form, record.data());
        if (confidentialGrant) {
            return missing;
        }
        List<String> confidential = form.confidential().pointers();
        return missing.stream().filter(pointer -> confidential.stream().noneMatch(location -> within(location, pointer)))
                .toList();
    }

    /** Whether a pointer ({@code /a/0/b}) is at or under a schema location ({@code /a/*}). */
    private static boolean within(String location, String pointer) {
        String[] segments = pointer.split("/", -1);
        int depth = location.split("/", -1).length;
        return segments.length >= depth
                && org.dossier.form.RequiredChoices.matches(location, String.join("/", List.of(segments).subList(0, depth)));
    }

    /** Validates and stores a new record, for a caller allowed to write confidential values. */
    public CaseRecord create(TenantId tenantId, String formKey, JsonNode data, Actor actor, Locale locale) {
        return create(tenantId, formKey, data, actor, locale, true);
    }

    /**
     * Validates and stores a new record.
     *
     * @param confidentialGrant false when the caller may not see confidential fields: posting a
     *                          value to one is then refused, field by field
     * @throws RecordValidationException with every field error
     */
    public CaseRecord create(TenantId tenantId, String formKey, JsonNode data, Actor actor, Locale locale,
                             boolean confidentialGrant) {
        CompiledForm form = forms.latest(tenantId, formKey);
        JsonNode clean;
        try {
            clean = writable(tenantId, form, data, null, confidentialGrant, locale, pointer -> false,
                    FormScope.WHOLE).data();
        } catch (RecordValidationException e) {
            metrics.validationRefused();
            throw e;
        }
        return jdbi.inTransaction(handle -> insert(handle, tenantId, form, clean, actor, locale, confidentialGrant));
    }

    /**
     * As {@link #create}, for a caller allowed to write confidential values, in the caller's
     * transaction: a batch of an import commits many case files at once, each with every rule of
     * the single save (validation, history, audit, sealing).
     *
     * @throws RecordValidationException with every field error
     */
    public CaseRecord createIn(Handle handle, TenantId tenantId, CompiledForm form, JsonNode data, Actor actor,
                               Locale locale) {
        JsonNode clean = writable(tenantId, form, data, null, true, locale, pointer -> false, FormScope.WHOLE).data();
        return insert(handle, tenantId, form, clean, actor, locale, true);
    }

    /**
     * The field errors a new case file with this data would be refused with, nothing stored: the
     * checks of {@link #create} for a caller with the confidential grant (an import's dry run).
     */
    public List<FieldError> problems(TenantId tenantId, CompiledForm form, JsonNode data, Locale locale) {
        try {
            writable(tenantId, form, data, null, true, locale, pointer -> false, FormScope.WHOLE);
            return List.of();
        } catch (RecordValidationException e) {
            return e.errors();
        }
    }

    /** One row of a batch to check: its data, and the case file it would update (none for a new one). */
    public record Candidate(JsonNode data, Optional<RecordId> updates) {}

    /**
     * The field errors each candidate would be refused with, nothing stored (an import's dry run):
     * a new one checked as {@link #createIn} checks it, an update as {@link #updateIn} would check
     * it, merged with the stored case file (what the form hides carried over, the requirements of
     * new case files only not applied to an older one). The service's settings the rules need are
     * read once for the batch, and the updated case files in one query.
     */
    public List<List<FieldError>> problems(TenantId tenantId, CompiledForm form, List<Candidate> candidates,
                                           Locale locale) {
        RecordCheck rules = serviceRules.forBatch();
        List<RecordId> updated = candidates.stream().flatMap(each -> each.updates().stream()).toList();
        Map<RecordId, RecordDao.StoredRow> stored = new HashMap<>();
        if (!updated.isEmpty()) {
            jdbi.useHandle(handle -> new RecordDao(handle).findAll(tenantId, updated)
                    .forEach(row -> stored.put(row.id(), row)));
        }
        NewOnlyRequirements newOnly = updated.isEmpty() ? null
                : forms.newOnlyRequirements(tenantId, form.formKey(), form.version());
        List<List<FieldError>> problems = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            RecordDao.StoredRow row = candidate.updates().map(stored::get).orElse(null);
            try {
                if (row == null) {
                    writable(tenantId, form, candidate.data(), null, true, locale, pointer -> false, FormScope.WHOLE,
                            rules);
                } else {
                    writable(tenantId, form, candidate.data(), opened(tenantId, row.id(), row.data()), true, locale,
                            pointer -> newOnly.exempts(pointer, row.createdAt()), FormScope.WHOLE, rules);
                }
                problems.add(List.of());
            } catch (RecordValidationException e) {
                problems.add(e.errors());
            }
        }
        return problems;
    }

    /** A row of {@link #createAllIn}: the new case file's id, or the errors it was refused with. */
    public record Created(Optional<RecordId> id, List<FieldError> errors) {}

    /**
     * New case files in the caller's transaction, each with every rule of {@link #createIn}
     * (validation, sealing, history, audit chain), written as batches: the case files, their
     * history rows and their audit events each in one statement, the audit events chained in order.
     * A case file that names attachments goes through the single save, its files linked and
     * checked, rolled back to a savepoint when they are refused.
     *
     * @return one outcome per data, in order
     */
    public List<Created> createAllIn(Handle handle, TenantId tenantId, CompiledForm form, List<JsonNode> data,
                                     Actor actor, Locale locale) {
        RecordCheck rules = serviceRules.forBatch();
        Instant now = now();
        List<Created> results = new ArrayList<>(data.size());
        List<RecordDao.NewRow> rows = new ArrayList<>();
        List<RecordId> ids = new ArrayList<>();
        List<AuditLog.Event> events = new ArrayList<>();
        for (JsonNode each : data) {
            JsonNode clean;
            try {
                clean = writable(tenantId, form, each, null, true, locale, pointer -> false, FormScope.WHOLE, rules)
                        .data();
            } catch (RecordValidationException e) {
                results.add(new Created(Optional.empty(), e.errors()));
                continue;
            }
            if (attachments.names(form.effectiveSchema(), clean)) {
                String savepoint = "create_" + results.size();
                handle.savepoint(savepoint);
                try {
                    results.add(new Created(Optional.of(insert(handle, tenantId, form, clean, actor, locale, true).id()),
                            List.of()));
                    handle.releaseSavepoint(savepoint);
                } catch (RecordValidationException e) {
                    handle.rollbackToSavepoint(savepoint);
                    results.add(new Created(Optional.empty(), e.errors()));
                }
                continue;
            }
            RecordId id = RecordId.generate();
            rows.add(new RecordDao.NewRow(id, sealed(tenantId, id, form, clean)));
            ids.add(id);
            events.add(new AuditLog.Event("record.created", TARGET, id.toString(),
                    details(form.formKey(), form.version(), 1)));
            results.add(new Created(Optional.of(id), List.of()));
        }
        new RecordDao(handle).insertAll(tenantId, form.formKey(), form.version(), rows, now, actor.id());
        history.keepCreations(handle, tenantId, ids, form, actor.id(), now);
        audit.recordAll(handle, tenantId, actor, events);
        int created = ids.size();
        handle.afterCommit(() -> {
            for (int count = 0; count < created; count++) {
                metrics.caseFileCreated();
            }
        });
        return results;
    }

    /** Several case files as {@link #get} reads each (their data opened); those missing are absent. */
    public Map<RecordId, CaseRecord> getAll(TenantId tenantId, List<RecordId> ids) {
        Map<RecordId, CaseRecord> found = new HashMap<>();
        jdbi.useHandle(handle -> new RecordDao(handle).findAll(tenantId, ids).forEach(row -> found.put(row.id(),
                new CaseRecord(tenantId, row.id(), row.formKey(), row.schemaVersion(), opened(tenantId, row.id(), row.data()),
                        row.lockVersion(), row.createdAt(), row.createdBy(), row.updatedAt(), row.updatedBy()))));
        return found;
    }

    private CaseRecord insert(Handle handle, TenantId tenantId, CompiledForm form, JsonNode clean, Actor actor,
                              Locale locale, boolean confidentialGrant) {
        String formKey = form.formKey();
        RecordId id = RecordId.generate();
        Instant now = now();
        String dataJson = sealed(tenantId, id, form, clean);
        new RecordDao(handle).insert(tenantId, id, formKey, form.version(), dataJson, now, actor.id());
        // A new id has no files yet: only the ones it names have anything to link (no read otherwise).
        if (attachments.names(form.effectiveSchema(), clean)) {
            attachments.link(handle, tenantId, id, form.effectiveSchema(), clean, locale);
        }
        history.keep(handle, tenantId, id, 1, form, null, clean, actor.id(), now);
        audit.record(handle, tenantId, actor, "record.created", TARGET, id.toString(),
                details(formKey, form.version(), 1));
        handle.afterCommit(metrics::caseFileCreated);
        return new CaseRecord(tenantId, id, formKey, form.version(), HiddenData.of(form, confidentialGrant).visible(clean),
                1, now, actor.id(), now, actor.id());
    }

    /**
     * Replaces a record's data if it is still at {@code expectedLockVersion}.
     *
     * @throws NoSuchRecordException  when the tenant has no such record
     * @throws StaleRecordException   when someone else saved it in between
     * @throws RecordValidationException when the data does not satisfy the latest form version
     */
    public CaseRecord update(TenantId tenantId, RecordId id, int expectedLockVersion, JsonNode data, Actor actor,
                             Locale locale) {
        return update(tenantId, id, expectedLockVersion, data, actor, locale, true);
    }

    /**
     * As above, for a caller who may lack the confidential grant. Whatever the caller cannot see
     * (fields and sections the form hides, switched-off modules, fields of other form versions,
     * confidential values without the grant) is carried over from the stored case file exactly as
     * it is: a form that did not show it cannot erase it (see {@link HiddenData}). Posting a
     * confidential value without the grant, or a value different from the stored one to a field the
     * form hides, is refused.
     */
    public CaseRecord update(TenantId tenantId, RecordId id, int expectedLockVersion, JsonNode posted, Actor actor,
                             Locale locale, boolean confidentialGrant) {
        return update(tenantId, id, expectedLockVersion, posted, actor, locale, confidentialGrant, FormScope.WHOLE);
    }

    /**
     * As above, for a page that shows only {@code scope} of the form (one section, one new row):
     * everything else is carried over as stored, the same way as what the person cannot see, and a
     * required gap outside what the page must fill does not refuse the save (see {@link FormScope}).
     */
    public CaseRecord update(TenantId tenantId, RecordId id, int expectedLockVersion, JsonNode posted, Actor actor,
                             Locale locale, boolean confidentialGrant, FormScope scope) {
        boolean[] dropped = {false};
        CaseRecord saved;
        try {
            saved = jdbi.inTransaction(handle -> updateIn(handle, tenantId, id, expectedLockVersion, posted,
                    actor, locale, confidentialGrant, scope, dropped));
        } catch (RecordValidationException e) {
            metrics.validationRefused();
            throw e;
        }
        if (dropped[0]) { // the files this save dropped leave the store once it committed
            attachments.afterCommit();
        }
        metrics.caseFileUpdated();
        return saved;
    }

    /**
     * As {@link #update}, for a caller allowed to write confidential values, in the caller's
     * transaction (a batch of an import), against the version stored now, read under lock.
     */
    public CaseRecord updateIn(Handle handle, TenantId tenantId, RecordId id, JsonNode posted, Actor actor,
                               Locale locale) {
        int current = new RecordDao(handle).findForUpdate(tenantId, id)
                .orElseThrow(() -> new NoSuchRecordException(id.toString())).lockVersion();
        boolean[] dropped = {false};
        CaseRecord saved = updateIn(handle, tenantId, id, current, posted, actor, locale, true, FormScope.WHOLE, dropped);
        if (dropped[0]) {
            handle.afterCommit(attachments::afterCommit);
        }
        handle.afterCommit(metrics::caseFileUpdated);
        return saved;
    }

    private CaseRecord updateIn(Handle handle, TenantId tenantId, RecordId id, int expectedLockVersion, JsonNode posted,
                                Actor actor, Locale locale, boolean confidentialGrant, FormScope scope,
                                boolean[] dropped) {
        RecordDao dao = new RecordDao(handle);
        RecordDao.StoredRow stored = dao.findForUpdate(tenantId, id)
                .orElseThrow(() -> new NoSuchRecordException(id.toString()));
        requireWritable(handle, tenantId, stored);
        int current = stored.lockVersion();
        if (current != expectedLockVersion) {
            throw new StaleRecordException(id.toString(), expectedLockVersion, current);
        }
        CompiledForm form = forms.latest(tenantId, stored.formKey());
        NewOnlyRequirements newOnly = forms.newOnlyRequirements(tenantId, stored.formKey(), form.version());
        JsonNode storedData = opened(tenantId, id, stored.data());
        Writable written = writable(tenantId, form, posted, storedData, confidentialGrant, locale,
                pointer -> newOnly.exempts(pointer, stored.createdAt()), scope);
        JsonNode clean = written.data();
        List<RemovedRows.Removed> removedRows = RemovedRows.between(form.effectiveSchema(), storedData, posted,
                confidentialGrant).stream().filter(removed -> written.removable(removed.group(), scope)).toList();
        Instant now = now();
        if (!dao.update(tenantId, id, expectedLockVersion, form.version(), sealed(tenantId, id, form, clean), now, actor.id(),
                written.toComplete())) {
            throw new StaleRecordException(id.toString(), expectedLockVersion, current);
        }
        dropped[0] = attachments.link(handle, tenantId, id, form.effectiveSchema(), clean, locale);
        history.keep(handle, tenantId, id, expectedLockVersion + 1, form, storedData, clean, actor.id(), now);
        audit.record(handle, tenantId, actor, "record.updated", TARGET, id.toString(),
                details(stored.formKey(), form.version(), expectedLockVersion + 1));
        for (RemovedRows.Removed removed : removedRows) { // which row, never what it held
            audit.record(handle, tenantId, actor, "record.row.removed", TARGET, id.toString(),
                    details(stored.formKey(), form.version(), expectedLockVersion + 1)
                            .put("group", removed.group()).put("row", removed.row()));
        }
        return new CaseRecord(tenantId, id, stored.formKey(), form.version(),
                HiddenData.of(form, confidentialGrant).visible(clean), expectedLockVersion + 1,
                stored.createdAt(), stored.createdBy(), now, actor.id());
    }

    /**
     * Appends one row to a repeatable group at the root of the case file, through the same save as
     * {@link #update}: the stored rows and everything outside the group are kept exactly as they are,
     * and only the new row's required fields must be filled. Made against the case file as it is
     * now: an append cannot conflict with a save made in between.
     *
     * @throws RecordValidationException with every error, those of the new row relative to the row
     *                                   ({@code /date}, not {@code /suivis/3/date})
     */
    public CaseRecord appendRow(TenantId tenantId, RecordId id, String groupKey, ObjectNode row, Actor actor,
                                Locale locale, boolean confidentialGrant) {
        CaseRecord current = get(tenantId, id);
        CompiledForm form = forms.latest(tenantId, current.formKey());
        FormScope scope = FormScope.of(Set.of(groupKey));
        ObjectNode posted = HiddenData.of(form, confidentialGrant, scope).visible(current.data());
        JsonNode existing = posted.path(groupKey);
        ArrayNode rows = existing.isArray()
                ? (ArrayNode) existing : posted.putArray(groupKey);
        rows.add(row.deepCopy());
        String rowPointer = "/" + groupKey + "/" + (rows.size() - 1);
        try {
            return update(tenantId, id, current.lockVersion(), posted, actor, locale, confidentialGrant,
                    scope.requiringOnlyWithin(rowPointer));
        } catch (RecordValidationException e) {
            throw new RecordValidationException(e.errors().stream().map(error -> error.path().startsWith(rowPointer + "/")
                    ? new FieldError(error.path().substring(rowPointer.length()), error.code(), error.message())
                    : error).toList());
        }
    }

    /**
     * A record as one reader may see it, through the latest version of its form, the one a save
     * goes through: what that form hides is left out, and confidential values too without the
     * grant; with it, a read that reveals any confidential value is an audit event.
     */
    public CaseRecord read(TenantId tenantId, RecordId id, Actor reader, boolean confidentialGrant) {
        return visibleTo(get(tenantId, id), reader, confidentialGrant);
    }

    /**
     * A case file as {@link #read} gives it, and the required fields it lacks as
     * {@link #missingRequired} says, both from one read of its row (the case-file page shows both).
     */
    public Shown readShown(TenantId tenantId, RecordId id, Actor reader, boolean confidentialGrant) {
        RecordDao.OpenedRow row = jdbi.withHandle(handle -> new RecordDao(handle).findOpenedWithFiles(tenantId, id))
                .orElseThrow(() -> new NoSuchRecordException(id.toString()));
        Opened stored = withStanding(tenantId, row);
        CaseRecord record = stored.record();
        // Saved through the latest version of its form and not flagged "à compléter" when it was: the
        // same form and the same data lack nothing now either (a version never changes; a publication
        // recomputes the flags of the case files saved before it), so the page does not validate it again.
        boolean complete = !row.toComplete() && record.schemaVersion() == forms.latest(tenantId, record.formKey()).version();
        return new Shown(visibleTo(record, reader, confidentialGrant),
                complete ? List.of() : missingRequired(record, confidentialGrant), stored.standing(), row.hasFiles());
    }

    /**
     * What {@link #readShown} answers: the case file as the reader may see it, what it lacks, where
     * it stands (the opening of an archived one is audited by {@link RecordArchive#opened}), and
     * whether any file is attached to it, all read with it.
     */
    public record Shown(CaseRecord record, List<String> missingRequired, RecordArchive.Standing standing,
                        boolean hasFiles) {}

    /** A case file as {@link #read} gives it, and where it stands, from one read (the API's GET). */
    public Opened readOpened(TenantId tenantId, RecordId id, Actor reader, boolean confidentialGrant) {
        Opened stored = withStanding(tenantId, jdbi.withHandle(handle -> new RecordDao(handle).findOpened(tenantId, id))
                .orElseThrow(() -> new NoSuchRecordException(id.toString())));
        return new Opened(visibleTo(stored.record(), reader, confidentialGrant), stored.standing());
    }

    /** A case file and where it stands in its service's lifecycle. */
    public record Opened(CaseRecord record, RecordArchive.Standing standing) {}

    private Opened withStanding(TenantId tenantId, RecordDao.OpenedRow read) {
        RecordDao.StoredRow row = read.row();
        return new Opened(caseRecord(tenantId, row), RecordArchive.standing(clock.instant(), read.retention(),
                row.lastActivityAt(), read.hold()));
    }

    private CaseRecord visibleTo(CaseRecord record, Actor reader, boolean confidentialGrant) {
        TenantId tenantId = record.tenantId();
        RecordId id = record.id();
        CompiledForm form = forms.latest(tenantId, record.formKey());
        JsonNode visible = HiddenData.of(form, confidentialGrant).visible(record.data());
        if (confidentialGrant && form.confidential().holdsValue(visible)) {
            jdbi.useHandle(handle -> audit.record(handle, tenantId, reader, "record.confidential.read", TARGET,
                    id.toString(), details(record.formKey(), record.schemaVersion(), record.lockVersion())));
        }
        return withData(record, visible);
    }

    /**
     * What a save stores: the data, and whether it lacks a field the form requires ("à compléter",
     * possible only for a field an existing case file is exempt from).
     */
    /**
     * What a save stores, whether it is still to complete, and what it carried over: a group carried
     * over (hidden from its author, or outside the page's scope) was not posted, so its rows are not
     * removals by this save.
     */
    private record Writable(JsonNode data, boolean toComplete, Set<String> carried) {
        boolean removable(String groupPointer, FormScope scope) {
            String rootKey = groupPointer.substring(1).split("/", 2)[0];
            return scope.shows(rootKey) && carried.stream()
                    .noneMatch(pointer -> groupPointer.equals(pointer) || groupPointer.startsWith(pointer + "/"));
        }
    }

    /**
     * The data to store for this post: the posted values the caller could see and edit, with
     * everything hidden from them carried over from {@code stored} (null for a new record), pruned
     * of what a display condition hides, and valid against the form, except that a required field
     * {@code exempt} names (by error pointer) may be missing: a field required of new case files only.
     *
     * @throws RecordValidationException with every field error, the refused posts included
     */
    private Writable writable(TenantId tenantId, CompiledForm form, JsonNode posted, JsonNode stored,
                              boolean confidentialGrant, Locale locale, Predicate<String> exempt, FormScope scope) {
        return writable(tenantId, form, posted, stored, confidentialGrant, locale, exempt, scope, serviceRules);
    }

    /** As above, with the service's rules given: a batch's, which read the service's settings once. */
    private Writable writable(TenantId tenantId, CompiledForm form, JsonNode posted, JsonNode stored,
                              boolean confidentialGrant, Locale locale, Predicate<String> exempt, FormScope scope,
                              RecordCheck serviceRules) {
        if (posted == null || !posted.isObject()) {
            throw new IllegalArgumentException("record data must be a JSON object");
        }
        List<FieldError> beyondLimits = validator.limits(form, posted, locale); // before anything walks the rows
        if (!beyondLimits.isEmpty()) {
            throw new RecordValidationException(beyondLimits);
        }
        List<FieldError> errors = new ArrayList<>();
        if (!confidentialGrant) {
            for (String pointer : form.confidential().postedPointers(posted)) {
                errors.add(new FieldError(pointer, "confidential", messages.general("confidentialField", locale)));
            }
        }
        HiddenData.Merged merged = HiddenData.of(form, confidentialGrant, scope).carryOver(posted, stored);
        for (ConfidentialFields.Problem problem : merged.problems()) {
            errors.add(new FieldError(problem.pointer(), problem.code(),
                    messages.forField(problem.pointer(), problem.code(), Optional.empty(), locale)));
        }
        JsonNode pruned = pruner.prune(form.effectiveSchema(), merged.data());
        // Without the grant, a confidential value a changed condition would hide stays: its author cannot see it.
        JsonNode clean = confidentialGrant ? pruned : form.confidential().keepPruned(pruned, merged.data());
        boolean toComplete = false;
        for (FieldError error : validator.validate(form, clean, locale)) {
            // A required gap the author is exempt from (required of new case files only), or that the
            // page does not show (a section save), does not refuse: the case file stays "à compléter".
            if ("required".equals(error.code())
                    && (exempt.test(error.path()) || !scope.refuses(error.code(), error.path()))) {
                toComplete = true;
                continue;
            }
            // What was carried over is not this form's to judge: it is kept as it was stored.
            if (!(HiddenData.HIDDEN_CHANGED.equals(error.code()) && merged.carriedPointers().contains(error.path()))) {
                errors.add(error);
            }
        }
        errors.addAll(serviceRules.check(tenantId, clean, stored, locale));
        if (!errors.isEmpty()) {
            throw new RecordValidationException(errors);
        }
        return new Writable(clean, toComplete, merged.carriedPointers());
    }

    private static CaseRecord withData(CaseRecord record, JsonNode data) {
        return new CaseRecord(record.tenantId(), record.id(), record.formKey(), record.schemaVersion(), data,
                record.lockVersion(), record.createdAt(), record.createdBy(), record.updatedAt(), record.updatedBy());
    }

    public CaseRecord get(TenantId tenantId, RecordId id) {
        RecordDao.StoredRow row = jdbi.withHandle(handle -> new RecordDao(handle).find(tenantId, id))
                .orElseThrow(() -> new NoSuchRecordException(id.toString()));
        return caseRecord(tenantId, row);
    }

    /** The case file a stored row holds, its sealed values opened. */
    private CaseRecord caseRecord(TenantId tenantId, RecordDao.StoredRow row) {
        return new CaseRecord(tenantId, row.id(), row.formKey(), row.schemaVersion(), opened(tenantId, row.id(), row.data()),
                row.lockVersion(), row.createdAt(), row.createdBy(), row.updatedAt(), row.updatedBy());
    }

    public RecordPage search(TenantId tenantId, RecordQuery query) {
        return jdbi.withHandle(handle -> new RecordDao(handle).search(tenantId, query, clock.instant()));
    }

    /** Every case file a search finds, read page by page with its data opened: what an export reads. */
    public RecordStream stream() {
        return new RecordStream(jdbi, this::opened, clock);
    }

    /** The référent values stored in the service's case files, at most {@code limit}, for the list's filter. */
    public List<String> referents(TenantId tenantId, String formKey, int limit) {
        return jdbi.withHandle(handle -> new RecordDao(handle).referents(tenantId, formKey, limit));
    }

    /** Inserts already-validated records in one transaction (demo seeding, benchmark loading). */
    public void insertValidated(Handle handle, TenantId tenantId, CompiledForm form, JsonNode data, Actor actor, Instant at) {
        RecordId id = RecordId.generate();
        new RecordDao(handle).insert(tenantId, id, form.formKey(), form.version(), sealed(tenantId, id, form, data), at,
                actor.id());
        history.keep(handle, tenantId, id, 1, form, null, data, actor.id(), at);
        audit.record(handle, tenantId, actor, "record.created", TARGET, id.toString(), details(form.formKey(), form.version(), 1));
    }

    /** The field errors of some data against a form, without storing anything. */
    public List<FieldError> check(CompiledForm form, JsonNode data, Locale locale) {
        return validator.validate(form, pruner.prune(form.effectiveSchema(), ConfidentialFields.withoutRowIds(data)),
                locale);
    }

    /** Prunes invisible fields, validates, and returns the data to store. */
    public JsonNode validated(CompiledForm form, JsonNode data, Locale locale) {
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("record data must be a JSON object");
        }
        JsonNode clean = pruner.prune(form.effectiveSchema(), data);
        List<FieldError> errors = validator.validate(form, clean, locale);
        if (!errors.isEmpty()) {
            throw new RecordValidationException(errors);
        }
        return clean;
    }

    private ObjectNode details(String formKey, int schemaVersion, int lockVersion) {
        return json.createObjectNode().put("form", formKey).put("schemaVersion", schemaVersion).put("version", lockVersion);
    }

    /** The data as stored: its confidential values sealed (crypto/ConfidentialCipher). */
    private String sealed(TenantId tenantId, RecordId id, CompiledForm form, JsonNode data) {
        return cipher == null ? data.toString() : cipher.sealRecord(tenantId, id, form.confidential(), data).toString();
    }

    /** Stored data with its sealed values opened. */
    JsonNode opened(TenantId tenantId, RecordId id, String stored) {
        JsonNode data = parse(stored);
        return cipher == null || !ConfidentialCipher.mayHoldSealed(stored) ? data : cipher.openRecord(tenantId, id, data);
    }

    /**
     * Stored data, written by this engine from a tree: read without the check for repeated keys
     * that request bodies get (the strict mapper's), which was a fifth of the parse.
     */
    private JsonNode parse(String text) {
        try {
            return storedReader.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored record data is not JSON", e);
        }
    }

    /**
     * Refuses a write to an archived case file (its row locked by the caller's transaction, so a
     * reactivation or a hold cannot interleave): the one check behind every save and delete.
     *
     * @throws ArchivedRecordException when the case file is archived or due for deletion and not held
     */
    private void requireWritable(Handle handle, TenantId tenantId, RecordDao.StoredRow stored) {
        boolean held = new HoldDao(handle).find(tenantId, stored.id()).isPresent();
        if (CaseFilePhase.readOnly(CaseFilePhase.of(RetentionPolicies.at(handle, tenantId, clock.instant()),
                stored.lastActivityAt(), held))) {
            throw new ArchivedRecordException(stored.id().toString());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A confidential field's old and new values in the history, sealed like the case file's, bound to it. */
    private static HistoryValues.Seal historySeal(ConfidentialCipher cipher) {
        if (cipher == null) {
            return HistoryValues.UNSEALED;
        }
        return new HistoryValues.Seal() {
            @Override
            public String seal(TenantId tenantId, RecordId recordId, String clear) {
                return cipher.sealText(tenantId, "history:" + recordId, clear);
            }

            @Override
            public String open(TenantId tenantId, RecordId recordId, String sealed) {
                return cipher.openText(tenantId, "history:" + recordId, sealed);
            }
        };
    }
}
