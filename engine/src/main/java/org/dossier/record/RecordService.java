package org.dossier.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.CompiledForm;
import org.dossier.form.ConfidentialFields;
import org.dossier.form.FormService;
import org.dossier.form.InvisibleFieldPruner;
import org.dossier.tenant.TenantId;
import org.dossier.validation.FieldError;
import org.dossier.validation.Messages;
import org.dossier.validation.RecordValidator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates, updates, deletes and reads case files. Data is validated against the latest published
 * version of the tenant's form; each write and its audit event commit in one transaction.
 */
public final class RecordService {
    private static final String TARGET = "record";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final FormService forms;
    private final RecordValidator validator;
    private final Messages messages;
    private final InvisibleFieldPruner pruner;
    private final AuditLog audit;

    public RecordService(Jdbi jdbi, ObjectMapper json, FormService forms, RecordValidator validator, Messages messages,
                         InvisibleFieldPruner pruner, AuditLog audit) {
        this.jdbi = jdbi;
        this.json = json;
        this.forms = forms;
        this.validator = validator;
        this.messages = messages;
        this.pruner = pruner;
        this.audit = audit;
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
        JsonNode clean = validated(form, writable(form, data, null, confidentialGrant, locale), confidentialGrant, locale);
        RecordId id = RecordId.generate();
        Instant now = now();
        String dataJson = clean.toString();
        jdbi.useTransaction(handle -> {
            new RecordDao(handle).insert(tenantId, id, formKey, form.version(), dataJson, now, actor.id());
            audit.record(handle, tenantId, actor, "record.created", TARGET, id.toString(),
                    details(formKey, form.version(), 1));
        });
        return new CaseRecord(tenantId, id, formKey, form.version(), clean, 1, now, actor.id(), now, actor.id());
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
     * As above, for a caller who may lack the confidential grant. Without it, the stored
     * confidential values are kept exactly as they are, whatever was posted: a form that did not
     * show them cannot erase them, and posting one explicitly is refused. Rows of groups holding
     * confidential fields are matched by the {@code _row} the masked read gave them; a stored row
     * left out of the post is refused rather than dropped (see {@link ConfidentialFields}).
     */
    public CaseRecord update(TenantId tenantId, RecordId id, int expectedLockVersion, JsonNode posted, Actor actor,
                             Locale locale, boolean confidentialGrant) {
        return jdbi.inTransaction(handle -> {
            RecordDao dao = new RecordDao(handle);
            RecordDao.StoredRow stored = dao.findForUpdate(tenantId, id)
                    .orElseThrow(() -> new NoSuchRecordException(id.toString()));
            int current = stored.lockVersion();
            if (current != expectedLockVersion) {
                throw new StaleRecordException(id.toString(), expectedLockVersion, current);
            }
            CompiledForm form = forms.latest(tenantId, stored.formKey());
            JsonNode clean = validated(form, writable(form, posted, parse(stored.data()), confidentialGrant, locale),
                    confidentialGrant, locale);
            Instant now = now();
            if (!dao.update(tenantId, id, expectedLockVersion, form.version(), clean.toString(), now, actor.id())) {
                throw new StaleRecordException(id.toString(), expectedLockVersion, current);
            }
            audit.record(handle, tenantId, actor, "record.updated", TARGET, id.toString(),
                    details(stored.formKey(), form.version(), expectedLockVersion + 1));
            return new CaseRecord(tenantId, id, stored.formKey(), form.version(),
                    confidentialGrant ? clean : form.confidential().mask(clean).data(), expectedLockVersion + 1,
                    stored.createdAt(), stored.createdBy(), now, actor.id());
        });
    }

    /** Deletes a record, checking its lock version when the caller gives one. */
    public void delete(TenantId tenantId, RecordId id, OptionalInt expectedLockVersion, Actor actor) {
        jdbi.useTransaction(handle -> {
            RecordDao dao = new RecordDao(handle);
            RecordDao.StoredRow stored = dao.findForUpdate(tenantId, id)
                    .orElseThrow(() -> new NoSuchRecordException(id.toString()));
            int current = stored.lockVersion();
            if (expectedLockVersion.isPresent() && expectedLockVersion.getAsInt() != current) {
                throw new StaleRecordException(id.toString(), expectedLockVersion.getAsInt(), current);
            }
            dao.delete(tenantId, id);
            audit.record(handle, tenantId, actor, "record.deleted", TARGET, id.toString(),
                    details(stored.formKey(), stored.schemaVersion(), current));
        });
    }

    /**
     * A record as one reader may see it. Without the grant its confidential values are removed;
     * with it, a read that reveals any confidential value is an audit event.
     */
    public CaseRecord read(TenantId tenantId, RecordId id, Actor reader, boolean confidentialGrant) {
        CaseRecord record = get(tenantId, id);
        CompiledForm form = forms.version(tenantId, record.formKey(), record.schemaVersion());
        if (!confidentialGrant) {
            return withData(record, form.confidential().mask(record.data()).data());
        }
        if (form.confidential().holdsValue(record.data())) {
            jdbi.useHandle(handle -> audit.record(handle, tenantId, reader, "record.confidential.read", TARGET,
                    id.toString(), details(record.formKey(), record.schemaVersion(), record.lockVersion())));
        }
        return record;
    }

    /**
     * The posted data as this caller may store it. With the grant, the post is taken as it is, less
     * the row identities it needs not send. Without it, posting a confidential value is refused
     * and the stored ones are carried over ({@code stored} is null for a new record).
     */
    private JsonNode writable(CompiledForm form, JsonNode posted, JsonNode stored, boolean confidentialGrant,
                              Locale locale) {
        if (posted == null || !posted.isObject()) {
            return posted; // refused by validated()
        }
        List<FieldError> beyondLimits = validator.limits(form, posted, locale); // before anything walks the rows
        if (!beyondLimits.isEmpty()) {
            throw new RecordValidationException(beyondLimits);
        }
        ConfidentialFields confidential = form.confidential();
        if (confidentialGrant) {
            return confidential.withoutRowIds(posted);
        }
        List<FieldError> errors = new ArrayList<>();
        for (String pointer : confidential.postedPointers(posted)) {
            errors.add(new FieldError(pointer, "confidential", messages.general("confidentialField", locale)));
        }
        ConfidentialFields.Kept kept = confidential.keepStored(posted, stored);
        for (ConfidentialFields.Problem problem : kept.problems()) {
            errors.add(new FieldError(problem.pointer(), problem.code(),
                    messages.forField(problem.pointer(), problem.code(), Optional.empty(), locale)));
        }
        if (!errors.isEmpty()) {
            throw new RecordValidationException(errors);
        }
        return kept.data();
    }

    private static CaseRecord withData(CaseRecord record, JsonNode data) {
        return new CaseRecord(record.tenantId(), record.id(), record.formKey(), record.schemaVersion(), data,
                record.lockVersion(), record.createdAt(), record.createdBy(), record.updatedAt(), record.updatedBy());
    }

    public CaseRecord get(TenantId tenantId, RecordId id) {
        RecordDao.StoredRow row = jdbi.withHandle(handle -> new RecordDao(handle).find(tenantId, id))
                .orElseThrow(() -> new NoSuchRecordException(id.toString()));
        return new CaseRecord(tenantId, row.id(), row.formKey(), row.schemaVersion(), parse(row.data()), row.lockVersion(),
                row.createdAt(), row.createdBy(), row.updatedAt(), row.updatedBy());
    }

    public RecordPage search(TenantId tenantId, RecordQuery query) {
        return jdbi.withHandle(handle -> new RecordDao(handle).search(tenantId, query));
    }

    /** Inserts already-validated records in one transaction (demo seeding, benchmark loading). */
    public void insertValidated(Handle handle, TenantId tenantId, CompiledForm form, JsonNode data, Actor actor, Instant at) {
        RecordId id = RecordId.generate();
        new RecordDao(handle).insert(tenantId, id, form.formKey(), form.version(), data.toString(), at, actor.id());
        audit.record(handle, tenantId, actor, "record.created", TARGET, id.toString(), details(form.formKey(), form.version(), 1));
    }

    /** The field errors of some data against a form, without storing anything. */
    public List<FieldError> check(CompiledForm form, JsonNode data, Locale locale) {
        return validator.validate(form, pruner.prune(form.effectiveSchema(), form.confidential().withoutRowIds(data)),
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

    /**
     * As {@link #validated(CompiledForm, JsonNode, Locale)}; without the grant, a confidential value
     * that pruning would drop (its field hidden by a condition the post changed) is kept, since the
     * member saving cannot see it. A member who sees it lets minimisation drop it at their save.
     */
    private JsonNode validated(CompiledForm form, JsonNode data, boolean confidentialGrant, Locale locale) {
        if (confidentialGrant || data == null || !data.isObject()) {
            return validated(form, data, locale);
        }
        JsonNode clean = form.confidential().keepPruned(pruner.prune(form.effectiveSchema(), data), data);
        List<FieldError> errors = validator.validate(form, clean, locale);
        if (!errors.isEmpty()) {
            throw new RecordValidationException(errors);
        }
        return clean;
    }

    private ObjectNode details(String formKey, int schemaVersion, int lockVersion) {
        return json.createObjectNode().put("form", formKey).put("schemaVersion", schemaVersion).put("version", lockVersion);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored record data is not JSON", e);
        }
    }

    /** Microsecond precision, as stored in DATETIME(6): what we return equals what we read back. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
